package dev.trestle.tck.balance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves each BALANCE rule can fail: every broken balancer is caught by the rule it breaks. */
class BrokenBalancerSelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenBalancerFailsTheRuleItBreaks() {
    return Stream.of(
        caught(BrokenBalancers.StarvesLastNode.class, "BALANCE-1.1"),
        caught(BrokenBalancers.StaleSet.class, "BALANCE-1.2"),
        caught(BrokenBalancers.CancelLeaks.class, "BALANCE-1.3"),
        caught(BrokenBalancers.IgnoresWeights.class, "BALANCE-2.1"),
        caught(BrokenBalancers.PicksBusier.class, "BALANCE-3.1"),
        caught(BrokenBalancers.TwoChoicesAsLeast.class, "BALANCE-3.2"),
        caught(BrokenBalancers.IgnoresLatency.class, "BALANCE-3.3"),
        caught(BrokenBalancers.NeverReturns.class, "BALANCE-4.1"),
        caught(BrokenBalancers.CountsAllFailures.class, "BALANCE-4.2"),
        caught(BrokenBalancers.NoEjectionCap.class, "BALANCE-4.3"),
        caught(BrokenBalancers.FixedBackoff.class, "BALANCE-4.4"),
        caught(BrokenBalancers.RacyCount.class, "BALANCE-5.1"),
        caught(BrokenBalancers.UpdatesInPlace.class, "BALANCE-5.2"),
        caught(BrokenBalancers.IgnoresKey.class, "BALANCE-6.1"));
  }

  @TestFactory
  Stream<DynamicTest> theSameBalancersWithoutTheirFaultsPassEveryRuleTheyDeclare() {
    return Stream.of(
        passes(BrokenBalancers.FaultlessTwoChoices.class, "BALANCE-1.1", "BALANCE-1.2", "BALANCE-1.3", "BALANCE-2.1",
            "BALANCE-3.1", "BALANCE-4.1", "BALANCE-4.2", "BALANCE-4.3", "BALANCE-4.4", "BALANCE-5.1", "BALANCE-5.2"),
        passes(BrokenBalancers.FaultlessLeast.class, "BALANCE-3.2"),
        passes(BrokenBalancers.FaultlessLatency.class, "BALANCE-3.3"),
        passes(BrokenBalancers.FaultlessHash.class, "BALANCE-6.1"))
        .flatMap(s -> s);
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyBalancer("), run.message);
    });
  }

  private static Stream<DynamicTest> passes(Class<?> faultless, String... rules) {
    return Stream.of(rules).map(rule -> DynamicTest.dynamicTest(faultless.getSimpleName() + " passes " + rule, () -> {
      RuleRun run = KitSelfTest.run(faultless, rule);
      assertFalse(run.failed || run.skipped, run.toString());
    }));
  }
}
