package dev.trestle.ratelimit;

/** {@link LimitAlgorithm#AIMD}: +1 per success while at least half the limit is in use, times the backoff ratio per drop. */
final class AimdLimit extends Limit {

  private final double backoffRatio;

  AimdLimit(int initial, int min, int max, double backoffRatio) {
    super(initial, min, max);
    this.backoffRatio = backoffRatio;
  }

  @Override
  int update(long rttNanos, int inflight, boolean dropped) {
    int limit = get();
    if (dropped) {
      return Math.min(limit - 1, (int) (limit * backoffRatio)); // always down, even from 2 to 1
    }
    return limitedByUs(inflight, limit) ? limit + 1 : limit;
  }
}
