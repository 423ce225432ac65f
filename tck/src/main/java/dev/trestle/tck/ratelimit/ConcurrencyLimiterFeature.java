package dev.trestle.tck.ratelimit;

/** Optional capabilities a concurrency limiter under the {@link ConcurrencyLimiterTck} may declare. */
public enum ConcurrencyLimiterFeature {
  /** The limit moves: down under drops, up while calls succeed using at least half of it. */
  ADAPTIVE,
  /** The limit also moves down when round-trip times rise (measured on the spec's ticker). */
  LATENCY,
  /**
   * A refused acquire waits up to the spec's {@code maxWait} on the spec's ticker (a
   * {@link dev.trestle.core.ManualTicker}, which ends the wait when the kit advances it past it).
   */
  WAITING,
  /** With the spec's {@code lifo}, a freed slot goes to the newest waiter. Needs WAITING. */
  LIFO,
  /** Named partitions, each with its share of the limit reserved ({@link ConcurrencyLimiterSpec#partitions()}). */
  PARTITIONS
}
