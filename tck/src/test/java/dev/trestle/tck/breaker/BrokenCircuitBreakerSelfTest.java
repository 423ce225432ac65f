package dev.trestle.tck.breaker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves each BREAKER rule can fail: every broken breaker is caught by the rule it breaks. */
class BrokenCircuitBreakerSelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenBreakerFailsTheRuleItBreaks() {
    return Stream.of(
            caught(BrokenCircuitBreakers.StartsOpen.class, "BREAKER-1.1"),
            caught(BrokenCircuitBreakers.OpensBelowMinimum.class, "BREAKER-1.2"),
            caught(BrokenCircuitBreakers.NeverOpens.class, "BREAKER-1.3"),
            caught(BrokenCircuitBreakers.OpensOnlyAboveThreshold.class, "BREAKER-1.3"),
            caught(BrokenCircuitBreakers.OpensBelowThreshold.class, "BREAKER-1.4"),
            caught(BrokenCircuitBreakers.CumulativeWindow.class, "BREAKER-1.5"),
            caught(BrokenCircuitBreakers.ForgetsWindowWhenFull.class, "BREAKER-1.5"),
            caught(BrokenCircuitBreakers.WindowOneTooLarge.class, "BREAKER-1.5"),
            caught(BrokenCircuitBreakers.TimeWindowNeverExpires.class, "BREAKER-1.6"),
            caught(BrokenCircuitBreakers.IgnoresSlowCalls.class, "BREAKER-1.7"),
            caught(BrokenCircuitBreakers.SlowOnlyAboveDuration.class, "BREAKER-1.7"),
            caught(BrokenCircuitBreakers.PermitsWhileOpen.class, "BREAKER-2.1"),
            caught(BrokenCircuitBreakers.RunsRejectedTask.class, "BREAKER-2.1"),
            caught(BrokenCircuitBreakers.HalfWaitInOpen.class, "BREAKER-2.2"),
            caught(BrokenCircuitBreakers.VagueRejection.class, "BREAKER-2.3"),
            caught(BrokenCircuitBreakers.UnlimitedHalfOpen.class, "BREAKER-3.1"),
            caught(BrokenCircuitBreakers.RacyHalfOpen.class, "BREAKER-3.1"),
            caught(BrokenCircuitBreakers.KeepsWindowOnClose.class, "BREAKER-3.2"),
            caught(BrokenCircuitBreakers.ClosesOnFirstSuccess.class, "BREAKER-3.3"),
            caught(BrokenCircuitBreakers.ReopensWithoutWait.class, "BREAKER-3.4"),
            caught(BrokenCircuitBreakers.ReleaseLosesPermit.class, "BREAKER-3.5"),
            caught(BrokenCircuitBreakers.IgnoresMaxWaitInHalfOpen.class, "BREAKER-3.6"),
            caught(BrokenCircuitBreakers.NoWaitBackoff.class, "BREAKER-3.7"),
            caught(BrokenCircuitBreakers.CountsIgnoredAsFailure.class, "BREAKER-4.1"),
            caught(BrokenCircuitBreakers.CountsIgnoredAsSuccess.class, "BREAKER-4.1"),
            caught(BrokenCircuitBreakers.RecordWinsOverIgnore.class, "BREAKER-4.2"),
            caught(BrokenCircuitBreakers.RecordsUnlisted.class, "BREAKER-4.3"),
            caught(BrokenCircuitBreakers.IgnoresResult.class, "BREAKER-4.4"),
            caught(BrokenCircuitBreakers.DisabledOpens.class, "BREAKER-5.1"),
            caught(BrokenCircuitBreakers.ForcedOpenExpires.class, "BREAKER-5.2"),
            caught(BrokenCircuitBreakers.MetricsOnlyOpens.class, "BREAKER-5.3"),
            caught(BrokenCircuitBreakers.ExplicitCloseKeepsWindow.class, "BREAKER-5.4"),
            caught(BrokenCircuitBreakers.WrapsException.class, "BREAKER-6.1"),
            caught(BrokenCircuitBreakers.RunSwallowsException.class, "BREAKER-6.2"),
            caught(BrokenCircuitBreakers.AsyncRecordsAtStart.class, "BREAKER-6.3"),
            caught(BrokenCircuitBreakers.AcceptsNull.class, "BREAKER-6.4"),
            caught(BrokenCircuitBreakers.RateBelowMinimum.class, "BREAKER-7.1"),
            caught(BrokenCircuitBreakers.AnnouncesOpenAgain.class, "BREAKER-7.2"),
            caught(BrokenCircuitBreakers.SilentRejections.class, "BREAKER-7.3"),
            caught(BrokenCircuitBreakers.RacyCounters.class, "BREAKER-8.1"),
            caught(BrokenCircuitBreakers.WaitToMillis.class, "BREAKER-2.4"),
            caught(BrokenCircuitBreakers.ErrorNotRecorded.class, "BREAKER-6.5"),
            caught(BrokenCircuitBreakers.AsyncSupplierThrowUnrecorded.class, "BREAKER-6.6"),
            caught(BrokenCircuitBreakers.DecoratorsCountRejectionTwice.class, "BREAKER-7.4"),
            caught(BrokenCircuitBreakers.SuccessNeverDecides.class, "BREAKER-1.8"),
            caught(BrokenCircuitBreakers.SlowCallsNeverLeaveCountWindow.class, "BREAKER-1.9"),
            caught(BrokenCircuitBreakers.SlowBoundaryOnlyForSuccess.class, "BREAKER-1.10"),
            caught(BrokenCircuitBreakers.TimeWindowOneSecondLong.class, "BREAKER-1.11"),
            caught(BrokenCircuitBreakers.TimeWindowIgnoresSlowCalls.class, "BREAKER-1.12"),
            caught(BrokenCircuitBreakers.OpensFromTickerZero.class, "BREAKER-2.5"),
            caught(BrokenCircuitBreakers.FirstTrialFree.class, "BREAKER-3.8"),
            caught(BrokenCircuitBreakers.IgnoredTrialKeepsPermission.class, "BREAKER-4.5"),
            caught(BrokenCircuitBreakers.DecoratorsUntimed.class, "BREAKER-6.7"),
            caught(BrokenCircuitBreakers.NullStageUnrecorded.class, "BREAKER-6.8"),
            caught(BrokenCircuitBreakers.SlowRateUnknown.class, "BREAKER-7.5"),
            caught(BrokenCircuitBreakers.WrongName.class, "BREAKER-7.6"),
            caught(BrokenCircuitBreakers.SilentExplicitTransitions.class, "BREAKER-7.7"),
            caught(BrokenCircuitBreakers.TurningCallAlwaysGranted.class, "BREAKER-3.8"));
  }

  @TestFactory
  Stream<DynamicTest> theSameBreakerWithoutItsFaultPassesEveryRule() {
    return Stream.of("BREAKER-1.1", "BREAKER-1.2", "BREAKER-1.3", "BREAKER-1.4", "BREAKER-1.5", "BREAKER-1.6", "BREAKER-1.7", "BREAKER-2.1", "BREAKER-2.2", "BREAKER-2.3", "BREAKER-3.1", "BREAKER-3.2", "BREAKER-3.3", "BREAKER-3.4", "BREAKER-3.5", "BREAKER-3.6", "BREAKER-3.7", "BREAKER-4.1", "BREAKER-4.2", "BREAKER-4.3", "BREAKER-4.4", "BREAKER-5.1", "BREAKER-5.2", "BREAKER-5.3", "BREAKER-5.4", "BREAKER-6.1", "BREAKER-6.2", "BREAKER-6.3", "BREAKER-6.4", "BREAKER-7.1", "BREAKER-7.2", "BREAKER-7.3", "BREAKER-8.1", "BREAKER-2.4", "BREAKER-6.5", "BREAKER-6.6", "BREAKER-7.4",
            "BREAKER-1.8", "BREAKER-1.9", "BREAKER-1.10", "BREAKER-1.11", "BREAKER-1.12", "BREAKER-2.5", "BREAKER-3.8", "BREAKER-4.5", "BREAKER-6.7", "BREAKER-6.8", "BREAKER-7.5", "BREAKER-7.6", "BREAKER-7.7")
        .map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(BrokenCircuitBreakers.Faultless.class, rule);
          assertFalse(run.failed || run.skipped, run.toString());
        }));
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyCircuitBreaker("), run.message);
    });
  }
}
