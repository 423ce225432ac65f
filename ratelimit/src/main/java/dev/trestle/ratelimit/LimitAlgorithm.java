package dev.trestle.ratelimit;

/**
 * How a {@link ConcurrencyLimiter} sets its limit: fixed, or learned from each call's round-trip
 * time and whether it was dropped (a timeout, a rejection by the server).
 *
 * <p>The adaptive algorithms act only on what the calls report through their
 * {@link ConcurrencyLimiter.Listener}; each keeps the limit within {@code [minLimit, maxLimit]},
 * whatever it is fed (a round-trip time of 0 ns counts as 1 ns, never as a division by zero), and
 * raises it only while the calls in flight use at least half of it (an idle client proves nothing
 * about the server's capacity).
 */
public enum LimitAlgorithm {

  /** The initial limit, for good: a bulkhead with a listener. */
  FIXED,

  /**
   * Additive increase, multiplicative decrease, as in TCP Reno: +1 per successful call while at
   * least half the limit is in use, times {@code backoffRatio} per dropped call. Reacts to drops
   * only, not to latency: it finds the limit by overloading the server until calls fail.
   */
  AIMD,

  /**
   * TCP Vegas, as Netflix's concurrency-limits applies it: the estimated queue at the server is
   * {@code limit x (1 - minRtt / rtt)}, where {@code minRtt} is the lowest round-trip time seen (the
   * latency without queueing, probed again every {@code 30 x limit} calls); a queue below
   * {@code log10(limit)} raises the limit by {@code 6 log10(limit)}, below {@code 3 log10(limit)} by
   * {@code log10(limit)}, above {@code 6 log10(limit)} lowers it by {@code log10(limit)}; a drop
   * multiplies it by {@code backoffRatio}. Keeps the queue, and so latency, small: the default.
   */
  VEGAS,

  /**
   * Netflix's Gradient2: the limit follows {@code limit x min(1, 1.5 x longRtt / rtt) + sqrt(limit)},
   * smoothed by 0.2, where {@code longRtt} is an exponential average over 600 calls; a drop
   * multiplies it by {@code backoffRatio} (Netflix's ignores drops). Kept for comparison: as the long
   * average catches up with a sustained queue the gradient returns to 1 and the limit keeps growing
   * by {@code sqrt(limit)}, up to {@code maxLimit} (the claims report shows it), which is why
   * {@link #VEGAS} is the default.
   */
  GRADIENT2
}
