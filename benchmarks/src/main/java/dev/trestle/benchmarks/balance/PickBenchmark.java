package dev.trestle.benchmarks.balance;

import dev.trestle.core.balance.BalancingAlgorithm;
import dev.trestle.core.balance.LoadBalancer;
import dev.trestle.core.balance.LoadBalancerConfig;
import dev.trestle.core.balance.NodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds for one pick and its success report (the whole per-request cost of a balancer), for
 * each algorithm over 10 nodes, on 1 and on 2 threads sharing the balancer, in one run. Keyed
 * algorithms pick with a random precomputed key hash.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar balance.PickBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PickBenchmark {

  @Param({"ROUND_ROBIN", "WEIGHTED_ROUND_ROBIN", "RANDOM", "LEAST_OUTSTANDING", "TWO_CHOICES", "PEAK_EWMA",
      "BOUNDED_LOAD_HASH", "MAGLEV"})
  public String algorithm;

  private LoadBalancer<String> balancer;
  private long[] keys;

  @Setup
  public void setUp() {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      nodes.add("10.0.0." + i + ":8080");
    }
    balancer = LoadBalancer.of(NodeSet.of(nodes), LoadBalancerConfig.builder()
        .algorithm(BalancingAlgorithm.valueOf(algorithm)).build());
    keys = ThreadLocalRandom.current().longs(1024).toArray();
  }

  /** Per-thread position in the keys. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  private String cycle(Cursor cursor) {
    cursor.next = (cursor.next + 1) & 1023;
    String node = balancer.pick(keys[cursor.next]);
    balancer.onSuccess(node, 1_000_000);
    return node;
  }

  /** One pick and report, one thread. */
  @Benchmark
  @Threads(1)
  public String pickOneThread(Cursor cursor) {
    return cycle(cursor);
  }

  /** One pick and report, two threads on the same balancer. */
  @Benchmark
  @Threads(2)
  public String pickTwoThreads(Cursor cursor) {
    return cycle(cursor);
  }
}
