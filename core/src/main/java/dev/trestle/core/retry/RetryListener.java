package dev.trestle.core.retry;

import java.time.Duration;

/**
 * Told what a {@link Retry} does with each call: a retry scheduled, a success, or the reason it
 * gave up. Called on the thread that made the attempt (for {@code callAsync}, the thread that
 * completed its stage), after the decision; a listener must be quick and must not throw (what it
 * throws is caught and dropped so that it cannot change the call). Implementations must be
 * thread-safe when the retry is shared.
 */
public interface RetryListener {

  /** Why a call ended without a successful attempt. */
  enum GiveUp {
    /** The attempt's exception is not retryable by the config's rule (or is an InterruptedException). */
    NOT_RETRYABLE,
    /** {@code maxAttempts} attempts were made. */
    EXHAUSTED,
    /** The retry budget denied the retry. */
    BUDGET_DENIED,
    /** The next wait would have ended at or after the deadline, or the deadline had passed. */
    DEADLINE,
    /** The caller was interrupted while waiting for the next attempt. */
    INTERRUPTED
  }

  /**
   * Attempt {@code attempt} failed and attempt {@code attempt + 1} will start after {@code delay}.
   *
   * @param failure the attempt's exception, or null if its result was retried
   * @param result the attempt's result if it was retried, else null
   */
  default void onRetry(String retryName, int attempt, Duration delay, Throwable failure, Object result) {}

  /** Attempt {@code attempts} succeeded; the call returns its value. */
  default void onSuccess(String retryName, int attempts) {}

  /**
   * The call ended after {@code attempts} attempts (0 if the deadline had passed before the first)
   * without a success, for {@code reason}.
   *
   * @param lastFailure the last attempt's exception, or null if it returned a retried result
   */
  default void onGiveUp(String retryName, int attempts, GiveUp reason, Throwable lastFailure) {}
}
