package dev.trestle.core.retry;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.internal.Arguments;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Calls a task again when it fails, up to a number of attempts, waiting between attempts as a
 * {@link Backoff} says, within an overall {@link Deadline} and, optionally, a {@link RetryBudget}.
 *
 * <p><b>Contract</b> (checked by {@code dev.trestle.tck.retry.RetryTck}):
 *
 * <ul>
 *   <li>A call makes at most {@code maxAttempts} attempts, the first included. An attempt that
 *       returns a value the config does not retry ends the call with that value, unchanged.
 *   <li>Which exceptions and results are retried is the one rule of {@link RetryConfig}. A
 *       non-retryable exception is thrown at once, unchanged (the same instance).
 *   <li><b>Running out.</b> When {@code maxAttempts} attempts have failed, or the budget denies
 *       the next retry, the last attempt's exception is thrown unchanged (the same instance; no
 *       earlier failure is attached to it), or, if the last attempt returned a retried result,
 *       that result is returned.
 *   <li><b>Waits.</b> Before retry {@code k} the call waits the backoff's delay for {@code k},
 *       measured on the config's ticker and ended by its scheduler: the next attempt never starts
 *       before the delay has passed, and starts once it has. No thread sleeps: {@link #call}
 *       parks its caller until the scheduled wake-up; {@link #callAsync} holds no thread at all.
 *   <li><b>Deadline.</b> A call's deadline is the earlier of the caller's {@link
 *       Deadline#current()} and {@code maxDuration} after the call began. No attempt starts once
 *       the deadline has been reached, and no wait starts whose end would not come before it.
 *       Then the call ends at once with a {@link DeadlineExceededException} whose cause is the last
 *       attempt's exception (the retried result is returned instead, if the last attempt gave
 *       one); under a deadline that has already passed, no attempt is made. Each attempt runs
 *       under the call's deadline, so calls it makes see what remains.
 *   <li><b>Budget.</b> Each call is recorded as one request with the budget, and each retry must
 *       be granted by it first; a denied retry ends the call as when attempts run out.
 *   <li><b>Interruption.</b> If the caller of {@link #call} is interrupted while waiting, the
 *       wake-up is cancelled, no further attempt starts, the interrupt status is restored and the
 *       call throws {@link InterruptedException} (with the last failure, if any, as a suppressed
 *       exception of that new InterruptedException). An attempt that throws {@link
 *       InterruptedException} is not retried.
 * </ul>
 *
 * <p>Implementations are thread-safe: one retry serves any number of concurrent calls, each with
 * its own attempts and waits.
 */
public interface Retry {

  /**
   * Calls {@code task} on this thread, again after each retryable failure, as the contract says.
   *
   * @return the value of the first attempt whose result is not retried, or the last result
   * @throws NullPointerException if {@code task} is null
   * @throws InterruptedException if this thread is interrupted while waiting between attempts
   * @throws DeadlineExceededException if the deadline ends the call
   * @throws Exception the last attempt's exception, unchanged, when the call gives up
   */
  <T> T call(Callable<T> task) throws Exception;

  /**
   * Starts the first attempt of asynchronous work by calling {@code task} on this thread, and each
   * later one on the scheduler's thread once its wait has passed (so {@code task} must not block).
   * The returned future completes as {@link #call} would return or throw; an exception thrown by
   * {@code task} itself counts as a failed attempt. Cancelling the future cancels the pending
   * wait, or the current attempt's stage, and starts no further attempt.
   *
   * @return a future of the result
   * @throws NullPointerException if {@code task} is null
   */
  <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task);

  /** Returns this retry's configuration. */
  RetryConfig config();

  /** Returns a snapshot of this retry's counters. */
  RetryMetrics metrics();

  /**
   * Returns a retry with the given configuration.
   *
   * @throws NullPointerException if {@code config} is null
   */
  static Retry of(RetryConfig config) {
    Arguments.requireNonNull(config, "config");
    return new DefaultRetry(config);
  }

  /** Returns a retry with the defaults of {@link RetryConfig}. */
  static Retry ofDefaults() {
    return of(RetryConfig.ofDefaults());
  }
}
