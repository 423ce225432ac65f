package dev.trestle.tck.timeout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves each TIMEOUT rule can fail: every broken limiter is caught by the rule it breaks. */
class BrokenTimeLimiterSelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenLimiterFailsTheRuleItBreaks() {
    return Stream.of(
            caught(BrokenTimeLimiters.NeverTimesOut.class, "TIMEOUT-2.1"),
            caught(BrokenTimeLimiters.CallerRuns.class, "TIMEOUT-2.2"),
            caught(BrokenTimeLimiters.TimesOutEarly.class, "TIMEOUT-2.3"),
            caught(BrokenTimeLimiters.LeaksWorkerThread.class, "TIMEOUT-4.1"),
            caught(BrokenTimeLimiters.SwallowsException.class, "TIMEOUT-1.2"),
            caught(BrokenTimeLimiters.WrapsException.class, "TIMEOUT-1.3"),
            caught(BrokenTimeLimiters.DoesNotCancel.class, "TIMEOUT-3.1"),
            caught(BrokenTimeLimiters.AlwaysInterrupts.class, "TIMEOUT-3.2"),
            caught(BrokenTimeLimiters.IgnoresDeadline.class, "TIMEOUT-6.1"),
            caught(BrokenTimeLimiters.AsyncLeavesStagePending.class, "TIMEOUT-7.4"),
            caught(BrokenTimeLimiters.AsyncTimerLeaksOnThrow.class, "TIMEOUT-7.5"),
            caught(BrokenTimeLimiters.AsyncTruncatesToMillis.class, "TIMEOUT-7.6"),
            caught(BrokenTimeLimiters.SyncTruncatesToMillis.class, "TIMEOUT-8.1"),
            caught(BrokenTimeLimiters.DeadlineToMillis.class, "TIMEOUT-8.2"),
            caught(BrokenTimeLimiters.InterruptAsTimeout.class, "TIMEOUT-8.3"),
            caught(BrokenTimeLimiters.InterruptLeavesTask.class, "TIMEOUT-8.4"));
  }

  @TestFactory
  Stream<DynamicTest> theSameLimiterWithoutItsFaultPassesThoseRules() {
    return Stream.of("TIMEOUT-1.2", "TIMEOUT-1.3", "TIMEOUT-2.1", "TIMEOUT-2.3", "TIMEOUT-3.1", "TIMEOUT-3.2",
            "TIMEOUT-4.1", "TIMEOUT-6.1", "TIMEOUT-7.4",
            "TIMEOUT-7.5", "TIMEOUT-7.6", "TIMEOUT-8.1", "TIMEOUT-8.2", "TIMEOUT-8.3", "TIMEOUT-8.4")
        .map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(BrokenTimeLimiters.Faultless.class, rule);
          assertFalse(run.failed || run.skipped, run.toString());
        }));
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyTimeLimiter("), run.message);
    });
  }
}
