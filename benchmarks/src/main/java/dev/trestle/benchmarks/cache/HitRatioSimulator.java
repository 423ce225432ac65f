package dev.trestle.benchmarks.cache;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CacheBuilder;
import dev.trestle.cache.CaffeineCache;
import dev.trestle.cache.EvictionPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Replays a {@link Trace} through caches of several sizes and reports the hit ratio of each
 * policy. Each access is a lookup; a miss puts the key. Caches run their maintenance on the
 * replaying thread, so a replay is deterministic.
 *
 * <p>{@link #main} replays every {@code *.trace.gz} in a directory given as the first argument or
 * by the system property {@value #TRACES_PROPERTY} at 1%, 5%, 20% and 50% of each trace's distinct
 * keys, for LRU, LFU and Caffeine, and prints a table. Thread-safe: it holds no state.
 */
public final class HitRatioSimulator {

  /** The system property naming the directory of traces, when no argument is given. */
  public static final String TRACES_PROPERTY = "trestle.traces";

  /** The policies the simulator compares by default, by name: a factory from cache size to cache. */
  public static Map<String, LongFunction<Cache<Long, Long>>> defaultPolicies() {
    Map<String, LongFunction<Cache<Long, Long>>> policies = new LinkedHashMap<>();
    policies.put("lru", size -> CacheBuilder.<Long, Long>newBuilder().maximumSize(size).policy(EvictionPolicy.LRU).build());
    policies.put("lfu", size -> CacheBuilder.<Long, Long>newBuilder().maximumSize(size).policy(EvictionPolicy.LFU).build());
    policies.put("caffeine", size -> CaffeineCache.build(CacheBuilder.<Long, Long>newBuilder().maximumSize(size)));
    return policies;
  }

  private HitRatioSimulator() {}

  /** Returns the fraction of the trace's accesses that hit in {@code cache} (which should start empty). */
  public static double hitRatio(Trace trace, Cache<Long, Long> cache) {
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(cache, "cache");
    long hits = 0;
    for (int i = 0, n = trace.length(); i < n; i++) {
      Long key = trace.key(i);
      if (cache.getIfPresent(key) != null) {
        hits++;
      } else {
        cache.put(key, key);
      }
    }
    return (double) hits / trace.length();
  }

  /**
   * Returns, per policy, the hit ratio at each size.
   *
   * @throws IllegalArgumentException if a size is below 1
   */
  public static Map<String, double[]> simulate(Trace trace, long[] sizes, Map<String, LongFunction<Cache<Long, Long>>> policies) {
    for (long size : sizes) {
      if (size < 1) {
        throw new IllegalArgumentException("cache sizes must be at least 1, was " + size);
      }
    }
    Map<String, double[]> ratios = new LinkedHashMap<>();
    for (Map.Entry<String, LongFunction<Cache<Long, Long>>> policy : policies.entrySet()) {
      double[] row = new double[sizes.length];
      for (int i = 0; i < sizes.length; i++) {
        row[i] = hitRatio(trace, policy.getValue().apply(sizes[i]));
      }
      ratios.put(policy.getKey(), row);
    }
    return ratios;
  }

  /** Returns cache sizes at the given fractions of the trace's distinct keys (at least 1 each). */
  public static long[] sizesAt(Trace trace, double... fractions) {
    long[] sizes = new long[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
      sizes[i] = Math.max(1, Math.round(trace.distinctKeys() * fractions[i]));
    }
    return sizes;
  }

  /** Returns the {@code *.trace.gz} files in {@code directory}, by name. */
  public static List<Path> traceFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> traces = new ArrayList<>();
      files.filter(f -> f.getFileName().toString().endsWith(".trace.gz")).sorted().forEach(traces::add);
      return traces;
    }
  }

  /**
   * Replays every trace of a directory (first argument, or the system property
   * {@value #TRACES_PROPERTY}) and prints the hit ratios; {@code --sizes} sets the cache sizes as
   * fractions of each trace's distinct keys, {@code --help} says more. Exit status 2 on bad arguments.
   */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new HitRatioCommand()).execute(args));
  }

  static void print(PrintStream out, Path directory, double[] fractions) throws IOException {
    Map<String, LongFunction<Cache<Long, Long>>> policies = defaultPolicies();
    out.print("| trace | accesses | distinct | size |");
    policies.keySet().forEach(p -> out.print(" " + p + " |"));
    out.println();
    out.print("|---|---|---|---|");
    policies.keySet().forEach(p -> out.print("---|"));
    out.println();
    for (Path file : traceFiles(directory)) {
      Trace trace = Trace.read(file);
      long[] sizes = sizesAt(trace, fractions);
      Map<String, double[]> ratios = simulate(trace, sizes, policies);
      for (int i = 0; i < sizes.length; i++) {
        out.print("| " + trace.name() + " | " + trace.length() + " | " + trace.distinctKeys() + " | "
            + sizes[i] + " (" + Math.round(fractions[i] * 100) + "%) |");
        for (double[] row : ratios.values()) {
          out.print(String.format(Locale.ROOT, " %.4f |", row[i]));
        }
        out.println();
      }
    }
  }
}
