package dev.trestle.benchmarks.pool;

import java.util.Comparator;
import java.util.List;

/**
 * The verdict of the pool-sizing claim, decided from the figures by a rule fixed before they are
 * measured. HikariCP's "About Pool Sizing" gives {@code connections = (core_count * 2) +
 * effective_spindle_count}; with the database on this machine's cores and one disk, a pool is
 * <em>small</em> when it has at most {@code 2 * cores + 1} connections. The claim holds when the
 * small pool of the highest throughput (the smaller size on a tie) has both a higher throughput and
 * a lower p99 latency than the biggest pool measured. Stateless.
 */
final class PoolSizing {

  private PoolSizing() {}

  /** What one pool size measured. */
  record Figures(int poolSize, double throughput, double p99Millis) {}

  /** The small pool compared, the big one it is compared with, and whether the claim holds. */
  record Verdict(Figures bestSmall, Figures big, int smallAtMost, boolean holds) {}

  /**
   * HikariCP's formula with one spindle: the most connections a pool may have and still count as small.
   *
   * @throws IllegalArgumentException if {@code cores} is below 1
   */
  static int smallAtMost(int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1, was " + cores);
    }
    return cores * 2 + 1;
  }

  /**
   * Decides the claim from the figures of each pool size measured.
   *
   * @throws IllegalArgumentException if {@code cores} is below 1, or no size is both small and below
   *     the biggest
   */
  static Verdict decide(List<Figures> figures, int cores) {
    int limit = smallAtMost(cores);
    Figures big = figures.stream().max(Comparator.comparingInt(Figures::poolSize))
        .orElseThrow(() -> new IllegalArgumentException("no pool size measured"));
    Figures bestSmall = figures.stream()
        .filter(f -> f.poolSize() <= limit && f.poolSize() < big.poolSize())
        .max(Comparator.comparingDouble(Figures::throughput).thenComparing(Comparator.comparingInt(Figures::poolSize).reversed()))
        .orElseThrow(() -> new IllegalArgumentException("no pool size of at most " + limit + " connections (2 x " + cores
            + " cores + 1) below the biggest, " + big.poolSize() + ", was measured"));
    boolean holds = bestSmall.throughput() > big.throughput() && bestSmall.p99Millis() < big.p99Millis();
    return new Verdict(bestSmall, big, limit, holds);
  }
}
