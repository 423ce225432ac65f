package dev.trestle.tck.ratelimit;

import java.util.ArrayList;
import java.util.List;

/**
 * A record of admissions (instant, permits) in time order, and the checks of each contract's bound
 * on it. Returns a description of the first violation, or null.
 */
final class Admissions {

  private final List<long[]> admitted = new ArrayList<>();

  void add(long time, long permits) {
    admitted.add(new long[] {time, permits});
  }

  int size() {
    return admitted.size();
  }

  long total() {
    long total = 0;
    for (long[] a : admitted) {
      total += a[1];
    }
    return total;
  }

  /** Returns the first violation of {@code contract} for L per T ns, burst B, created at {@code created}. */
  String violation(RateContract contract, long permits, long periodNanos, long burst, long created) {
    switch (contract) {
      case TOKEN_BUCKET:
        return bucketViolation(permits, periodNanos, burst);
      case SHAPER:
        return spacingViolation(permits, periodNanos);
      case SLIDING_WINDOW:
        return windowViolation(periodNanos, permits);
      case FIXED_WINDOW: {
        String aligned = alignedViolation(periodNanos, permits, created);
        return aligned != null ? aligned : windowViolation(periodNanos, 2 * permits);
      }
      case APPROXIMATE_WINDOW: {
        String aligned = alignedViolation(periodNanos, permits, created);
        return aligned != null ? aligned : windowViolation(periodNanos, 2 * permits - 1);
      }
      default:
        throw new IllegalArgumentException("unknown contract " + contract);
    }
  }

  /** Every closed interval [t_i, t_j] holds at most B + floor((t_j - t_i) × L / T) permits. */
  private String bucketViolation(long permits, long periodNanos, long burst) {
    for (int i = 0; i < admitted.size(); i++) {
      long sum = 0;
      for (int j = i; j < admitted.size(); j++) {
        sum += admitted.get(j)[1];
        long span = admitted.get(j)[0] - admitted.get(i)[0];
        long allowed = burst + Math.floorDiv(Math.multiplyExact(span, permits), periodNanos);
        if (sum > allowed) {
          return sum + " permits within " + span + " ns (from " + admitted.get(i)[0] + " ns), where at most " + allowed
              + " = burst " + burst + " + floor(" + span + " x " + permits + " / " + periodNanos + ") are allowed";
        }
      }
    }
    return null;
  }

  /** Consecutive admissions are at least n × T/L apart. */
  private String spacingViolation(long permits, long periodNanos) {
    for (int i = 1; i < admitted.size(); i++) {
      long gap = admitted.get(i)[0] - admitted.get(i - 1)[0];
      long n = admitted.get(i - 1)[1];
      if (Math.multiplyExact(gap, permits) < Math.multiplyExact(n, periodNanos)) {
        return "an admission " + gap + " ns after one of " + n + " permits, where " + n + " x " + periodNanos + "/" + permits
            + " ns is the least gap";
      }
    }
    return null;
  }

  /** Every half-open window [t_i, t_i + T) holds at most {@code max} permits. */
  private String windowViolation(long periodNanos, long max) {
    long sum = 0;
    int end = 0;
    for (int i = 0; i < admitted.size(); i++) {
      long start = admitted.get(i)[0];
      while (end < admitted.size() && admitted.get(end)[0] - start < periodNanos) {
        sum += admitted.get(end)[1];
        end++;
      }
      if (sum > max) {
        return sum + " permits in the window [" + start + ", " + (start + periodNanos) + ") ns, where at most " + max
            + " are allowed";
      }
      sum -= admitted.get(i)[1];
    }
    return null;
  }

  /** Each window [c + kT, c + (k+1)T) holds at most {@code max} permits. */
  private String alignedViolation(long periodNanos, long max, long created) {
    long window = Long.MIN_VALUE;
    long sum = 0;
    for (long[] a : admitted) {
      long k = Math.floorDiv(a[0] - created, periodNanos);
      if (k != window) {
        window = k;
        sum = 0;
      }
      sum += a[1];
      if (sum > max) {
        return sum + " permits in the aligned window " + k + " [" + (created + k * periodNanos) + ", "
            + (created + (k + 1) * periodNanos) + ") ns, where at most " + max + " are allowed";
      }
    }
    return null;
  }
}
