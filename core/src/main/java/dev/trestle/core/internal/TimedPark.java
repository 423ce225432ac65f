package dev.trestle.core.internal;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.Ticker;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread's bounded wait, on whatever clock its component reads: the one rule by which every
 * wait in Trestle ends.
 *
 * <ul>
 *   <li><b>Where it ends.</b> {@link #start} bounds the wait by the earlier of its own timeout and
 *       the calling thread's {@link dev.trestle.core.Deadline#current() current deadline}, and says
 *       which of the two it was ({@link #deadlineFirst()}), so the component can throw the right
 *       exception. {@link #sleep} waits an exact time, for callers that already fitted it to the
 *       deadline.
 *   <li><b>How it ends.</b> On the system clock with the system scheduler the thread's own timed
 *       park is the timer: no timer thread is woken per wait. On any other clock (a
 *       {@link dev.trestle.core.ManualTicker} in tests) or with a scheduler of the caller's, a timer
 *       is armed on the scheduler when the wait starts, so whoever sees the waiter and then
 *       advances the clock past its end also ends its wait; the thread parks without a timeout
 *       until the timer (or a hand-off) unparks it.
 * </ul>
 *
 * <p>Start the wait before the waiter becomes visible to others (before it queues), and
 * {@link #close()} it when the wait is over, to cancel the timer. A park may return early (an
 * unpark by a hand-off, or spuriously): callers loop, checking their own condition, then
 * {@link #expired()}.
 *
 * <p>Internal: exported only to Trestle's own modules. Only the thread that started it may
 * {@link #park}; {@link #expired()} may be read by any thread.
 */
public final class TimedPark implements AutoCloseable {

  private final Ticker ticker;
  private final long start;
  private final long limitNanos;
  private final boolean deadlineFirst;
  private final boolean selfTimed;
  private final Thread thread;
  private final Cancellable timer;
  private volatile boolean expired;

  private TimedPark(Ticker ticker, Scheduler scheduler, long start, long limitNanos, boolean deadlineFirst) {
    this.ticker = ticker;
    this.start = start;
    this.limitNanos = limitNanos;
    this.deadlineFirst = deadlineFirst;
    this.thread = Thread.currentThread();
    this.selfTimed = ticker == Ticker.system() && scheduler == Scheduler.system();
    if (limitNanos <= 0) {
      this.expired = true;
      this.timer = null;
    } else if (selfTimed) {
      this.timer = null;
    } else {
      long left = limitNanos - (ticker.read() - start);
      this.timer = scheduler.schedule(this::expire, left);
    }
  }

  /**
   * Starts a wait that began at {@code startNanos} (a reading of {@code ticker}) and lasts at most
   * {@code timeoutNanos}, or until the calling thread's current deadline if that comes first.
   */
  public static TimedPark start(Ticker ticker, Scheduler scheduler, long startNanos, long timeoutNanos) {
    long untilDeadline = Deadlines.remainingNanosOr(Long.MAX_VALUE);
    if (untilDeadline < timeoutNanos) {
      long elapsed = ticker.read() - startNanos;
      return new TimedPark(ticker, scheduler, startNanos, Math.max(0, untilDeadline) + elapsed, true);
    }
    return new TimedPark(ticker, scheduler, startNanos, timeoutNanos, false);
  }

  /**
   * Returns the time a wait of {@code timeoutNanos} that starts now may last: the smaller of it and
   * what remains of the current thread's deadline (never below zero).
   */
  public static long bound(long timeoutNanos) {
    long untilDeadline = Deadlines.remainingNanosOr(Long.MAX_VALUE);
    return untilDeadline < timeoutNanos ? Math.max(0, untilDeadline) : timeoutNanos;
  }

  /**
   * Lets exactly {@code nanos} pass on {@code ticker} (not bounded by the current deadline), parking
   * the calling thread.
   *
   * @throws InterruptedException if the thread is interrupted before or while it waits; the
   *     interrupt status is cleared, as {@link Thread#sleep} does
   */
  public static void sleep(Ticker ticker, Scheduler scheduler, long nanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (nanos <= 0) {
      return;
    }
    try (TimedPark park = new TimedPark(ticker, scheduler, ticker.read(), nanos, false)) {
      while (!park.expired()) {
        park.park(park);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    }
  }

  private void expire() {
    expired = true;
    LockSupport.unpark(thread);
  }

  /** Returns true once the wait has reached its end. */
  public boolean expired() {
    return expired || (selfTimed && ticker.read() - start >= limitNanos);
  }

  /** Returns true if the current deadline, not the wait's own timeout, ends this wait. */
  public boolean deadlineFirst() {
    return deadlineFirst;
  }

  /** Returns how long this wait may last from its start, in nanoseconds. */
  public long limitNanos() {
    return limitNanos;
  }

  /** Returns the ticker reading at which the wait started. */
  public long startNanos() {
    return start;
  }

  /** Returns the nanoseconds elapsed since the wait started. */
  public long elapsedNanos() {
    return ticker.read() - start;
  }

  /**
   * Parks the calling thread until the wait's end, an unpark, or an interrupt (which it leaves
   * set); returns at once if the wait has ended.
   */
  public void park(Object blocker) {
    if (selfTimed) {
      long left = limitNanos - (ticker.read() - start);
      if (left > 0) {
        LockSupport.parkNanos(blocker, left);
      }
    } else if (!expired) {
      LockSupport.park(blocker);
    }
  }

  /** Cancels the timer, if one is armed. */
  @Override
  public void close() {
    if (timer != null) {
      timer.cancel();
    }
  }
}
