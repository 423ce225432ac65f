package dev.trestle.tck.ratelimit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves the RATE rules named here can fail: every broken limiter is caught by the rule it breaks. */
class BrokenLimiterSelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenLimiterFailsTheRuleItBreaks() {
    return Stream.of(
        caught(BrokenLimiters.BoundaryDoubleBurst.class, "RATE-1.1"),
        caught(BrokenLimiters.BoundaryDoubleBurst.class, "RATE-2.2"),
        caught(BrokenLimiters.LostUpdate.class, "RATE-4.1"),
        caught(BrokenLimiters.LostUpdate.class, "RATE-1.2"),
        caught(BrokenLimiters.OverflowAfterIdle.class, "RATE-5.1"),
        caught(BrokenLimiters.WrongRetryAfter.class, "RATE-3.1"),
        caught(BrokenLimiters.WaitingChargesOne.class, "RATE-8.1"),
        caught(BrokenLimiters.WaitingUnchecked.class, "RATE-8.2"));
  }

  @TestFactory
  Stream<DynamicTest> theSameLimitersWithoutTheirFaultsPassEveryRule() {
    return Stream.of(BrokenLimiters.FaultlessBucket.class, BrokenLimiters.HonestFixedWindow.class)
        .flatMap(kit -> KitSelfTest.ruleIds(RateLimiterTck.class).stream()
            .map(rule -> DynamicTest.dynamicTest(kit.getSimpleName() + " passes " + rule, () -> {
              RuleRun run = KitSelfTest.run(kit, rule);
              assertFalse(run.failed || run.skipped, run.toString());
            })));
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyRateLimiter("), run.message);
    });
  }
}
