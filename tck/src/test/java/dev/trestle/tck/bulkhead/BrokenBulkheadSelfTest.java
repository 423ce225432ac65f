package dev.trestle.tck.bulkhead;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Proves each BULKHEAD rule a fault breaks can fail: every broken bulkhead is caught by that rule. */
class BrokenBulkheadSelfTest {

  @TestFactory
  Stream<DynamicTest> eachBrokenBulkheadFailsTheRuleItBreaks() {
    return Stream.of(
            caught(BrokenBulkheads.OffByOneLimit.class, "BULKHEAD-2.1"),
            caught(BrokenBulkheads.OffByOneLimit.class, "BULKHEAD-1.1"),
            caught(BrokenBulkheads.LeaksPermitOnThrow.class, "BULKHEAD-4.1"),
            caught(BrokenBulkheads.CheckThenAct.class, "BULKHEAD-1.1"),
            caught(BrokenBulkheads.Unfair.class, "BULKHEAD-3.4"),
            caught(BrokenBulkheads.RunsTaskWhenRejected.class, "BULKHEAD-2.2"),
            caught(BrokenBulkheads.LosesPermitOnInterrupt.class, "BULKHEAD-4.2"),
            caught(BrokenBulkheads.WrapsExceptions.class, "BULKHEAD-5.2"),
            caught(BrokenBulkheads.CountsRejectionTwice.class, "BULKHEAD-7.2"),
            caught(BrokenBulkheads.MaxWaitToMillis.class, "BULKHEAD-8.1"),
            caught(BrokenBulkheads.PerCallWaitToMillis.class, "BULKHEAD-8.2"),
            caught(BrokenBulkheads.LosesInterruptStatus.class, "BULKHEAD-8.3"),
            caught(BrokenBulkheads.AsyncSupplierThrowKeepsPermit.class, "BULKHEAD-8.4"));
  }

  @TestFactory
  Stream<DynamicTest> theSameBulkheadWithoutItsFaultPassesThoseRules() {
    return Stream.of("BULKHEAD-1.1", "BULKHEAD-2.1", "BULKHEAD-2.2", "BULKHEAD-3.4", "BULKHEAD-4.1", "BULKHEAD-4.2",
            "BULKHEAD-5.2", "BULKHEAD-7.2", "BULKHEAD-8.3", "BULKHEAD-8.4")
        .map(rule -> DynamicTest.dynamicTest("faultless passes " + rule, () -> {
          RuleRun run = KitSelfTest.run(BrokenBulkheads.Faultless.class, rule);
          assertFalse(run.failed || run.skipped, run.toString());
        }));
  }

  private static DynamicTest caught(Class<?> brokenKit, String rule) {
    return DynamicTest.dynamicTest(brokenKit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(brokenKit, rule);
      assertTrue(run.failed, brokenKit.getSimpleName() + " should fail " + rule + " but " + run);
      assertTrue(run.message.startsWith(rule + " violated by FaultyBulkhead("), run.message);
    });
  }
}
