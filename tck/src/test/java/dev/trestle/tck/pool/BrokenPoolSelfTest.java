package dev.trestle.tck.pool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves the POOL rules can fail: every broken pool is caught by the rule it breaks. */
class BrokenPoolSelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenPoolFailsTheRuleItBreaks() {
    return Stream.of(
        caught(BrokenPools.DoubleLease.class, "POOL-1.1"),
        caught(BrokenPools.OverflowsMaxSize.class, "POOL-1.2"),
        caught(BrokenPools.CreatesOnCaller.class, "POOL-2.2"),
        caught(BrokenPools.DestroysTwice.class, "POOL-3.1"),
        caught(BrokenPools.LeaksSlotOnFailure.class, "POOL-4.1"),
        caught(BrokenPools.Unfair.class, "POOL-6.1"),
        caught(BrokenPools.NoCreationDeadline.class, "POOL-2.4"),
        caught(BrokenPools.IgnoresTimeoutArgument.class, "POOL-2.5"),
        caught(BrokenPools.TruncatesToMillis.class, "POOL-2.5"),
        caught(BrokenPools.DiesOnError.class, "POOL-4.2"));
  }

  @TestFactory
  Stream<DynamicTest> theSamePoolWithoutItsFaultPassesThoseRules() {
    return Stream.of("POOL-1.1", "POOL-1.2", "POOL-2.2", "POOL-3.1", "POOL-4.1", "POOL-6.1", "POOL-2.4", "POOL-4.2")
        .map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(BrokenPools.Faultless.class, rule);
          assertFalse(run.failed || run.skipped, run.toString());
        }));
  }

  @org.junit.jupiter.api.Test
  void theSamePoolOnAManualTickerPassesTheTimeoutVariantsRule() {
    RuleRun run = KitSelfTest.run(BrokenPools.FaultlessOnManualTicker.class, "POOL-2.5");
    assertFalse(run.failed || run.skipped, run.toString());
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyPool("), run.message);
    });
  }
}
