package dev.trestle.core.breaker;

/** A window of recent call outcomes with running totals. Thread-safe. */
interface Window {

  /** Records one outcome code (see {@link Outcomes}) at {@code nowNanos}. */
  void record(int code, long nowNanos);

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
