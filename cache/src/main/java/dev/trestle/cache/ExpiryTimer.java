package dev.trestle.cache;

import dev.trestle.core.Scheduler;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps at most one run of a cache's maintenance pending on a {@link Scheduler}, at the earliest
 * time the cache asks for, so that expired entries leave a cache nobody calls.
 *
 * <p>A request for a time later than the pending run's is ignored: that run comes first, and the
 * maintenance it runs asks again. A request for an earlier time replaces the pending run. Runs are
 * paced: one is never due less than {@link #MIN_INTERVAL_NANOS} after the previous one was, so
 * entries that expire one after another in quick succession cost one run per interval rather than
 * one per entry (each is removed at most that much late); the first run after a quiet spell is
 * exact.
 *
 * <p>The action is held weakly. The owning cache keeps the only strong reference to it, so a
 * pending run (which the scheduler's queue holds) does not keep a cache that is otherwise
 * unreachable alive: once the cache is collected the run finds the action gone and does nothing.
 *
 * <p>Thread-safe. The internal lock is held only to decide and to hand the run to the scheduler,
 * never while the action runs.
 */
final class ExpiryTimer {

  private static final Logger LOG = LoggerFactory.getLogger(ExpiryTimer.class);

  /** The least time between the due times of two runs. */
  static final long MIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * Delays are capped so that due times (ticker values that may wrap) stay comparable by
   * subtraction; a run this far off that fires early finds nothing due and asks again.
   */
  static final long MAX_DELAY_NANOS = Long.MAX_VALUE >>> 2;

  private final Scheduler scheduler;
  private final WeakReference<Runnable> action;
  private final ReentrantLock lock = new ReentrantLock();
  /** The run the scheduler holds, or null. Guarded by {@link #lock}. */
  private Run pending;
  /** Whether a run has started, and the due time of the last that did. Guarded by {@link #lock}. */
  private boolean hasRun;
  private long lastRunAt;

  /**
   * @param scheduler where runs are scheduled
   * @param action what a run does; held weakly, so the caller must keep a strong reference to it
   */
  ExpiryTimer(Scheduler scheduler, Runnable action) {
    this.scheduler = scheduler;
    this.action = new WeakReference<>(action);
  }

  /**
   * Asks for a run {@code delayNanos} after {@code now} (a read of the cache's ticker, which the
   * scheduler's delays must share), or sooner if one is already pending sooner.
   */
  void schedule(long now, long delayNanos) {
    schedule(now, delayNanos, false);
  }

  /**
   * Asks for a run as soon as the pacing allows, unless one is pending: that one will do. For work
   * that any run does, whenever it comes, as opposed to an expiry at a given time.
   */
  void scheduleIfIdle(long now) {
    schedule(now, 0, true);
  }

  private void schedule(long now, long delayNanos, boolean onlyIfIdle) {
    long at = now + Math.min(Math.max(delayNanos, 0), MAX_DELAY_NANOS);
    lock.lock();
    try {
      if (hasRun && at - (lastRunAt + MIN_INTERVAL_NANOS) < 0) {
        at = lastRunAt + MIN_INTERVAL_NANOS;
      }
      if (pending != null) {
        if (onlyIfIdle || pending.at - at <= 0) {
          return;
        }
        pending.handle.cancel(); // if it has started already, it will see it is no longer pending
      }
      Run run = new Run(at);
      pending = run;
      try {
        run.handle = scheduler.schedule(run, at - now);
      } catch (RuntimeException e) {
        pending = null;
        // Expired entries still leave at the next call on the cache, as without a scheduler.
        LOG.warn("scheduler {} refused the cache's expiry run", scheduler, e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Cancels the pending run, if any: nothing is left to expire. */
  void cancel() {
    lock.lock();
    try {
      if (pending != null) {
        pending.handle.cancel();
        pending = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** A scheduled run; a new one for each request, so one replaced while it starts knows it. */
  private final class Run implements Runnable {
    final long at;
    /** Set under the lock before any other thread can see this run as pending. */
    Scheduler.Cancellable handle;

    Run(long at) {
      this.at = at;
    }

    @Override
    public void run() {
      if (lock.isHeldByCurrentThread()) {
        // The scheduler ran the task inside schedule(), against its contract. Running the action here
        // would nest maintenance inside maintenance, or recurse; the run is dropped, so such a
        // scheduler degrades to no scheduler: expired entries leave at the next call.
        pending = null;
        return;
      }
      lock.lock();
      try {
        if (pending != this) {
          return; // replaced or cancelled after the scheduler had started it
        }
        pending = null;
        hasRun = true;
        lastRunAt = at;
      } finally {
        lock.unlock();
      }
      Runnable target = action.get();
      if (target != null) {
        target.run();
      }
    }
  }
}
