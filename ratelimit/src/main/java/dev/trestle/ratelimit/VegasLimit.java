package dev.trestle.ratelimit;

/**
 * {@link LimitAlgorithm#VEGAS}. The estimate is kept as a double so that small steps add up; the
 * limit handed out is its floor. The lowest RTT is forgotten every {@code 30 x limit} samples, so
 * that a permanent rise of the server's own latency is not taken for a queue forever.
 */
final class VegasLimit extends Limit {

  private static final int PROBE_MULTIPLIER = 30;

  private final double backoffRatio;
  private double estimate;
  private long minRtt = Long.MAX_VALUE;
  private long samplesToProbe;

  VegasLimit(int initial, int min, int max, double backoffRatio) {
    super(initial, min, max);
    this.backoffRatio = backoffRatio;
    this.estimate = initial;
    this.samplesToProbe = (long) PROBE_MULTIPLIER * initial;
  }

  private static double log10(double limit) {
    return Math.max(1, Math.log10(limit));
  }

  @Override
  int update(long rttNanos, int inflight, boolean dropped) {
    if (--samplesToProbe <= 0) {
      samplesToProbe = (long) PROBE_MULTIPLIER * get();
      minRtt = rttNanos; // probe: the no-load latency is measured again from here
    }
    if (rttNanos < minRtt) {
      minRtt = rttNanos;
    }
    double next;
    if (dropped) {
      next = Math.min(estimate - 1, estimate * backoffRatio);
    } else if (!limitedByUs(inflight, estimate)) {
      return get();
    } else {
      double step = log10(estimate);
      double queue = Math.ceil(estimate * (1 - (double) minRtt / rttNanos));
      if (queue <= step) {
        next = estimate + 6 * step;
      } else if (queue < 3 * step) {
        next = estimate + step;
      } else if (queue > 6 * step) {
        next = estimate - step;
      } else {
        return get();
      }
    }
    next = Math.max(min, Math.min(max, next));
    estimate = next;
    return (int) estimate;
  }
}
