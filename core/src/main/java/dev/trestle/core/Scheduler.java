package dev.trestle.core;

import dev.trestle.core.internal.Durations;
import java.time.Duration;

/**
 * Runs a task once after a delay: how Trestle components arm timers (timeouts, maintenance).
 *
 * <p>Components take a scheduler rather than starting threads of their own, so that tests can
 * drive timers with a {@link ManualTicker} (which is also a scheduler) and applications can share
 * one timer thread. {@link #system()} is a shared scheduler with one daemon thread.
 *
 * <p>A scheduled task must be short and must not block: it runs on the scheduler's own thread (or,
 * for a manual ticker, on the thread that advances time). Implementations must be thread-safe.
 */
public interface Scheduler {

  /**
   * Arranges for {@code task} to run once, {@code delayNanos} nanoseconds from now.
   *
   * @param task the task to run; not null
   * @param delayNanos the delay in nanoseconds; zero or negative means as soon as possible
   * @return a handle that cancels the task if it has not started
   * @throws NullPointerException if {@code task} is null
   */
  Cancellable schedule(Runnable task, long delayNanos);

  /**
   * Arranges for {@code task} to run once after {@code delay}.
   *
   * @throws NullPointerException if {@code task} or {@code delay} is null
   */
  default Cancellable schedule(Runnable task, Duration delay) {
    if (delay == null) {
      throw new NullPointerException("delay");
    }
    return schedule(task, Durations.saturatedNanos(delay));
  }

  /**
   * Returns the shared system scheduler: one daemon thread named {@code trestle-scheduler},
   * started on first use, that removes cancelled tasks at once so they cost no memory.
   */
  static Scheduler system() {
    return SystemScheduler.INSTANCE;
  }

  /** A handle on a scheduled task. Thread-safe. */
  @FunctionalInterface
  interface Cancellable {

    /**
     * Cancels the task if it has not started yet; does nothing otherwise.
     *
     * @return true if this call prevented the task from running
     */
    boolean cancel();
  }
}
