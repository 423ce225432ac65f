package dev.trestle.pool;

import java.time.Duration;

/**
 * A snapshot of an {@link ObjectPool}'s counts and acquire wait-time distribution.
 *
 * <p>{@code total} counts live objects (created and not yet destroyed): {@code idle + active},
 * plus any object between the two states at the moment of the snapshot. Once the pool is quiet,
 * {@code created - destroyed == total}. {@code pending} counts creations in progress; {@code total +
 * pending} never exceeds maxSize. Wait times are measured with the pool's ticker, from the call to
 * acquire to the moment an object was handed over; acquires that failed are not in the
 * distribution (they are counted by {@code timeouts}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PoolStats {

  private final int total;
  private final int idle;
  private final int active;
  private final int waiting;
  private final int pending;
  private final long created;
  private final long destroyed;
  private final long timeouts;
  private final long leaks;
  private final long creationFailures;
  private final long[] waitBuckets;
  private final long acquires;

  /**
   * Creates a snapshot without a wait-time distribution, for adapters of other pools that report
   * counts in Trestle's terms.
   */
  public PoolStats(int total, int idle, int active, int waiting, long created, long destroyed, long timeouts) {
    this(total, idle, active, waiting, 0, created, destroyed, timeouts, 0, 0, new long[1]);
  }

  PoolStats(int total, int idle, int active, int waiting, int pending, long created, long destroyed, long timeouts,
      long leaks, long creationFailures, long[] waitBuckets) {
    this.total = total;
    this.idle = idle;
    this.active = active;
    this.waiting = waiting;
    this.pending = pending;
    this.created = created;
    this.destroyed = destroyed;
    this.timeouts = timeouts;
    this.leaks = leaks;
    this.creationFailures = creationFailures;
    this.waitBuckets = waitBuckets;
    long sum = 0;
    for (long count : waitBuckets) {
      sum += count;
    }
    this.acquires = sum;
  }

  /** Objects alive: created and not yet destroyed. */
  public int total() {
    return total;
  }

  /** Objects alive and not lent. */
  public int idle() {
    return idle;
  }

  /** Objects lent to borrowers. */
  public int active() {
    return active;
  }

  /** Threads waiting in {@code acquire}. */
  public int waiting() {
    return waiting;
  }

  /** Creations in progress. */
  public int pending() {
    return pending;
  }

  /** Objects created since the pool started. */
  public long created() {
    return created;
  }

  /** Objects destroyed since the pool started. */
  public long destroyed() {
    return destroyed;
  }

  /** Acquires that timed out. */
  public long timeouts() {
    return timeouts;
  }

  /** Leases reported as leaked (held past the leak detection threshold). */
  public long leaks() {
    return leaks;
  }

  /** Creations that failed. */
  public long creationFailures() {
    return creationFailures;
  }

  /** Successful acquires, the number of waits in the distribution. */
  public long acquires() {
    return acquires;
  }

  /**
   * Returns the acquire wait at {@code quantile} (0.5 the median, 0.999 the 99.9th percentile), as
   * the upper bound of its histogram bucket (at most 12.5% above the true value); zero if no acquire
   * has succeeded.
   *
   * @throws IllegalArgumentException if {@code quantile} is not in [0, 1]
   */
  public Duration waitTime(double quantile) {
    if (!(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], was " + quantile);
    }
    if (acquires == 0) {
      return Duration.ZERO;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * acquires));
    long seen = 0;
    for (int i = 0; i < waitBuckets.length; i++) {
      seen += waitBuckets[i];
      if (seen >= rank) {
        return Duration.ofNanos(WaitTimes.upperBound(i));
      }
    }
    return Duration.ofNanos(WaitTimes.upperBound(waitBuckets.length - 1));
  }

  @Override
  public String toString() {
    return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting + ", pending=" + pending
        + ", created=" + created + ", destroyed=" + destroyed + ", timeouts=" + timeouts + ", leaks=" + leaks
        + ", creationFailures=" + creationFailures;
  }
}
