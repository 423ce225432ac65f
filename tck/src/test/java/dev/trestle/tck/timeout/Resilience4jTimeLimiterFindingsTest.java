package dev.trestle.tck.timeout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import org.junit.jupiter.api.Test;

/**
 * What the kit finds in Resilience4j's time limiter, kept true: the rule it fails still fails, so
 * that the excused rule in {@link Resilience4jTimeLimiterConformanceTest} is re-enabled when
 * upstream fixes it.
 */
class Resilience4jTimeLimiterFindingsTest {

  @Test
  void anInterruptedCallerLeavesResilience4jsTaskRunning() {
    RuleRun run = KitSelfTest.run(Resilience4jTimeLimiterConformanceTest.AllRules.class, "TIMEOUT-8.4");
    assertTrue(run.failed, "Resilience4j now passes TIMEOUT-8.4; enable it in Resilience4jTimeLimiterConformanceTest: " + run);
    assertTrue(run.message.contains("expected the task interrupted once its caller gave up"), run.message);
  }
}
