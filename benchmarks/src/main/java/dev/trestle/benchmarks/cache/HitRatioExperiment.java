package dev.trestle.benchmarks.cache;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.cache.Cache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The cache claims, all deterministic (seeded synthetic workloads and recorded traces replayed on
 * one thread; hit ratios, no timing), each with a chart of hit ratio against cache size for LRU,
 * LFU and Caffeine:
 *
 * <ul>
 *   <li>{@code cache.lfu-skewed}: LFU beats LRU when popularity is skewed and stable.
 *   <li>{@code cache.lru-shifting}: LRU beats LFU when the hot set shifts.
 *   <li>{@code cache.scan-defeats-lru}: a scan or loop larger than the cache defeats LRU.
 *   <li>{@code cache.traces}: the default (adaptive) policy's mean hit ratio over the real traces at
 *       1%, 5% and 20% of their distinct keys is at or above Caffeine's.
 * </ul>
 *
 * <p>Traces: those shipped in {@code benchmarks/traces} (small, freely licensed real traces), plus
 * {@code $TRESTLE_TRACES} or else {@code ../shared/traces} relative to the working directory when
 * present ({@link HitRatioSimulator#defaultTraceDirectories()}). Each claim names the traces that
 * ran; only when none is found do synthetic stand-ins run, and the claim says so.
 */
public final class HitRatioExperiment implements ClaimExperiment {

  private static final long SEED = 2010L; // the year of the O(1) LFU paper
  private static final double[] FRACTIONS = {0.01, 0.02, 0.05, 0.10, 0.20};

  @Override
  public String id() {
    return "cache";
  }

  @Override
  public List<String> claimIds() {
    return List.of("cache.lfu-skewed", "cache.lru-shifting", "cache.scan-defeats-lru", "cache.traces");
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    List<Path> dirs = HitRatioSimulator.defaultTraceDirectories();
    Map<String, Trace> traces = new LinkedHashMap<>(HitRatioSimulator.readTraces(dirs));
    StringBuilder from = new StringBuilder();
    for (Path dir : dirs) {
      from.append(from.length() == 0 ? "" : " and ").append(dir.toAbsolutePath().normalize());
    }
    String source = traces.isEmpty()
        ? "No real trace found (neither benchmarks/traces, $TRESTLE_TRACES nor ../shared/traces): synthetic workloads only."
        : "Real traces (" + traces.size() + "): " + String.join(", ", traces.keySet()) + ", read from " + from + ".";
    Map<String, LongFunction<Cache<Long, Long>>> policies = HitRatioSimulator.defaultPolicies();
    int length = context.scale(200_000, 1_000_000);
    List<Claim> claims = new ArrayList<>();
    claims.add(skewed(context, policies, length, traces, source));
    claims.add(shifting(context, policies, length, traces, source));
    claims.add(scans(context, policies, length, traces, source));
    claims.add(traceTable(context, policies, traces, source));
    return claims;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String row(Map<String, double[]> ratios, int i) {
    StringBuilder row = new StringBuilder();
    ratios.forEach((policy, values) -> row.append(policy).append(' ').append(fmt(values[i])).append("; "));
    return row.toString().trim();
  }

  private String chart(ReportContext context, String name, String title, long[] sizes, Map<String, double[]> ratios) throws IOException {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
        .xAxisTitle("cache size (entries)").yAxisTitle("hit ratio").build();
    chart.getStyler().setXAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.OutsideE);
    List<Double> xs = new ArrayList<>();
    for (long size : sizes) {
      xs.add((double) size);
    }
    ratios.forEach((policy, values) -> {
      List<Double> ys = new ArrayList<>();
      for (double value : values) {
        ys.add(value);
      }
      chart.addSeries(policy, xs, ys);
    });
    return context.saveChart(chart, name, ReportContext.Better.HIGHER, "1 run");
  }

  /** LFU vs LRU on one trace: how many sizes LFU wins, and the figures. */
  private static String compare(Trace trace, long[] sizes, Map<String, double[]> ratios) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < sizes.length; i++) {
      text.append(sizes[i]).append(": ").append(row(ratios, i)).append(" | ");
    }
    return text.toString();
  }

  private Claim skewed(ReportContext context, Map<String, LongFunction<Cache<Long, Long>>> policies, int length,
      Map<String, Trace> traces, String source) throws IOException {
    Trace trace = Trace.zipf(20_000, 0.9, length, SEED);
    long[] sizes = HitRatioSimulator.sizesAt(trace, FRACTIONS);
    Map<String, double[]> ratios = HitRatioSimulator.simulate(trace, sizes, policies);
    boolean holds = true;
    Claim.Builder claim = Claim.builder("cache.lfu-skewed", "cache", "LFU beats LRU when popularity is skewed and stable");
    for (int i = 0; i < sizes.length; i++) {
      holds &= ratios.get("lfu")[i] > ratios.get("lru")[i];
      claim.detail("zipf 0.9, size " + sizes[i], row(ratios, i));
    }
    addTraceEvidence(claim, traces, policies, new String[] {"lirs-multi2", "lirs-ps", "lirs-2pools"});
    int mid = 2;
    return claim.measured("hit ratio at " + sizes[mid] + " entries (5% of keys), LFU vs LRU", ratios.get("lfu")[mid], ratios.get("lru")[mid], "hit ratio")
        .holds(holds)
        .chart(chart(context, "cache-lfu-skewed", "Zipf 0.9 over 20000 keys, stable popularity", sizes, ratios))
        .notes(length + " accesses drawn from a Zipf(0.9) distribution over 20000 keys (seeded), replayed through "
            + "caches of 1% to 20% of the keys. Holds when LFU's hit ratio beats LRU's at every size. Trace "
            + "details: LRU vs LFU on real traces that mix frequency and recency, at 5% and 20% of their keys. " + source)
        .build();
  }

  private Claim shifting(ReportContext context, Map<String, LongFunction<Cache<Long, Long>>> policies, int length,
      Map<String, Trace> traces, String source) throws IOException {
    int phases = length / 1_000; // a new hot set every 1000 accesses
    Trace trace = Trace.shiftingHotSet(2_000, 1.0, length, phases, SEED);
    long[] sizes = {100, 200, 400, 800, 1600};
    Map<String, double[]> ratios = HitRatioSimulator.simulate(trace, sizes, policies);
    boolean holds = true;
    Claim.Builder claim = Claim.builder("cache.lru-shifting", "cache", "LRU beats LFU when the hot set shifts");
    for (int i = 0; i < sizes.length; i++) {
      holds &= ratios.get("lru")[i] > ratios.get("lfu")[i];
      claim.detail("hot set shifting every 1000 accesses, size " + sizes[i], row(ratios, i));
    }
    Trace slower = Trace.shiftingHotSet(2_000, 1.0, length, length / 4_000, SEED);
    long[] slowSizes = {100, 400};
    Map<String, double[]> slow = HitRatioSimulator.simulate(slower, slowSizes, policies);
    for (int i = 0; i < slowSizes.length; i++) {
      claim.detail("where it can fail: hot set shifting every 4000 accesses, size " + slowSizes[i], row(slow, i));
    }
    addTraceEvidence(claim, traces, policies, new String[] {"address-gcc", "lirs-sprite", "cache2k-web07"});
    int mid = 2;
    return claim.measured("hit ratio at " + sizes[mid] + " entries, LRU vs LFU", ratios.get("lru")[mid], ratios.get("lfu")[mid], "hit ratio")
        .holds(holds)
        .chart(chart(context, "cache-lru-shifting", "Hot set of 2000 keys (Zipf 1.0) replaced every 1000 accesses", sizes, ratios))
        .notes(length + " accesses in " + phases + " phases of 1000; each phase draws Zipf(1.0) accesses over 2000 keys "
            + "that no earlier phase used, so yesterday's favourites never return. Holds when LRU beats LFU at every "
            + "size. When the hot set shifts more slowly (every 4000 accesses) and the cache is small, LFU can win: "
            + "it holds the head of the current hot set once it has been counted (see the details). "
            + "Trace details: the recency-friendly real traces (a CPU trace, a sprite workload, web requests). " + source)
        .build();
  }

  private Claim scans(ReportContext context, Map<String, LongFunction<Cache<Long, Long>>> policies, int length,
      Map<String, Trace> traces, String source) throws IOException {
    Trace loop = Trace.loop(1_000, length);
    long[] sizes = {100, 250, 500, 750, 990};
    Map<String, double[]> ratios = HitRatioSimulator.simulate(loop, sizes, policies);
    boolean holds = true;
    Claim.Builder claim = Claim.builder("cache.scan-defeats-lru", "cache", "a scan or loop larger than the cache defeats LRU");
    for (int i = 0; i < sizes.length; i++) {
      holds &= ratios.get("lru")[i] < 0.01 && ratios.get("lfu")[i] > ratios.get("lru")[i];
      claim.detail("loop of 1000 keys, size " + sizes[i], row(ratios, i));
    }
    Trace scanned = Trace.zipfWithScans(5_000, 0.9, length, 1_000, 2_000, SEED);
    long[] scanSizes = {100, 250, 500, 1000};
    Map<String, double[]> withScans = HitRatioSimulator.simulate(scanned, scanSizes, policies);
    for (int i = 0; i < scanSizes.length; i++) {
      holds &= withScans.get("lfu")[i] > withScans.get("lru")[i];
      claim.detail("zipf 0.9 + scans of 2000 new keys after every 1000 accesses, size " + scanSizes[i], row(withScans, i));
    }
    addTraceEvidence(claim, traces, policies, new String[] {"lirs-loop", "lirs-scan", "lirs-cs", "lirs-gli"});
    int mid = 2;
    return claim.measured("hit ratio of a 1000-key loop at " + sizes[mid] + " entries, LRU vs LFU", ratios.get("lru")[mid], ratios.get("lfu")[mid], "hit ratio")
        .holds(holds)
        .chart(chart(context, "cache-scan-defeats-lru", "A loop over 1000 keys", sizes, ratios))
        .notes("A loop over 1000 keys (" + length + " accesses): LRU always evicts the key that comes back next, so "
            + "its hit ratio is 0 at every size below 1000; LFU keeps a fixed part of the loop. Also a Zipf workload "
            + "interrupted by scans of never-seen keys. Holds when LRU stays below 1% on the loop and LFU beats it "
            + "everywhere. Trace details: the LIRS loop, scan, cs and gli traces. " + source)
        .build();
  }

  private static void addTraceEvidence(Claim.Builder claim, Map<String, Trace> traces,
      Map<String, LongFunction<Cache<Long, Long>>> policies, String[] names) {
    for (String name : names) {
      Trace trace = traces.get(name);
      if (trace == null) {
        continue;
      }
      long[] sizes = HitRatioSimulator.sizesAt(trace, 0.05, 0.20);
      claim.detail("trace " + name, compare(trace, sizes, HitRatioSimulator.simulate(trace, sizes, policies)));
    }
  }

  private Claim traceTable(ReportContext context, Map<String, LongFunction<Cache<Long, Long>>> policies,
      Map<String, Trace> traces, String source) throws IOException {
    Map<String, Trace> used = new LinkedHashMap<>(traces);
    boolean real = !used.isEmpty();
    if (!real) {
      int length = context.scale(100_000, 500_000);
      used.put("zipf-0.9", Trace.zipf(10_000, 0.9, length, SEED));
      used.put("loop-1000", Trace.loop(1_000, length));
      used.put("shifting", Trace.shiftingHotSet(2_000, 1.2, length, 20, SEED));
    }
    String what = real
        ? "the " + used.size() + " real traces found (" + String.join(", ", used.keySet()) + ")"
        : "3 synthetic stand-ins (Zipf, loop, shifting hot set), no real trace being found";
    Claim.Builder claim = Claim.builder("cache.traces", "cache",
        "Trestle's default (adaptive window TinyLFU) policy's mean hit ratio over " + what
            + " at 1%, 5% and 20% of their distinct keys is at or above Caffeine's");
    double[] fractions = {0.01, 0.05, 0.20};
    Map<String, Double> sums = new LinkedHashMap<>();
    int points = 0;
    List<String> below = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Map<String, List<Double>> at20 = new LinkedHashMap<>();
    for (Trace trace : used.values()) {
      long[] sizes = HitRatioSimulator.sizesAt(trace, fractions);
      Map<String, double[]> ratios = HitRatioSimulator.simulate(trace, sizes, policies);
      for (int i = 0; i < sizes.length; i++) {
        String point = trace.name() + " at " + Math.round(fractions[i] * 100) + "%";
        claim.detail(point + " (" + sizes[i] + " of " + trace.distinctKeys() + " keys)", row(ratios, i));
        for (Map.Entry<String, double[]> entry : ratios.entrySet()) {
          sums.merge(entry.getKey(), entry.getValue()[i], Double::sum);
        }
        double best = Math.max(ratios.get("caffeine")[i], ratios.get("lru")[i]);
        if (ratios.get("adaptive")[i] < best - 0.01) {
          below.add(point + " (" + fmt(ratios.get("adaptive")[i] - best) + ")");
        }
        points++;
      }
      names.add(trace.name());
      ratios.forEach((policy, values) -> at20.computeIfAbsent(policy, p -> new ArrayList<>()).add(values[2]));
    }
    int n = points;
    StringBuilder means = new StringBuilder();
    sums.forEach((policy, sum) -> means.append(policy).append(' ').append(fmt(sum / n)).append("; "));
    claim.detail("mean hit ratio over all " + points + " points", means.toString().trim());
    claim.detail("points where adaptive is more than 1 point below the better of Caffeine and LRU",
        below.size() + " of " + points + (below.isEmpty() ? "" : ": " + String.join(", ", below)));
    org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(1100).height(500)
        .title("Hit ratio at 20% of each trace's distinct keys").xAxisTitle("trace").yAxisTitle("hit ratio").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisLabelRotation(45);
    at20.forEach((policy, values) -> chart.addSeries(policy, names, values));
    String file = context.saveChart(chart, "cache-traces", ReportContext.Better.HIGHER, "1 run per trace and size");
    double adaptive = sums.get("adaptive") / points;
    double caffeine = sums.get("caffeine") / points;
    return claim.measured("mean hit ratio over " + points + " trace/size points, Trestle adaptive vs Caffeine", adaptive, caffeine, "hit ratio")
        .holds(adaptive >= caffeine)
        .chart(file)
        .notes("Each trace replayed once per policy and size on one thread (a lookup, then a put on a miss); sizes "
            + "are 1%, 5% and 20% of the trace's distinct keys. Holds when the adaptive policy's mean is at or above "
            + "Caffeine's; the details also count the points where it is more than 1 point below the better of "
            + "Caffeine and LRU. Figures of the adaptive policy and Caffeine can move in the third decimal between "
            + "runs: both seed their sketch and admission at random against hash flooding. "
            + (real ? "" : "Synthetic stand-ins only: this says nothing about real workloads. ") + source)
        .build();
  }

  private static List<Double> column(double[][] rows, int index) {
    List<Double> values = new ArrayList<>();
    for (double[] row : rows) {
      values.add(row[index]);
    }
    return values;
  }
}
