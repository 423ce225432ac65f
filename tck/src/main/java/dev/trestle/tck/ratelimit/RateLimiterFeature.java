package dev.trestle.tck.ratelimit;

/** Optional capabilities a rate limiter under the {@link RateLimiterTck} may declare. */
public enum RateLimiterFeature {
  /**
   * Reads time only from {@link RateLimiterSpec#ticker()}, so the kit can freeze and move it and
   * check exact instants. A limiter on another clock (a server's) runs only the real-time rules,
   * with generous bounds.
   */
  MANUAL_TICKER,
  /**
   * {@code tryAcquire(permits, maxWait)} lets time pass only through {@link RateLimiterSpec#sleeper()}.
   * Needs MANUAL_TICKER to be checked exactly.
   */
  WAITING,
  /** {@code probe} reports the permits left and the exact wait of a refusal. */
  PROBE
}
