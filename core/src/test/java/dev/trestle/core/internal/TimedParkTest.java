package dev.trestle.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.Deadline;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimedParkTest {

  private final ManualTicker ticker = new ManualTicker();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() {
    thread.shutdownNow();
  }

  private void awaitTimer() {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ticker.pendingTasks() == 0) {
      assertTrue(System.nanoTime() < end, "no timer was armed");
      Thread.onSpinWait();
    }
  }

  @Test
  void onAManualTickerTheWaitEndsExactlyWhenTheTickerPassesItsEnd() throws Exception {
    Future<Long> waited = thread.submit(() -> {
      try (TimedPark park = TimedPark.start(ticker, ticker, ticker.read(), 1_000)) {
        while (!park.expired()) {
          park.park(this);
        }
        return park.elapsedNanos();
      }
    });
    awaitTimer();
    ticker.advance(999, TimeUnit.NANOSECONDS);
    assertFalse(waited.isDone());
    ticker.advance(1, TimeUnit.NANOSECONDS);
    assertEquals(1_000L, waited.get(10, TimeUnit.SECONDS));
    assertEquals(0, ticker.pendingTasks(), "the timer fired and is gone");
  }

  @Test
  void theCallersDeadlineEndsTheWaitWhenItComesFirst() throws Exception {
    Deadline deadline = Deadline.after(Duration.ofNanos(300), ticker);
    TimedPark park = deadline.call(() -> TimedPark.start(ticker, ticker, ticker.read(), 1_000));
    try (park) {
      assertTrue(park.deadlineFirst());
      assertEquals(300, park.limitNanos());
      ticker.advance(299, TimeUnit.NANOSECONDS);
      assertFalse(park.expired());
      ticker.advance(1, TimeUnit.NANOSECONDS);
      assertTrue(park.expired());
    }
  }

  @Test
  void aDeadlineFartherThanTheTimeoutLeavesTheTimeoutInCharge() throws Exception {
    Deadline deadline = Deadline.after(Duration.ofSeconds(1), ticker);
    try (TimedPark park = deadline.call(() -> TimedPark.start(ticker, ticker, ticker.read(), 1_000))) {
      assertFalse(park.deadlineFirst());
      assertEquals(1_000, park.limitNanos());
    }
    assertEquals(1_000, TimedPark.bound(1_000));
    assertEquals(300, Deadline.after(Duration.ofNanos(300), ticker).call(() -> TimedPark.bound(1_000)));
  }

  @Test
  void anExpiredDeadlineOrZeroTimeoutEndsTheWaitBeforeItStartsAndArmsNoTimer() throws Exception {
    Deadline expired = Deadline.after(Duration.ofNanos(1), ticker);
    ticker.advance(5, TimeUnit.NANOSECONDS);
    try (TimedPark park = expired.call(() -> TimedPark.start(ticker, ticker, ticker.read(), 1_000))) {
      assertTrue(park.expired());
      assertEquals(0, park.limitNanos());
    }
    try (TimedPark park = TimedPark.start(ticker, ticker, ticker.read(), 0)) {
      assertTrue(park.expired());
    }
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void closingCancelsTheTimer() {
    TimedPark park = TimedPark.start(ticker, ticker, ticker.read(), 1_000);
    assertEquals(1, ticker.pendingTasks());
    park.close();
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void onTheSystemClockTheParkIsItsOwnTimer() {
    try (TimedPark park = TimedPark.start(Ticker.system(), Scheduler.system(), System.nanoTime(), 1_000_000)) {
      while (!park.expired()) {
        park.park(this);
      }
      assertTrue(park.elapsedNanos() >= 1_000_000);
    }
  }

  @Test
  void sleepLetsExactlyTheTimePassAndHonoursAnInterrupt() throws Exception {
    Future<Long> slept = thread.submit(() -> {
      long start = ticker.read();
      TimedPark.sleep(ticker, ticker, 500);
      return ticker.read() - start;
    });
    awaitTimer();
    ticker.advance(500, TimeUnit.NANOSECONDS);
    assertEquals(500L, slept.get(10, TimeUnit.SECONDS));

    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> TimedPark.sleep(ticker, ticker, 500));
    assertFalse(Thread.currentThread().isInterrupted(), "cleared, as Thread.sleep does");
    assertEquals(0, ticker.pendingTasks());
  }
}
