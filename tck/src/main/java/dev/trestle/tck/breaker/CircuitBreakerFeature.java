package dev.trestle.tck.breaker;

/**
 * The optional capabilities a circuit breaker under {@link CircuitBreakerTck} may declare; a rule
 * that needs an undeclared one is reported as skipped.
 */
public enum CircuitBreakerFeature {
  /** The breaker reads time only from the config's ticker (the kit's {@code ManualTicker}). */
  MANUAL_TICKER,
  /** TIME_BASED sliding windows. */
  TIME_WINDOW,
  /** Slow calls and the slow-call-rate threshold. */
  SLOW_CALLS,
  /** {@code recordExceptions}: only listed exceptions are failures, others are successes. */
  RECORD_EXCEPTIONS,
  /** {@code ignoreExceptions}: listed exceptions are neither success nor failure. */
  IGNORE_EXCEPTIONS,
  /** {@code recordResult}: a returned result can be a failure. */
  RECORD_RESULT,
  /** {@code releasePermission} gives back a permission without an outcome. */
  RELEASE_PERMISSION,
  /** DISABLED, FORCED_OPEN and METRICS_ONLY. */
  SPECIAL_STATES,
  /** {@code maxWaitInHalfOpen}. */
  MAX_WAIT_IN_HALF_OPEN,
  /** {@code waitBackoff}: the wait in OPEN grows on each reopening. */
  WAIT_BACKOFF,
  /** {@code CallNotPermittedException} tells the state and how long until calls are tried again. */
  REJECTION_DETAILS,
  /** {@code metrics()} reports the window's calls, failures and rates. */
  METRICS,
  /** Listeners are told of transitions and rejections. */
  LISTENER,
  /** {@code callAsync}. */
  ASYNC
}
