package dev.trestle.benchmarks.hash;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^skew, by inverse CDF. Not thread-safe. */
final class Zipf {

  private final double[] cumulative;
  private final SplittableRandom random;

  Zipf(int n, double skew, long seed) {
    if (n < 1 || !(skew >= 0)) {
      throw new IllegalArgumentException("n must be positive and skew non-negative, were " + n + " and " + skew);
    }
    cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1 / Math.pow(i + 1, skew);
      cumulative[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
    random = new SplittableRandom(seed);
  }

  int next() {
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
  }
}
