package dev.trestle.tck.hedge;

/** Optional capabilities a hedge under the {@link HedgeTck} may declare. */
public enum HedgeFeature {
  /**
   * Honours the caller's {@link dev.trestle.core.Deadline#current()} as {@code Hedge}'s
   * contract describes: no attempt under an expired deadline, no hedge at or after it, the call
   * failed and its attempts cancelled at it, and attempts run under it.
   */
  DEADLINE,
  /** Asks the budget of {@link HedgeSpec#budget()} before each hedge, and a denial ends the call's hedging. */
  BUDGET,
  /** Supports {@link HedgeSpec#percentileDelay()}: the delay is a percentile of observed latencies, never below a floor. */
  PERCENTILE_DELAY,
  /** Counts calls, hedges sent, hedges won and budget denials in {@code metrics()}, and reports the current delay. */
  METRICS
}
