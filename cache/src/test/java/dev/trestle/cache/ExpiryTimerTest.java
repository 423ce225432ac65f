package dev.trestle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The timer alone: one pending run, the earliest wins, runs paced, odd schedulers survived. */
class ExpiryTimerTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final ManualTicker ticker = new ManualTicker();
  private final List<Long> runs = new ArrayList<>();
  private final Runnable action = () -> runs.add(ticker.read());

  @Test
  void runsOnceAtTheTimeAskedFor() {
    ExpiryTimer timer = new ExpiryTimer(ticker, action);
    timer.schedule(ticker.read(), 10 * SECOND);
    assertEquals(1, ticker.pendingTasks());
    ticker.advance(Duration.ofSeconds(10).minusNanos(1));
    assertEquals(List.of(), runs);
    ticker.advance(Duration.ofSeconds(50));
    assertEquals(List.of(10 * SECOND), runs);
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void aLaterRequestKeepsThePendingRun() {
    ExpiryTimer timer = new ExpiryTimer(ticker, action);
    timer.schedule(0, 10 * SECOND);
    timer.schedule(0, 20 * SECOND);
    assertEquals(1, ticker.pendingTasks());
    ticker.advance(Duration.ofSeconds(30));
    assertEquals(List.of(10 * SECOND), runs);
  }

  @Test
  void anEarlierRequestReplacesThePendingRun() {
    ExpiryTimer timer = new ExpiryTimer(ticker, action);
    timer.schedule(0, 20 * SECOND);
    timer.schedule(0, 12 * SECOND);
    assertEquals(1, ticker.pendingTasks(), "the run at 20 s is cancelled, not left behind");
    ticker.advance(Duration.ofSeconds(30));
    assertEquals(List.of(12 * SECOND), runs);
  }

  @Test
  void runsAreDueAtLeastTheMinimumIntervalApart() {
    ExpiryTimer[] self = new ExpiryTimer[1];
    self[0] = new ExpiryTimer(ticker, () -> {
      runs.add(ticker.read());
      if (runs.size() == 1) {
        self[0].schedule(ticker.read(), SECOND / 5); // the next expiry, 200 ms after the first
      }
    });
    self[0].schedule(0, 10 * SECOND);
    ticker.advance(Duration.ofSeconds(30));
    assertEquals(List.of(10 * SECOND, 10 * SECOND + ExpiryTimer.MIN_INTERVAL_NANOS), runs);
  }

  @Test
  void theFirstRunAfterAQuietSpellIsExact() {
    ExpiryTimer timer = new ExpiryTimer(ticker, action);
    timer.schedule(0, SECOND / 10);
    ticker.advance(Duration.ofSeconds(5));
    timer.schedule(ticker.read(), SECOND / 10);
    ticker.advance(Duration.ofSeconds(5));
    assertEquals(List.of(SECOND / 10, 5 * SECOND + SECOND / 10), runs);
  }

  @Test
  void cancelLeavesNothingPendingAndNothingRuns() {
    ExpiryTimer timer = new ExpiryTimer(ticker, action);
    timer.schedule(0, 10 * SECOND);
    timer.cancel();
    assertEquals(0, ticker.pendingTasks());
    ticker.advance(Duration.ofSeconds(30));
    assertEquals(List.of(), runs);
  }

  @Test
  void scheduleIfIdleLeavesAPendingRunWhereItIs() {
    ExpiryTimer timer = new ExpiryTimer(ticker, action);
    timer.schedule(0, 10 * SECOND);
    timer.scheduleIfIdle(0);
    assertEquals(1, ticker.pendingTasks());
    ticker.advance(Duration.ofSeconds(30));
    assertEquals(List.of(10 * SECOND), runs);
    timer.scheduleIfIdle(ticker.read());
    ticker.advance(Duration.ZERO);
    assertEquals(List.of(10 * SECOND, 30 * SECOND), runs, "with nothing pending it asks for a run at once");
  }

  @Test
  void aRunReplacedAfterItStartedDoesNothing() {
    List<Runnable> queued = new ArrayList<>();
    Scheduler startsAtOnce = (task, delayNanos) -> {
      queued.add(task);
      return () -> false; // too late to cancel: the task has started
    };
    ExpiryTimer timer = new ExpiryTimer(startsAtOnce, action);
    timer.schedule(0, 20 * SECOND);
    timer.schedule(0, 10 * SECOND);
    queued.get(0).run();
    assertEquals(List.of(), runs, "the replaced run must not act");
    queued.get(1).run();
    assertEquals(1, runs.size());
  }

  @Test
  void aSchedulerThatRefusesIsLoggedAndAskedAgainNextTime() {
    int[] attempts = new int[1];
    Scheduler refusing = (task, delayNanos) -> {
      attempts[0]++;
      throw new IllegalStateException("shut down");
    };
    ExpiryTimer timer = new ExpiryTimer(refusing, action);
    timer.schedule(0, SECOND);
    timer.schedule(0, SECOND);
    assertEquals(2, attempts[0], "a refused run is not counted as pending");
  }

  @Test
  void aSchedulerThatRunsTheTaskInsideScheduleDoesNotRecurse() {
    int[] calls = new int[1];
    ExpiryTimer[] self = new ExpiryTimer[1];
    Scheduler inline = (task, delayNanos) -> {
      calls[0]++;
      task.run();
      return () -> false;
    };
    self[0] = new ExpiryTimer(inline, () -> self[0].schedule(0, 0)); // would recurse if the run acted
    self[0].schedule(0, SECOND);
    self[0].schedule(0, SECOND);
    assertEquals(2, calls[0], "each request reaches the scheduler once, and the dropped run leaves nothing pending");
  }

  @Test
  void theActionIsHeldWeakly() {
    List<WeakReference<Runnable>> actionRef = new ArrayList<>();
    ExpiryTimer timer = timerWhoseActionOnlyItHolds(actionRef);
    timer.schedule(0, SECOND);
    assertTrue(GarbageCollection.collect(actionRef.get(0)), "the action, held only by the timer, was not collected");
    ticker.advance(Duration.ofSeconds(2));
    assertEquals(List.of(), runs, "the run of a collected action does nothing");
    assertEquals(0, ticker.pendingTasks());
  }

  private ExpiryTimer timerWhoseActionOnlyItHolds(List<WeakReference<Runnable>> actionRef) {
    List<Long> seen = runs;
    ManualTicker clock = ticker;
    Runnable onlyHeldByTheTimer = () -> seen.add(clock.read()); // capturing, so a new object each time
    actionRef.add(new WeakReference<>(onlyHeldByTheTimer));
    return new ExpiryTimer(ticker, onlyHeldByTheTimer);
  }
}
