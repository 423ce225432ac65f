package dev.trestle.core.timeout;

import java.time.Duration;

/**
 * Told how each call of a {@link TimeLimiter} ended. Called once per call, on the thread that
 * learned the outcome (the caller for {@link TimeLimiter#call}; for {@link TimeLimiter#callAsync}
 * the thread that completed the task's stage or fired the timeout), after the outcome is decided
 * and before the caller sees it. A listener must be quick and must not throw: what it throws is
 * caught and dropped, so it can never change a call's value or exception. Implementations must be
 * thread-safe.
 *
 * <p>A call that ends with a {@link dev.trestle.core.DeadlineExceededException} is a timeout, also
 * when the task threw it itself (a nested deadline) or when the caller's own deadline had already
 * passed; an asynchronous call cancelled by its caller is reported by none of the methods.
 */
public interface TimeLimiterListener {

  /** The task returned a value within the limit; {@code elapsed} is measured on the limiter's ticker. */
  default void onSuccess(Duration elapsed) {}

  /** The task threw (or its stage completed with) {@code failure}, which was not a timeout. */
  default void onError(Duration elapsed, Throwable failure) {}

  /** The call ended at its limit, after {@code elapsed}. */
  default void onTimeout(Duration elapsed) {}
}
