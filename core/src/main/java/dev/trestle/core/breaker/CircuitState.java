package dev.trestle.core.breaker;

/** The states of a {@link CircuitBreaker}. */
public enum CircuitState {
  /** Calls pass and their outcomes are recorded; the breaker opens when a threshold is reached. */
  CLOSED,
  /** Calls are rejected until the wait in OPEN has passed, then the breaker goes HALF_OPEN. */
  OPEN,
  /** A fixed number of trial calls pass; their outcomes close the breaker or open it again. */
  HALF_OPEN,
  /** Calls pass and nothing is recorded; only an explicit transition leaves this state. */
  DISABLED,
  /** Every call is rejected; only an explicit transition leaves this state. */
  FORCED_OPEN,
  /** Calls pass and outcomes are recorded for the metrics, but the breaker never opens. */
  METRICS_ONLY
}
