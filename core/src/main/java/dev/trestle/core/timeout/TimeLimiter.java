package dev.trestle.core.timeout;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.internal.Arguments;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs work with a time limit, so that a caller never waits longer than it chose to for a slow
 * dependency.
 *
 * <p><b>Contract</b> (checked by {@code dev.trestle.tck.timeout.TimeLimiterTck}):
 *
 * <ul>
 *   <li>The limit of a call is the smaller of the configured timeout and the time that remains on
 *       the {@linkplain Deadline#current() current deadline}; if that deadline has already passed
 *       the call fails at once and the task is never started. The task runs under a deadline at
 *       the end of that limit, so calls it makes are limited in turn.
 *   <li>A task that finishes within the limit returns its value, or throws its own exception,
 *       unchanged (the same instance, not wrapped).
 *   <li>A task still running at the limit makes the call fail with {@link
 *       DeadlineExceededException}, at once, whether or not the task responds to interruption; the
 *       task is cancelled: it never starts if it has not yet, and it is interrupted if {@link
 *       TimeLimiterConfig#interruptOnTimeout()} is set. The caller is not held until it stops.
 *   <li>The limiter starts no thread per call: synchronous tasks run on the configured executor
 *       and timers on the configured scheduler.
 *   <li>The time limit is measured on the configured ticker from the moment the call begins,
 *       which is before the task is handed to the executor.
 * </ul>
 *
 * <p>Implementations are thread-safe: one limiter serves any number of concurrent calls.
 */
public interface TimeLimiter {

  /**
   * Calls {@code task} on the limiter's executor and waits for it at most the limit.
   *
   * @return the task's result
   * @throws DeadlineExceededException if the task has not finished within the limit
   * @throws InterruptedException if the calling thread is interrupted while waiting; the task is
   *     then cancelled as on a timeout
   * @throws NullPointerException if {@code task} is null
   * @throws java.util.concurrent.RejectedExecutionException if the executor refuses the task
   * @throws Exception whatever the task throws, unchanged
   */
  <T> T call(Callable<T> task) throws Exception;

  /**
   * Starts asynchronous work by calling {@code task} on the calling thread, under the limit's
   * deadline, and returns a future that completes with the work's outcome or, if the limit passes
   * first, with {@link DeadlineExceededException}; the stage the task returned is then cancelled
   * (interrupting, if configured and supported). Cancelling the returned future cancels the work.
   *
   * @return a future of the work's result
   * @throws NullPointerException if {@code task} is null
   */
  <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task);

  /** Returns this limiter's configuration. */
  TimeLimiterConfig config();

  /**
   * Returns a limiter with the given timeout and the defaults of {@link TimeLimiterConfig}.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  static TimeLimiter of(Duration timeout) {
    return of(TimeLimiterConfig.builder().timeout(timeout).build());
  }

  /**
   * Returns a limiter with the given configuration.
   *
   * @throws NullPointerException if {@code config} is null
   */
  static TimeLimiter of(TimeLimiterConfig config) {
    Arguments.requireNonNull(config, "config");
    return new DefaultTimeLimiter(config);
  }
}
