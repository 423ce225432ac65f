package dev.trestle.ratelimit;

/**
 * One limit algorithm's state: the current limit, updated by each completed call's sample. The
 * updates of one limit are serialized by its monitor (a few arithmetic steps, never blocking);
 * {@link #get()} is a plain volatile read.
 */
abstract class Limit {

  final int min;
  final int max;
  private volatile int limit;

  Limit(int initial, int min, int max) {
    this.min = min;
    this.max = max;
    this.limit = initial;
  }

  static Limit of(ConcurrencyLimiterConfig config) {
    int initial = config.initialLimit;
    int min = config.minLimit;
    int max = config.maxLimit;
    switch (config.algorithm) {
      case FIXED:
        return new Fixed(initial);
      case AIMD:
        return new AimdLimit(initial, min, max, config.backoffRatio);
      case VEGAS:
        return new VegasLimit(initial, min, max, config.backoffRatio);
      case GRADIENT2:
        return new Gradient2Limit(initial, min, max, config.backoffRatio);
      default:
        throw new AssertionError(config.algorithm);
    }
  }

  /** Returns the current limit. */
  final int get() {
    return limit;
  }

  /**
   * Takes one call's sample: its round-trip time (at least 1 ns), the calls in flight when it was
   * admitted (itself included) and whether it was dropped; returns the new limit.
   */
  final synchronized int sample(long rttNanos, int inflight, boolean dropped) {
    int next = update(Math.max(1, rttNanos), inflight, dropped);
    next = Math.max(min, Math.min(max, next));
    limit = next;
    return next;
  }

  /** Returns the next limit, unclamped; called under the monitor. */
  abstract int update(long rttNanos, int inflight, boolean dropped);

  /** Whether a call admitted with {@code inflight} in flight used enough of {@code limit} to justify raising it. */
  static boolean limitedByUs(int inflight, double limit) {
    return inflight * 2 >= limit;
  }

  /** The limit that never moves. */
  static final class Fixed extends Limit {
    Fixed(int limit) {
      super(limit, limit, limit);
    }

    @Override
    int update(long rttNanos, int inflight, boolean dropped) {
      return get();
    }
  }
}
