package dev.trestle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualTickerTest {

  @Test
  void readsOnlyWhatItWasAdvancedBy() {
    ManualTicker ticker = new ManualTicker(5);
    assertEquals(5, ticker.read());
    ticker.advance(Duration.ofMillis(2)).advance(3, TimeUnit.NANOSECONDS);
    assertEquals(5 + 2_000_000 + 3, ticker.read());
  }

  @Test
  void rejectsGoingBackwards() {
    ManualTicker ticker = new ManualTicker();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ticker.advance(Duration.ofNanos(-1)));
    assertTrue(e.getMessage().contains("amount"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ticker.advance(-1, TimeUnit.SECONDS));
    assertThrows(NullPointerException.class, () -> ticker.advance(null));
  }

  @Test
  void runsDueTasksInOrderAtTheirDueTime() {
    ManualTicker ticker = new ManualTicker();
    List<String> seen = new ArrayList<>();
    ticker.schedule(() -> seen.add("b@" + ticker.read()), 20);
    ticker.schedule(() -> seen.add("a@" + ticker.read()), 10);
    ticker.schedule(() -> seen.add("c@" + ticker.read()), 20);
    ticker.schedule(() -> seen.add("late@" + ticker.read()), 100);
    ticker.advance(50, TimeUnit.NANOSECONDS);
    assertEquals(List.of("a@10", "b@20", "c@20"), seen);
    assertEquals(50, ticker.read());
    assertEquals(1, ticker.pendingTasks());
  }

  @Test
  void aTaskScheduledByATaskRunsInTheSameAdvanceIfDue() {
    ManualTicker ticker = new ManualTicker();
    List<Long> seen = new ArrayList<>();
    ticker.schedule(() -> {
      seen.add(ticker.read());
      ticker.schedule(() -> seen.add(ticker.read()), 5);
    }, 10);
    ticker.advance(Duration.ofNanos(15));
    assertEquals(List.of(10L, 15L), seen);
  }

  @Test
  void cancelledTasksNeverRun() {
    ManualTicker ticker = new ManualTicker();
    List<String> seen = new ArrayList<>();
    Scheduler.Cancellable handle = ticker.schedule(() -> seen.add("x"), 10);
    assertTrue(handle.cancel());
    assertFalse(handle.cancel());
    ticker.advance(Duration.ofSeconds(1));
    assertTrue(seen.isEmpty());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void aFailingTaskDoesNotStopTheOthersAndIsRethrown() {
    ManualTicker ticker = new ManualTicker();
    List<String> seen = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    ticker.schedule(() -> { throw boom; }, 1);
    ticker.schedule(() -> seen.add("after"), 2);
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> ticker.advance(Duration.ofNanos(5)));
    assertSame(boom, thrown);
    assertEquals(List.of("after"), seen);
    assertEquals(5, ticker.read());
  }

  @Test
  void hugeDelaysSaturateInsteadOfOverflowing() {
    ManualTicker ticker = new ManualTicker(10);
    List<String> seen = new ArrayList<>();
    ticker.schedule(() -> seen.add("never"), Long.MAX_VALUE);
    ticker.schedule(() -> seen.add("never either"), Duration.ofDays(365L * 1_000_000));
    ticker.advance(Duration.ofDays(365L * 100));
    assertTrue(seen.isEmpty());
  }
}
