package dev.trestle.benchmarks.cache;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CacheBuilder;
import dev.trestle.cache.EvictionPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads and writes of Zipf-distributed keys (skew 1.0 over {@value #ITEMS} keys, all cached:
 * the cost of the cache's concurrency machinery, as in Caffeine's own GetPutBenchmark; see
 * {@link #fill} for the two bounds), for
 * Trestle's LRU and LFU (maintenance on the calling threads: exact order for each thread; and
 * {@code -async}, on the common pool like Caffeine's default: reads dropped when the pool lags), Caffeine, and a synchronized access-ordered {@link LinkedHashMap}. Mixes:
 * {@code read} (100% reads), {@code read75} (75% reads, 25% writes of present keys), {@code write}
 * (100% writes). Throughput, at 2 threads by default.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar GetPutBenchmark -t 2 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(2)
@Fork(1)
public class GetPutBenchmark {

  static final int ITEMS = 1 << 14;
  static final int MAXIMUM = 3 * ITEMS;
  private static final int MASK = (1 << 20) - 1;

  @Param({"adaptive", "lru", "lfu", "adaptive-async", "lru-async", "lfu-async", "caffeine", "linkedhashmap"})
  public String impl;

  @Param({"read", "read75", "write"})
  public String mix;

  /**
   * {@code third}: maximum 3 x the keys (Caffeine's own benchmark's setting; below half full Caffeine
   * skips recording reads, since nothing can be evicted yet). {@code full}: maximum = the keys, so
   * every cache must record reads for its policy.
   */
  @Param({"third", "full"})
  public String fill;

  /** The operations under test, one implementation per run. */
  interface Ops {
    Integer get(Integer key);

    void put(Integer key, Integer value);
  }

  private Ops ops;
  private Integer[] keys;
  private int writeEvery;

  /** Each thread walks the key sequence from its own offset. */
  @State(Scope.Thread)
  public static class Cursor {
    int index = new SplittableRandom().nextInt(MASK + 1);
  }

  @Setup
  public void setUp() {
    ops = create(impl, fill.equals("full") ? ITEMS : MAXIMUM);
    keys = zipfKeys(MASK + 1, ITEMS, 1.0, 42);
    for (int i = 0; i < ITEMS; i++) {
      ops.put(i, i);
    }
    switch (mix) {
      case "read": writeEvery = 0; break;
      case "read75": writeEvery = 4; break;
      case "write": writeEvery = 1; break;
      default: throw new IllegalArgumentException("unknown mix " + mix + ": read, read75 or write");
    }
  }

  static Ops create(String impl, int maximum) {
    switch (impl) {
      case "adaptive":
      case "lru":
      case "lfu":
      case "adaptive-async":
      case "lru-async":
      case "lfu-async": {
        CacheBuilder<Integer, Integer> builder = CacheBuilder.<Integer, Integer>newBuilder().maximumSize(maximum);
        if (!impl.startsWith("adaptive")) { // adaptive is the default: the builder is left as a user would leave it
          builder.policy(impl.startsWith("lru") ? EvictionPolicy.LRU : EvictionPolicy.LFU);
        }
        if (impl.endsWith("-async")) {
          builder.executor(java.util.concurrent.ForkJoinPool.commonPool()); // maintenance off the callers' threads, as Caffeine's default
        }
        Cache<Integer, Integer> cache = builder.build();
        return new Ops() {
          public Integer get(Integer key) { return cache.getIfPresent(key); }
          public void put(Integer key, Integer value) { cache.put(key, value); }
        };
      }
      case "caffeine": {
        com.github.benmanes.caffeine.cache.Cache<Integer, Integer> cache =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(maximum).build();
        return new Ops() {
          public Integer get(Integer key) { return cache.getIfPresent(key); }
          public void put(Integer key, Integer value) { cache.put(key, value); }
        };
      }
      case "linkedhashmap": {
        Map<Integer, Integer> map = Collections.synchronizedMap(new LinkedHashMap<>(maximum, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
            return size() > maximum;
          }
        });
        return new Ops() {
          public Integer get(Integer key) { return map.get(key); }
          public void put(Integer key, Integer value) { map.put(key, value); }
        };
      }
      default:
        throw new IllegalArgumentException("unknown impl " + impl + ": adaptive, lru, lfu (each also -async), caffeine or linkedhashmap");
    }
  }

  /** Zipf(skew) ranks over {@code items} keys, scrambled so the hot keys are spread over the table. */
  static Integer[] zipfKeys(int count, int items, double skew, long seed) {
    double[] cumulative = new double[items];
    double sum = 0;
    for (int i = 0; i < items; i++) {
      sum += 1 / Math.pow(i + 1, skew);
      cumulative[i] = sum;
    }
    int[] scramble = new int[items];
    for (int i = 0; i < items; i++) {
      scramble[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = items - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = scramble[i];
      scramble[i] = scramble[j];
      scramble[j] = t;
    }
    Integer[] keys = new Integer[count];
    for (int i = 0; i < count; i++) {
      int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
      keys[i] = scramble[Math.min(items - 1, index >= 0 ? index : -index - 1)];
    }
    return keys;
  }

  @Benchmark
  public Integer getPut(Cursor cursor) {
    int i = cursor.index++;
    Integer key = keys[i & MASK];
    if (writeEvery != 0 && i % writeEvery == 0) {
      ops.put(key, key);
      return key;
    }
    return ops.get(key);
  }
}
