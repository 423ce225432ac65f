package dev.trestle.ratelimit;

/**
 * {@link LimitAlgorithm#GRADIENT2}, Netflix's formula: the gradient between a long exponential
 * average of the RTT (600 samples) and the latest RTT, tolerance 1.5, a queue allowance of
 * {@code sqrt(limit)}, smoothing 0.2; a long average more than twice the latest RTT decays by 5% a
 * sample, so that it recovers after a spike. Unlike Netflix's, a drop backs the limit off, and an
 * RTT of 0 ns is taken as 1 ns (Netflix's divides 0 by 0 and its limit becomes 0).
 */
final class Gradient2Limit extends Limit {

  private static final double TOLERANCE = 1.5;
  private static final double SMOOTHING = 0.2;
  private static final int LONG_WINDOW = 600;
  private static final int WARMUP = 10;

  private final double backoffRatio;
  private double estimate;
  private double longRtt;
  private int samples;

  Gradient2Limit(int initial, int min, int max, double backoffRatio) {
    super(initial, min, max);
    this.backoffRatio = backoffRatio;
    this.estimate = initial;
  }

  @Override
  int update(long rttNanos, int inflight, boolean dropped) {
    double shortRtt = rttNanos;
    if (samples < WARMUP) { // a plain average first, then the exponential one
      samples++;
      longRtt += (shortRtt - longRtt) / samples;
    } else {
      longRtt += (shortRtt - longRtt) * 2.0 / (LONG_WINDOW + 1);
    }
    if (longRtt / shortRtt > 2) {
      longRtt *= 0.95;
    }
    double next;
    if (dropped) {
      next = Math.min(estimate - 1, estimate * backoffRatio);
    } else if (inflight < estimate / 2) {
      return get();
    } else {
      double gradient = Math.max(0.5, Math.min(1.0, TOLERANCE * longRtt / shortRtt));
      next = estimate * gradient + Math.sqrt(estimate);
      next = estimate * (1 - SMOOTHING) + next * SMOOTHING;
    }
    estimate = Math.max(min, Math.min(max, next));
    return (int) estimate;
  }
}
