package dev.trestle.core.hedge;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last {@code size} latencies in a ring, and a percentile of them. Recording is one atomic
 * increment and one store; the percentile is recomputed (a copy and a sort of at most {@code size}
 * values) only after an eighth of the window has been replaced, so its cost is spread over calls.
 * Races between recorders and the recomputation only make the percentile a little stale.
 */
final class LatencyWindow {

  private final AtomicLongArray samples;
  private final AtomicLong recorded = new AtomicLong();
  private final double percentile;
  private final long floorNanos;
  private final long recomputeEvery;
  private volatile long cachedNanos;
  private volatile long cachedAt = -(1L << 40); // far enough back that the first request computes

  LatencyWindow(int size, double percentile, long floorNanos) {
    this.samples = new AtomicLongArray(size);
    this.percentile = percentile;
    this.floorNanos = floorNanos;
    this.recomputeEvery = Math.max(1, size / 8);
    this.cachedNanos = floorNanos;
  }

  void record(long nanos) {
    long index = recorded.getAndIncrement();
    samples.set((int) (index % samples.length()), Math.max(0, nanos));
  }

  /** The percentile of the window, never below the floor; the floor until enough samples are in. */
  long delayNanos() {
    long count = recorded.get();
    if (count < HedgeConfig.MIN_SAMPLES) {
      return floorNanos;
    }
    if (count - cachedAt >= recomputeEvery) {
      int n = (int) Math.min(count, samples.length());
      long[] copy = new long[n];
      for (int i = 0; i < n; i++) {
        copy[i] = samples.get(i);
      }
      Arrays.sort(copy);
      int rank = (int) Math.ceil(percentile / 100 * n) - 1;
      cachedNanos = Math.max(floorNanos, copy[Math.max(0, Math.min(n - 1, rank))]);
      cachedAt = count;
    }
    return cachedNanos;
  }
}
