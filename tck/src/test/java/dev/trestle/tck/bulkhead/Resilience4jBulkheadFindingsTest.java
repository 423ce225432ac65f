package dev.trestle.tck.bulkhead;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import org.junit.jupiter.api.Test;

/**
 * What the kit finds in Resilience4j's bulkhead, kept true: the rule it fails still fails, so that
 * the excused rule in {@link Resilience4jBulkheadConformanceTest} is re-enabled when upstream
 * fixes it.
 */
class Resilience4jBulkheadFindingsTest {

  @Test
  void aReleaseWithoutAPermitRaisesResilience4jsLimit() {
    RuleRun run = KitSelfTest.run(Resilience4jBulkheadConformanceTest.AllRules.class, "BULKHEAD-6.2");
    assertTrue(run.failed, "Resilience4j now passes BULKHEAD-6.2; enable it in Resilience4jBulkheadConformanceTest: " + run);
    assertTrue(run.message.contains("expected permits granted after a stray release (the limit) (1) but saw 2"), run.message);
  }

  @Test
  void anInterruptedTryAcquireIsAPlainFalseInResilience4j() {
    RuleRun run = KitSelfTest.run(Resilience4jBulkheadConformanceTest.AllRules.class, "BULKHEAD-8.3");
    assertTrue(run.failed, "Resilience4j now passes BULKHEAD-8.3; enable it in Resilience4jBulkheadConformanceTest: " + run);
    assertTrue(run.message.contains("expected tryAcquirePermission(wait) failing with InterruptedException but saw returned false"),
        run.message);
  }
}
