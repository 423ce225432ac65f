package dev.trestle.tck.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Proves each HASH rule can fail: every broken ring is caught by the rule it breaks. */
class BrokenRingSelfTest {

  /** Each rule with the broken rings that must fail it. */
  private static final Map<String, List<Class<?>>> CAUGHT = Map.ofEntries(
      Map.entry("HASH-1.1", List.of(BrokenRings.Nondeterministic.class)),
      Map.entry("HASH-1.2", List.of(BrokenRings.GrownDiffers.class, BrokenRings.RemovalReseeds.class)),
      Map.entry("HASH-1.3", List.of(BrokenRings.UnstableOrder.class)),
      Map.entry("HASH-1.4", List.of(BrokenRings.CharsHashedDifferently.class)),
      Map.entry("HASH-1.5", List.of(BrokenRings.Mutable.class)),
      Map.entry("HASH-2.1", List.of(BrokenRings.TooFewPoints.class)),
      Map.entry("HASH-3.1", List.of(BrokenRings.Modulo.class)),
      Map.entry("HASH-3.2", List.of(BrokenRings.RemovalReseeds.class, BrokenRings.Modulo.class)),
      Map.entry("HASH-3.3", List.of(BrokenRings.UnstableOrder.class)),
      Map.entry("HASH-3.4", List.of(BrokenRings.Modulo.class, BrokenRings.RemovalReseeds.class)),
      Map.entry("HASH-3.5", List.of(BrokenRings.RemovalKeepsWeight.class)),
      Map.entry("HASH-4.1", List.of(BrokenRings.WrapOffByOne.class)),
      Map.entry("HASH-5.1", List.of(BrokenRings.DuplicateReplicas.class)),
      Map.entry("HASH-5.2", List.of(BrokenRings.PrefixBroken.class)),
      Map.entry("HASH-5.3", List.of(BrokenRings.ExposesNodes.class, BrokenRings.SharesPreferenceLists.class)),
      Map.entry("HASH-6.1", List.of(BrokenRings.IgnoresWeights.class)),
      Map.entry("HASH-6.2", List.of(BrokenRings.MisreportsWeight.class)),
      Map.entry("HASH-7.1", List.of(BrokenRings.NotKetama.class)),
      Map.entry("HASH-7.2", List.of(BrokenRings.KetamaTieToLastAdded.class, BrokenRings.NotKetama.class)),
      Map.entry("HASH-8.1", List.of(BrokenRings.EmptyReturnsNull.class)),
      Map.entry("HASH-8.2", List.of(BrokenRings.AcceptsDuplicate.class)),
      Map.entry("HASH-8.3", List.of(BrokenRings.AcceptsNonPositiveWeight.class)),
      Map.entry("HASH-8.4", List.of(BrokenRings.CountUnchecked.class)),
      Map.entry("HASH-8.5", List.of(BrokenRings.NullKeyAsString.class)),
      Map.entry("HASH-9.1", List.of(BrokenRings.NotThreadSafe.class)),
      Map.entry("HASH-10.1", List.of(BrokenRings.KeyHashSeeded.class)),
      Map.entry("HASH-10.2", List.of(BrokenRings.OnPointGoesPast.class)));

  @Test
  void everyRuleOfTheKitHasABrokenRingThatFailsIt() {
    assertEquals(new TreeSet<>(KitSelfTest.ruleIds(HashRingTck.class)), new TreeSet<>(CAUGHT.keySet()));
  }

  @TestFactory
  Stream<DynamicTest> eachBrokenRingFailsTheRuleItBreaks() {
    return CAUGHT.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .flatMap(entry -> entry.getValue().stream().map(broken -> caught(broken, entry.getKey())));
  }

  @TestFactory
  Stream<DynamicTest> theSameRingWithoutAFaultPassesEveryRule() {
    return KitSelfTest.ruleIds(HashRingTck.class).stream()
        .filter(rule -> !rule.startsWith("HASH-7."))
        .map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(BrokenRings.Faultless.class, rule);
          assertFalse(run.failed || run.skipped, run.toString());
        }));
  }

  @TestFactory
  Stream<DynamicTest> theKetamaRingWithoutAFaultPassesTheKetamaRules() {
    return Stream.of("HASH-7.1", "HASH-7.2").map(rule -> DynamicTest.dynamicTest("faultless ketama passes " + rule, () -> {
      RuleRun run = KitSelfTest.run(BrokenRings.FaultlessKetama.class, rule);
      assertFalse(run.failed || run.skipped, run.toString());
    }));
  }

  /**
   * Each broken ring added for a known-answer rule (7.2, 10.1, 10.2) is caught by that rule alone:
   * every other rule it runs passes, which is what makes the rule necessary.
   */
  @TestFactory
  Stream<DynamicTest> theKnownAnswerFaultsAreCaughtByTheirRuleAlone() {
    Map<Class<?>, String> onlyBy = Map.of(BrokenRings.KetamaTieToLastAdded.class, "HASH-7.2",
        BrokenRings.KeyHashSeeded.class, "HASH-10.1", BrokenRings.OnPointGoesPast.class, "HASH-10.2");
    return onlyBy.entrySet().stream().flatMap(entry -> KitSelfTest.ruleIds(HashRingTck.class).stream()
        .filter(rule -> !rule.equals(entry.getValue()))
        .map(rule -> DynamicTest.dynamicTest(entry.getKey().getSimpleName() + " passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(entry.getKey(), rule);
          assertFalse(run.failed, run.toString());
        })));
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyRing("), run.message);
    });
  }
}
