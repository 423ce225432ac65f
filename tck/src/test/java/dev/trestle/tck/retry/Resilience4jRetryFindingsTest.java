package dev.trestle.tck.retry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import org.junit.jupiter.api.Test;

/**
 * What the kit finds in Resilience4j's retry, kept true: each rule excused in
 * {@link Resilience4jRetryConformanceTest} still fails, for the reason given there, so that the
 * excuse goes when upstream changes.
 */
class Resilience4jRetryFindingsTest {

  @Test
  void anInterruptedWaitEndsWithTheLastFailure() {
    RuleRun run = KitSelfTest.run(Resilience4jRetryConformanceTest.AllRules.class, "RETRY-7.2");
    assertTrue(run.failed, "Resilience4j now passes RETRY-7.2; drop its excuse: " + run);
    assertTrue(run.message.contains("but saw threw java.io.IOException: attempt 1"), run.message);
  }

  @Test
  void aThrowingSupplierThrowsOutOfCallAsync() {
    RuleRun run = KitSelfTest.run(Resilience4jRetryConformanceTest.AllRules.class, "RETRY-9.4");
    assertTrue(run.failed, "Resilience4j now passes RETRY-9.4; drop its excuse: " + run);
    assertTrue(run.message.contains("expected a future from callAsync (nothing thrown) but saw threw "
        + "java.lang.IllegalStateException: thrown by the supplier on attempt 1"), run.message);
  }

  @Test
  void aCallEndedByAnErrorIsNotCounted() {
    RuleRun run = KitSelfTest.run(Resilience4jRetryConformanceTest.AllRules.class, "RETRY-11.1");
    assertTrue(run.failed, "Resilience4j now passes RETRY-11.1; drop its excuse: " + run);
    assertTrue(run.message.contains("[2, 1, 2, 2] after call") && run.message.contains("but saw [2, 1, 1, 2]"), run.message);
  }

  @Test
  void aCallInterruptedInItsWaitIsNotCounted() {
    RuleRun run = KitSelfTest.run(Resilience4jRetryConformanceTest.AllRules.class, "RETRY-11.2");
    assertTrue(run.failed, "Resilience4j now passes RETRY-11.2; drop its excuse: " + run);
    assertTrue(run.message.contains("[0, 0, 1, 0, 0] after a call interrupted in its first wait but saw [0, 0, 0, 0, 0]"),
        run.message);
  }
}
