package dev.trestle.tck.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Proves every HEDGE rule can fail: each broken hedge is caught by the rule it breaks, and the same hedge without its fault passes every rule. */
class BrokenHedgeSelfTest {

  private static final List<Caught> CAUGHT = List.of(
      new Caught(BrokenHedges.HedgesImmediately.class, "HEDGE-1.1"),
      new Caught(BrokenHedges.HedgesImmediately.class, "HEDGE-1.2"),
      new Caught(BrokenHedges.OneHedgeTooMany.class, "HEDGE-1.2"),
      new Caught(BrokenHedges.HedgesAfterAnswer.class, "HEDGE-1.3"),
      new Caught(BrokenHedges.NullIsNoAnswer.class, "HEDGE-2.1"),
      new Caught(BrokenHedges.NeverCancelsLosers.class, "HEDGE-2.2"),
      new Caught(BrokenHedges.CancelsWithoutInterrupt.class, "HEDGE-2.3"),
      new Caught(BrokenHedges.WaitsForLosers.class, "HEDGE-2.4"),
      new Caught(BrokenHedges.IgnoresCallerCancel.class, "HEDGE-2.5"),
      new Caught(BrokenHedges.FailsOnFirstFailure.class, "HEDGE-3.1"),
      new Caught(BrokenHedges.HedgesOnFailure.class, "HEDGE-3.2"),
      new Caught(BrokenHedges.FirstFailureWins.class, "HEDGE-3.3"),
      new Caught(BrokenHedges.DropsEarlierFailures.class, "HEDGE-3.3"),
      new Caught(BrokenHedges.WrapsFailure.class, "HEDGE-3.4"),
      new Caught(BrokenHedges.IgnoresBudget.class, "HEDGE-4.1"),
      new Caught(BrokenHedges.KeepsAskingAfterDenial.class, "HEDGE-4.2"),
      new Caught(BrokenHedges.NoFloor.class, "HEDGE-4.3"),
      new Caught(BrokenHedges.IgnoresDeadline.class, "HEDGE-5.1"),
      new Caught(BrokenHedges.IgnoresDeadline.class, "HEDGE-5.2"),
      new Caught(BrokenHedges.IgnoresDeadline.class, "HEDGE-5.3"),
      new Caught(BrokenHedges.LosesDeadlineOnHedges.class, "HEDGE-5.4"),
      new Caught(BrokenHedges.PercentileWithoutFloor.class, "HEDGE-6.1"),
      new Caught(BrokenHedges.FixedAtFloor.class, "HEDGE-6.2"),
      new Caught(BrokenHedges.WindowNeverForgets.class, "HEDGE-6.2"),
      new Caught(BrokenHedges.PercentileWithoutFloor.class, "HEDGE-6.3"),
      new Caught(BrokenHedges.LeaksTimer.class, "HEDGE-7.1"),
      new Caught(BrokenHedges.LeaksThread.class, "HEDGE-7.2"),
      new Caught(BrokenHedges.NeverCancelsLosers.class, "HEDGE-7.2"),
      new Caught(BrokenHedges.CountsHedgedAsWon.class, "HEDGE-8.1"),
      new Caught(BrokenHedges.ReportsConfiguredDelay.class, "HEDGE-8.2"),
      new Caught(BrokenHedges.SharedCallState.class, "HEDGE-9.1"),
      new Caught(BrokenHedges.NullFailsFuture.class, "HEDGE-10.1"),
      new Caught(BrokenHedges.DelayToMillis.class, "HEDGE-1.4"),
      new Caught(BrokenHedges.ThrownAttemptEndsCall.class, "HEDGE-3.5"),
      new Caught(BrokenHedges.InterruptLeavesAttempts.class, "HEDGE-5.5"),
      new Caught(BrokenHedges.ThrowingAttemptNotCounted.class, "HEDGE-8.3"));

  private static final class Caught {
    final Class<?> kit;
    final String rule;

    Caught(Class<?> kit, String rule) {
      this.kit = kit;
      this.rule = rule;
    }
  }

  @TestFactory
  Stream<DynamicTest> eachBrokenHedgeFailsTheRuleItBreaks() {
    return CAUGHT.stream().map(caught -> DynamicTest.dynamicTest(caught.kit.getSimpleName() + " fails " + caught.rule, () -> {
      RuleRun run = KitSelfTest.run(caught.kit, caught.rule);
      assertTrue(run.failed, caught.kit.getSimpleName() + " should fail " + caught.rule + " but " + run);
      assertTrue(run.message.startsWith(caught.rule + " violated by FaultyHedge("), run.message);
    }));
  }

  @TestFactory
  Stream<DynamicTest> theSameHedgeWithoutItsFaultPassesEveryRule() {
    return KitSelfTest.ruleIds(HedgeTck.class).stream()
        .map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(BrokenHedges.Faultless.class, rule);
          assertFalse(run.failed || run.skipped, run.toString());
        }));
  }

  @Test
  void everyRuleIsProvenAbleToFail() {
    Set<String> proven = CAUGHT.stream().map(c -> c.rule).collect(Collectors.toCollection(LinkedHashSet::new));
    assertEquals(new LinkedHashSet<>(KitSelfTest.ruleIds(HedgeTck.class)), proven);
  }
}
