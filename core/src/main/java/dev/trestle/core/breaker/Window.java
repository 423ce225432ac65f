package dev.trestle.core.breaker;

/** A window of recent call outcomes with running totals. Thread-safe. */
interface Window {

  /**
   * Records one outcome code (see {@link Outcomes}) at {@code nowNanos}; returns false only when the
   * record cannot have raised a rate or the number of calls, so no threshold needs checking.
   */
  boolean record(int code, long nowNanos);

  /** Whether {@link #record} and the totals read the time (a count window ignores it). */
  boolean readsTime();

  /** The calls in the window at {@code nowNanos}. */
  int calls(long nowNanos);

  /** The failures among them. */
  int failures(long nowNanos);

  /** The slow calls among them. */
  int slowCalls(long nowNanos);

  static Window of(CircuitBreakerConfig config) {
    return config.windowType == CircuitBreakerConfig.WindowType.COUNT_BASED
        ? new CountWindow(config.windowSize) : new TimeWindow(config.windowSize);
  }
}
