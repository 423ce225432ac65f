package dev.trestle.benchmarks.hash;

import dev.trestle.core.hash.HashAlgorithm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per lookup of a precomputed 64-bit key hash, for each Trestle ring and Guava's
 * {@code Hashing.consistentHash} (a jump-style hash), at 10 to 10,000 nodes; and microseconds to
 * build a ring ({@link #build}). Keys cycle through 4,096 random hashes, so lookups miss the
 * branch predictor and, for the large rings, the caches, as real keys do.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar hash.LookupBenchmark.lookup</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LookupBenchmark {

  @Param({"virtual-nodes", "ketama", "rendezvous", "maglev", "jump", "guava"})
  public String impl;

  @Param({"10", "100", "1000", "10000"})
  public int nodes;

  private static final int KEYS = 4096;

  private Rings.Lookup lookup;
  private long[] hashes;
  private int next;

  @Setup
  public void setUp() {
    lookup = Rings.lookup(impl, nodes);
    hashes = new long[KEYS];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < KEYS; i++) {
      hashes[i] = random.nextLong();
    }
  }

  /** One lookup. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public String lookup() {
    next = (next + 1) & (KEYS - 1);
    return lookup.nodeFor(hashes[next]);
  }

  /** Building the ring from scratch (what a topology change costs). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object build() {
    HashAlgorithm algorithm = Rings.algorithm(impl);
    return algorithm == null ? Rings.lookup(impl, nodes) : Rings.ring(algorithm, nodes);
  }
}
