package dev.trestle.benchmarks;

import java.util.Arrays;

/** A set of latencies in nanoseconds and their percentiles (nearest-rank). Not thread-safe. */
public final class LatencySample {

  private long[] values = new long[1024];
  private int size;
  private boolean sorted = true;

  /** Adds one latency in nanoseconds. */
  public void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
    sorted = false;
  }

  /** Adds every latency of {@code other}. */
  public void addAll(LatencySample other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  /** Returns the number of latencies. */
  public int size() {
    return size;
  }

  /**
   * Returns the nearest-rank percentile {@code p} (0 &lt; p &le; 100) in nanoseconds.
   *
   * @throws IllegalStateException if the sample is empty
   */
  public long percentile(double p) {
    if (size == 0) {
      throw new IllegalStateException("no latencies recorded");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("p must be in (0, 100], was " + p);
    }
    sort();
    // The epsilon keeps binary rounding (99.9 / 100 * 1000 = 999.0000000000001) from skipping a rank.
    int rank = (int) Math.ceil(p * size / 100.0 - 1e-9);
    return values[Math.max(0, rank - 1)];
  }

  /** Returns the largest latency. */
  public long max() {
    return percentile(100);
  }

  /** Returns percentile {@code p} in milliseconds. */
  public double percentileMillis(double p) {
    return percentile(p) / 1e6;
  }

  private void sort() {
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
  }
}
