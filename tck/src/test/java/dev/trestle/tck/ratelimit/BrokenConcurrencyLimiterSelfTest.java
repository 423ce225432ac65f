package dev.trestle.tck.ratelimit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves each CONCURRENCY rule can fail: every broken limiter is caught by the rule it breaks. */
class BrokenConcurrencyLimiterSelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenLimiterFailsTheRuleItBreaks() {
    return Stream.of(
        caught(BrokenConcurrencyLimiters.OffByOne.class, "CONCURRENCY-1.1"),
        caught(BrokenConcurrencyLimiters.OffByOne.class, "CONCURRENCY-1.2"),
        caught(BrokenConcurrencyLimiters.NonIdempotent.class, "CONCURRENCY-1.3"),
        caught(BrokenConcurrencyLimiters.IgnoresDrops.class, "CONCURRENCY-2.1"),
        caught(BrokenConcurrencyLimiters.IgnoresLatency.class, "CONCURRENCY-2.2"),
        caught(BrokenConcurrencyLimiters.NeverGrows.class, "CONCURRENCY-2.3"),
        caught(BrokenConcurrencyLimiters.Unclamped.class, "CONCURRENCY-2.4"),
        caught(BrokenConcurrencyLimiters.LeaksOnError.class, "CONCURRENCY-3.1"),
        caught(BrokenConcurrencyLimiters.KeepsSlotOnInterrupt.class, "CONCURRENCY-3.2"),
        caught(BrokenConcurrencyLimiters.Miscounts.class, "CONCURRENCY-4.1"),
        caught(BrokenConcurrencyLimiters.LostUpdate.class, "CONCURRENCY-4.2"),
        caught(BrokenConcurrencyLimiters.EarlyTimeout.class, "CONCURRENCY-5.1"),
        caught(BrokenConcurrencyLimiters.WrongOrder.class, "CONCURRENCY-5.2"),
        caught(BrokenConcurrencyLimiters.NoReserve.class, "CONCURRENCY-5.3"));
  }

  @TestFactory
  Stream<DynamicTest> theSameLimiterWithoutItsFaultPassesEveryRule() {
    return KitSelfTest.ruleIds(ConcurrencyLimiterTck.class).stream()
        .map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(BrokenConcurrencyLimiters.Faultless.class, rule);
          assertFalse(run.failed || run.skipped, run.toString());
        }));
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyConcurrencyLimiter("), run.message);
    });
  }
}
