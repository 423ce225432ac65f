package dev.trestle.benchmarks.speed;

import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One implementation's figures from one JMH run of a block at one thread count.
 *
 * @param block the block's id
 * @param impl the value of the benchmark's {@code impl} parameter
 * @param threads the benchmark threads
 * @param opsPerUs the throughput, operations per microsecond, summed over the threads
 * @param error the half-width of JMH's 99.9% confidence interval of {@code opsPerUs}, NaN when
 *     there were too few iterations to compute one
 * @param bytesPerOp bytes allocated per operation (JMH's gc profiler), NaN when not measured
 */
record Sample(String block, String impl, int threads, double opsPerUs, double error, double bytesPerOp) {

  /** The gc profiler's label for bytes per operation (JMH 1.37; older JMH put a "·" before it). */
  static final String ALLOC_NORM = "gc.alloc.rate.norm";

  /** Reads a sample from a JMH result, which must be in operations per microsecond. */
  static Sample of(String block, RunResult result) {
    Result<?> primary = result.getPrimaryResult();
    if (!primary.getScoreUnit().equals("ops/us")) {
      throw new IllegalArgumentException(block + ": expected ops/us from JMH, got " + primary.getScoreUnit());
    }
    return new Sample(block, result.getParams().getParam("impl"), result.getParams().getThreads(), primary.getScore(),
        primary.getScoreError(), bytesPerOp(result.getSecondaryResults()));
  }

  /** The bytes per operation among a result's secondary results, or NaN if the gc profiler did not run. */
  static double bytesPerOp(Map<String, Result> secondary) {
    for (Map.Entry<String, Result> entry : secondary.entrySet()) {
      if (entry.getKey().equals(ALLOC_NORM) || entry.getKey().endsWith("\u00b7" + ALLOC_NORM)) {
        return entry.getValue().getScore();
      }
    }
    return Double.NaN;
  }
}
