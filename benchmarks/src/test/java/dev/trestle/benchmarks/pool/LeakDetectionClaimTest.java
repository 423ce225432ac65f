package dev.trestle.benchmarks.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.benchmarks.pool.LeakDetectionClaim.Detection;
import dev.trestle.benchmarks.pool.LeakDetectionClaim.Exhaustion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks of the leak-detection claim, on figures made up for each case. */
class LeakDetectionClaimTest {

  private static final long MS = 1_000_000L;
  private static final Duration TOLERANCE = Duration.ofMillis(250);
  private static final String FRAME = "dev.trestle.benchmarks.pool.LeakDetectionClaim.leakOneConnection(LeakDetectionClaim.java:1)";

  @Test
  void aReportBetweenTheThresholdAndTheToleranceAfterItIsInTime() {
    assertTrue(new Detection(500 * MS, 501 * MS, 500 * MS, FRAME, 1).holds(TOLERANCE));
    assertTrue(new Detection(500 * MS, 750 * MS, 749 * MS, FRAME, 1).holds(TOLERANCE));
  }

  @Test
  void aReportTooEarlyTooLateOrMissingIsNotInTime() {
    assertFalse(new Detection(500 * MS, 500 * MS, 499 * MS, FRAME, 1).inTime(TOLERANCE), "before the threshold after the borrow");
    assertFalse(new Detection(500 * MS, 751 * MS, 750 * MS, FRAME, 1).inTime(TOLERANCE), "past the tolerance");
    Detection none = new Detection(500 * MS, -1, -1, null, 0);
    assertFalse(none.reported());
    assertFalse(none.holds(TOLERANCE));
  }

  @Test
  void aReportWithoutTheBorrowersFrameOrWithOtherLeasesCountedDoesNotHold() {
    assertFalse(new Detection(500 * MS, 600 * MS, 600 * MS, null, 1).holds(TOLERANCE));
    assertFalse(new Detection(500 * MS, 600 * MS, 600 * MS, FRAME, 2).holds(TOLERANCE), "a lease closed in time was reported");
  }

  @Test
  void theBorrowersFrameIsFoundByClassAndMethod() {
    Throwable takenAt = new Throwable("lease taken here");
    takenAt.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("dev.trestle.pool.DefaultObjectPool", "watch", "DefaultObjectPool.java", 1),
        new StackTraceElement("dev.trestle.pool.jdbc.PooledDataSource", "getConnection", "PooledDataSource.java", 2),
        new StackTraceElement(LeakDetectionClaim.class.getName(), "leakOneConnection", "LeakDetectionClaim.java", 3)});
    assertEquals(3, LeakDetectionClaim.borrowerFrame(takenAt).orElseThrow().getLineNumber());
    Throwable elsewhere = new Throwable();
    elsewhere.setStackTrace(new StackTraceElement[] {new StackTraceElement("other.Caller", "leakOneConnection", "Caller.java", 4)});
    assertTrue(LeakDetectionClaim.borrowerFrame(elsewhere).isEmpty(), "the same method name in another class is not the borrower");
  }

  @Test
  void thePoolRanDryOnlyWhenATimeoutCameWithEveryConnectionLeaked() {
    Exhaustion dry = new Exhaustion(4, 20, 80, 4, 120 * MS, 370 * MS, List.of(10 * MS, 40 * MS, 80 * MS, 119 * MS));
    assertTrue(dry.ranDry());
    assertEquals(80, dry.expectedServed());
    assertFalse(new Exhaustion(4, 20, 1_000, 3, -1, -1, List.of()).ranDry(), "no timeout within the guard");
    assertFalse(new Exhaustion(4, 20, 60, 3, 90 * MS, 340 * MS, List.of()).ranDry(), "a timeout with a connection still in the pool");
  }
}
