package dev.trestle.tck.retry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves each RETRY rule named here can fail: every broken retry is caught by the rule it breaks. */
class BrokenRetrySelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenRetryFailsTheRuleItBreaks() {
    return Stream.of(
            caught(BrokenRetries.OneAttemptTooMany.class, "RETRY-1.3"),
            caught(BrokenRetries.WrapsFinalException.class, "RETRY-2.1"),
            caught(BrokenRetries.RetriesNonRetryable.class, "RETRY-2.2"),
            caught(BrokenRetries.IgnoresBackoff.class, "RETRY-4.1"),
            caught(BrokenRetries.IgnoresBackoff.class, "RETRY-4.2"),
            caught(BrokenRetries.JitterOutsideBounds.class, "RETRY-4.3"),
            caught(BrokenRetries.ConstantJitter.class, "RETRY-4.6"),
            caught(BrokenRetries.Overflows.class, "RETRY-4.7"),
            caught(BrokenRetries.RetriesPastDeadline.class, "RETRY-5.1"),
            caught(BrokenRetries.RetriesPastDeadline.class, "RETRY-5.2"),
            caught(BrokenRetries.RetriesPastDeadline.class, "RETRY-5.3"),
            caught(BrokenRetries.IgnoresBudget.class, "RETRY-6.1"),
            caught(BrokenRetries.IgnoresBudget.class, "RETRY-6.2"),
            caught(BrokenRetries.SwallowsInterruption.class, "RETRY-7.1"),
            caught(BrokenRetries.SharesAttemptCounter.class, "RETRY-10.1"),
            caught(BrokenRetries.SleepsAfterLastAttempt.class, "RETRY-1.4"),
            caught(BrokenRetries.DelayToMillis.class, "RETRY-4.8"),
            caught(BrokenRetries.DecorrelatedForgetsPrevious.class, "RETRY-4.9"),
            caught(BrokenRetries.ClearsInterruptStatus.class, "RETRY-7.2"),
            caught(BrokenRetries.EagerFirstAsyncAttempt.class, "RETRY-9.4"),
            caught(BrokenRetries.ErrorNotCounted.class, "RETRY-11.1"),
            caught(BrokenRetries.ResultBackoffNotGrown.class, "RETRY-3.3"),
            caught(BrokenRetries.StrictBackoffChecks.class, "RETRY-4.10"),
            caught(BrokenRetries.JitterExclusiveUpper.class, "RETRY-4.11"),
            caught(BrokenRetries.WaitsToTheDeadline.class, "RETRY-5.5"),
            caught(BrokenRetries.RequestRecordedOnFailure.class, "RETRY-6.4"),
            caught(BrokenRetries.DetachedAsyncFuture.class, "RETRY-9.5"),
            caught(BrokenRetries.DenialNotCounted.class, "RETRY-11.2"),
            caught(BrokenRetries.ConfigWithoutBackoff.class, "RETRY-8.3"),
            caught(BrokenRetries.GiveUpNotToldOnResult.class, "RETRY-12.1"),
            caught(BrokenRetries.RootCauseOfAsyncFailures.class, "RETRY-9.6"));
  }

  @TestFactory
  Stream<DynamicTest> theSameRetryWithoutItsFaultPassesThoseRules() {
    return Stream.of("RETRY-1.3", "RETRY-2.1", "RETRY-2.2", "RETRY-4.1", "RETRY-4.2", "RETRY-4.3", "RETRY-4.6",
            "RETRY-4.7", "RETRY-5.1", "RETRY-5.2", "RETRY-5.3", "RETRY-6.1", "RETRY-6.2", "RETRY-7.1", "RETRY-10.1",
            "RETRY-1.4", "RETRY-4.8", "RETRY-4.9", "RETRY-7.2", "RETRY-11.1", "RETRY-3.3", "RETRY-4.10", "RETRY-4.11",
            "RETRY-5.5", "RETRY-6.4", "RETRY-11.2", "RETRY-8.3", "RETRY-12.1")
        .map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(BrokenRetries.Faultless.class, rule);
          assertFalse(run.failed || run.skipped, run.toString());
        }));
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyRetry("), run.message);
    });
  }
}
