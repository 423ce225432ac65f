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
 * <p>{@link #main} replays every {@code *.trace.gz} in the directories given as arguments (or by the
 * system property {@value #TRACES_PROPERTY}; by default {@code ../shared/traces} when present and
 * the traces shipped in {@code benchmarks/traces}) at 1%, 5% and 20% of each trace's distinct keys,
 * for LRU, LFU, the adaptive default and Caffeine, and prints a Markdown table, the mean of each
 * policy, and how many points the adaptive policy is more than one point below the better of
 * Caffeine and LRU. Thread-safe: it holds no state.
 */
public final class HitRatioSimulator {

  /** The system property naming the directory of traces, when no argument is given. */
  public static final String TRACES_PROPERTY = "trestle.traces";

  /** The policies the simulator compares by default, by name: a factory from cache size to cache. */
  public static Map<String, LongFunction<Cache<Long, Long>>> defaultPolicies() {
    Map<String, LongFunction<Cache<Long, Long>>> policies = new LinkedHashMap<>();
    policies.put("lru", size -> CacheBuilder.<Long, Long>newBuilder().maximumSize(size).policy(EvictionPolicy.LRU).build());
    policies.put("lfu", size -> CacheBuilder.<Long, Long>newBuilder().maximumSize(size).policy(EvictionPolicy.LFU).build());
    policies.put("adaptive", size -> CacheBuilder.<Long, Long>newBuilder().maximumSize(size).policy(EvictionPolicy.ADAPTIVE).build());
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

  /** Returns the directories of traces the simulator and the report use by default: the shared ones if present, and the shipped ones. */
  public static List<Path> defaultTraceDirectories() {
    List<Path> dirs = new ArrayList<>();
    String env = System.getenv("TRESTLE_TRACES");
    if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) {
      dirs.add(Path.of(env));
    } else if (Files.isDirectory(Path.of("..", "shared", "traces"))) {
      dirs.add(Path.of("..", "shared", "traces"));
    }
    for (Path shipped : new Path[] {Path.of("benchmarks", "traces"), Path.of("traces")}) {
      if (Files.isDirectory(shipped) && Files.exists(shipped.resolve("LICENSE.md"))) {
        dirs.add(shipped);
        break;
      }
    }
    return dirs;
  }

  /**
   * Reads the traces of {@code directories}, by name; a trace name met twice (a shipped trace that
   * is also in the shared directory) is read once, from the first directory that has it.
   */
  public static Map<String, Trace> readTraces(List<Path> directories) throws IOException {
    Map<String, Trace> traces = new java.util.TreeMap<>();
    for (Path dir : directories) {
      for (Path file : traceFiles(dir)) {
        String name = file.getFileName().toString().replace(".trace.gz", "");
        if (!traces.containsKey(name)) {
          traces.put(name, Trace.read(file));
        }
      }
    }
    return traces;
  }

  /**
   * Replays every trace of the directories given as arguments (or {@value #TRACES_PROPERTY}, or
   * {@link #defaultTraceDirectories()}) and prints the hit ratios at 1%, 5% and 20% of each
   * trace's distinct keys.
   */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new HitRatioCommand()).execute(args));
  }

  static void print(PrintStream out, Path directory, double[] fractions) throws IOException {
    print(out, readTraces(List.of(directory)), fractions);
  }

  /** Prints the table, then (when the default policies ran) the means and the points where adaptive trails the better of Caffeine and LRU by more than a point. */
  static void print(PrintStream out, Map<String, Trace> traces, double[] fractions) {
    Map<String, LongFunction<Cache<Long, Long>>> policies = defaultPolicies();
    out.print("| trace | accesses | distinct | size |");
    policies.keySet().forEach(p -> out.print(" " + p + " |"));
    out.println();
    out.print("|---|---|---|---|");
    policies.keySet().forEach(p -> out.print("---|"));
    out.println();
    Map<String, Double> sums = new LinkedHashMap<>();
    int points = 0;
    List<String> misses = new ArrayList<>();
    for (Trace trace : traces.values()) {
      long[] sizes = sizesAt(trace, fractions);
      Map<String, double[]> ratios = simulate(trace, sizes, policies);
      for (int i = 0; i < sizes.length; i++) {
        out.print("| " + trace.name() + " | " + trace.length() + " | " + trace.distinctKeys() + " | "
            + sizes[i] + " (" + Math.round(fractions[i] * 100) + "%) |");
        for (Map.Entry<String, double[]> row : ratios.entrySet()) {
          out.print(String.format(Locale.ROOT, " %.2f |", 100 * row.getValue()[i]));
          sums.merge(row.getKey(), row.getValue()[i], Double::sum);
        }
        out.println();
        points++;
        double best = Math.max(ratios.get("caffeine")[i], ratios.get("lru")[i]);
        double gap = 100 * (best - ratios.get("adaptive")[i]);
        if (gap > 1) {
          misses.add(String.format(Locale.ROOT, "%s %d%% (%.1f)", trace.name(), Math.round(fractions[i] * 100), -gap));
        }
      }
    }
    out.println();
    StringBuilder means = new StringBuilder("mean hit ratio (%) over " + points + " points:");
    int n = points;
    sums.forEach((policy, sum) -> means.append(String.format(Locale.ROOT, " %s %.2f;", policy, 100 * sum / n)));
    out.println(means);
    out.println("points where adaptive is more than 1 point below max(caffeine, lru): " + misses.size() + " " + misses);
  }
}
