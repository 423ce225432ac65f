package dev.trestle.core.breaker;

/**
 * A snapshot of a {@link CircuitBreaker}'s window and counters. Rates are percentages, or -1 while
 * the window holds fewer calls than {@code minimumNumberOfCalls}. Immutable.
 */
public final class CircuitBreakerMetrics {

  private final CircuitState state;
  private final int bufferedCalls;
  private final int failedCalls;
  private final int slowCalls;
  private final float failureRate;
  private final float slowCallRate;
  private final long notPermittedCalls;

  CircuitBreakerMetrics(CircuitState state, int bufferedCalls, int failedCalls, int slowCalls,
      float failureRate, float slowCallRate, long notPermittedCalls) {
    this.state = state;
    this.bufferedCalls = bufferedCalls;
    this.failedCalls = failedCalls;
    this.slowCalls = slowCalls;
    this.failureRate = failureRate;
    this.slowCallRate = slowCallRate;
    this.notPermittedCalls = notPermittedCalls;
  }

  /**
   * Returns a snapshot with these values, for implementations of {@link CircuitBreaker} other than
   * Trestle's (adapters, test doubles). Rates are percentages, or -1 when not yet decided.
   *
   * @throws IllegalArgumentException if a count is negative or exceeds {@code bufferedCalls}
   */
  public static CircuitBreakerMetrics of(CircuitState state, int bufferedCalls, int failedCalls, int slowCalls,
      float failureRate, float slowCallRate, long notPermittedCalls) {
    if (state == null) {
      throw new NullPointerException("state must not be null");
    }
    if (bufferedCalls < 0 || failedCalls < 0 || slowCalls < 0 || failedCalls > bufferedCalls || slowCalls > bufferedCalls
        || notPermittedCalls < 0) {
      throw new IllegalArgumentException("counts must be non-negative and failed/slow calls at most bufferedCalls, were calls="
          + bufferedCalls + ", failed=" + failedCalls + ", slow=" + slowCalls + ", notPermitted=" + notPermittedCalls);
    }
    return new CircuitBreakerMetrics(state, bufferedCalls, failedCalls, slowCalls, failureRate, slowCallRate,
        notPermittedCalls);
  }

  /** The state when the snapshot was taken. */
  public CircuitState state() {
    return state;
  }

  /** Calls in the window (CLOSED, METRICS_ONLY) or completed trial calls (HALF_OPEN). */
  public int bufferedCalls() {
    return bufferedCalls;
  }

  /** Failed calls among them. */
  public int failedCalls() {
    return failedCalls;
  }

  /** Slow calls among them. */
  public int slowCalls() {
    return slowCalls;
  }

  /** Successful calls among them. */
  public int successfulCalls() {
    return bufferedCalls - failedCalls;
  }

  /** The failure rate in percent, or -1 below the minimum number of calls. */
  public float failureRate() {
    return failureRate;
  }

  /** The slow-call rate in percent, or -1 below the minimum number of calls. */
  public float slowCallRate() {
    return slowCallRate;
  }

  /** Calls rejected since the breaker was created. */
  public long notPermittedCalls() {
    return notPermittedCalls;
  }

  @Override
  public String toString() {
    return "CircuitBreakerMetrics[state=" + state + ", calls=" + bufferedCalls + ", failed=" + failedCalls
        + ", slow=" + slowCalls + ", failureRate=" + failureRate + "%, slowCallRate=" + slowCallRate
        + "%, notPermitted=" + notPermittedCalls + "]";
  }
}
