package dev.trestle.benchmarks.cache;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.cache.Cache;
import dev.trestle.cache.CacheBuilder;
import dev.trestle.cache.EvictionPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * {@code cache.memory-per-entry}: the heap a cache holds per entry, Trestle's LRU and LFU vs
 * Caffeine (and an access-ordered {@link LinkedHashMap} for scale), measured without JOL: heap used
 * after garbage collection with the cache filled, minus the heap used before it was created. Keys
 * and values are allocated up front and shared, so only the cache's own structures count. The
 * figure is the median of 3 measurements.
 */
public final class MemoryExperiment implements ClaimExperiment {

  @Override
  public String id() {
    return "cache.memory";
  }

  @Override
  public List<String> claimIds() {
    return List.of("cache.memory-per-entry");
  }

  /** Heap used after a few full collections, in bytes. */
  static long usedHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Bytes per entry of the map {@code factory} makes, filled with {@code keys.length} entries. */
  static double bytesPerEntry(Supplier<Map<Integer, Integer>> factory, Integer[] keys) {
    double[] samples = new double[3];
    for (int s = 0; s < samples.length; s++) {
      long before = usedHeap();
      Map<Integer, Integer> map = factory.get();
      for (Integer key : keys) {
        map.put(key, key);
      }
      long after = usedHeap();
      if (map.size() != keys.length) {
        throw new IllegalStateException("the cache evicted entries: " + map.size() + " of " + keys.length);
      }
      samples[s] = (double) (after - before) / keys.length;
      map.clear();
    }
    java.util.Arrays.sort(samples);
    return samples[1];
  }

  static Map<String, Supplier<Map<Integer, Integer>>> factories(int maximum) {
    Map<String, Supplier<Map<Integer, Integer>>> factories = new LinkedHashMap<>();
    factories.put("lru", () -> trestle(maximum, EvictionPolicy.LRU));
    factories.put("lfu", () -> trestle(maximum, EvictionPolicy.LFU));
    factories.put("caffeine", () -> com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(maximum)
        .executor(Runnable::run).<Integer, Integer>build().asMap());
    factories.put("linkedhashmap", () -> new LinkedHashMap<>(16, 0.75f, true));
    return factories;
  }

  private static Map<Integer, Integer> trestle(int maximum, EvictionPolicy policy) {
    Cache<Integer, Integer> cache = CacheBuilder.<Integer, Integer>newBuilder().maximumSize(maximum).policy(policy).build();
    return cache.asMap();
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int entries = context.scale(200_000, 1_000_000);
    Integer[] keys = new Integer[entries];
    for (int i = 0; i < entries; i++) {
      keys[i] = i + 1_000_000; // outside the Integer cache: each key is its own object, shared by every map
    }
    Map<String, Double> perEntry = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<Map<Integer, Integer>>> factory : factories(entries).entrySet()) {
      perEntry.put(factory.getKey(), bytesPerEntry(factory.getValue(), keys));
    }
    double caffeine = perEntry.get("caffeine");
    double lru = perEntry.get("lru");
    double lfu = perEntry.get("lfu");
    CategoryChart chart = new CategoryChartBuilder().width(700).height(450)
        .title("Heap per entry, " + entries + " entries").xAxisTitle("cache").yAxisTitle("bytes per entry").build();
    chart.addSeries("bytes per entry", new ArrayList<>(perEntry.keySet()), new ArrayList<>(perEntry.values()));
    Claim.Builder claim = Claim.builder("cache.memory-per-entry", "cache",
        "Trestle's LRU and LFU caches hold no more heap per entry than Caffeine (to within 1%)");
    perEntry.forEach((name, bytes) -> claim.detail(name, String.format(Locale.ROOT, "%.1f bytes per entry", bytes)));
    return List.of(claim
        .measured("heap per entry, Trestle LRU vs Caffeine", lru, caffeine, "bytes")
        .detail("Trestle LFU vs Caffeine", String.format(Locale.ROOT, "%.1f vs %.1f bytes", lfu, caffeine))
        .holds(lru <= caffeine * 1.01 && lfu <= caffeine * 1.01)
        .chart(context.saveChart(chart, "cache-memory-per-entry", ReportContext.Better.LOWER, "1 run"))
        .notes(entries + " Integer entries in a cache bounded at that size (no eviction); heap used after System.gc() "
            + "with the cache filled minus before it was made, median of 3, keys and values shared and not counted. "
            + "1% allows for the noise of heap accounting between runs. Includes the hash table, the nodes and the policy's structures (the frequency sketch for LFU and Caffeine). "
            + "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ".")
        .build());
  }
}
