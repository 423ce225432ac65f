package dev.trestle.tck.ratelimit;

/**
 * The admission contract a limiter under the {@link RateLimiterTck} claims, which decides the bound
 * the kit checks on every window. {@code L} permits per {@code T} is the spec's rate, {@code B} its
 * burst.
 */
public enum RateContract {
  /**
   * A token bucket of capacity {@code B}, full at creation, refilled continuously at {@code L/T}
   * (also GCRA and the leaky bucket as a meter): any closed interval of length {@code d} holds at
   * most {@code B + floor(d × L / T)} permits.
   */
  TOKEN_BUCKET,
  /** Even spacing, no burst: an admission of {@code n} permits is followed by none for {@code n × T/L}. */
  SHAPER,
  /** Every half-open window of length {@code T} holds at most {@code L} permits (the sliding log). */
  SLIDING_WINDOW,
  /**
   * Each window {@code [c + kT, c + (k+1)T)}, with {@code c} the time of creation, holds at most
   * {@code L} permits; any other window of length {@code T} at most {@code 2L}.
   */
  FIXED_WINDOW,
  /**
   * Approximate sliding window (the sliding counter): each aligned window holds at most {@code L}
   * and any window of length {@code T} at most {@code 2L - 1}.
   */
  APPROXIMATE_WINDOW;

  /** Whether a fresh limiter's first burst is B (buckets), 1 request (shaper) or L (windows). */
  boolean isBucket() {
    return this == TOKEN_BUCKET;
  }

  boolean isWindow() {
    return this == SLIDING_WINDOW || this == FIXED_WINDOW || this == APPROXIMATE_WINDOW;
  }
}
