package dev.trestle.benchmarks.hash;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.core.hash.BoundedLoadBalancer;
import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.core.hash.HashRingBuilder;
import dev.trestle.core.hash.Murmur3;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Three claims about consistent hashing, all deterministic (seeded keys, no timing):
 *
 * <ul>
 *   <li>{@code hash.moved-fraction}: adding a node to modulo hashing moves almost every key;
 *       consistent hashing moves about 1/n.
 *   <li>{@code hash.virtual-nodes}: virtual nodes even out the load (peak-to-mean at 100 nodes
 *       against virtual nodes per node).
 *   <li>{@code hash.bounded-loads}: bounded loads cap the hottest node under Zipf-skewed keys.
 * </ul>
 */
public final class ConsistentHashingExperiment implements ClaimExperiment {

  private static final long SEED = 2026_11_24L;

  @Override
  public String id() {
    return "hash";
  }

  @Override
  public List<String> claimIds() {
    return List.of("hash.moved-fraction", "hash.virtual-nodes", "hash.bounded-loads");
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    return List.of(movedFraction(context), virtualNodes(context), boundedLoads(context));
  }

  static long[] uniformHashes(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] hashes = new long[count];
    for (int i = 0; i < count; i++) {
      hashes[i] = random.nextLong();
    }
    return hashes;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  // ---- moved fraction ----

  private Claim movedFraction(ReportContext context) throws Exception {
    int[] sizes = context.quick() ? new int[] {5, 10, 25, 50, 100} : new int[] {2, 5, 10, 20, 50, 100, 200, 500};
    long[] keys = uniformHashes(context.scale(50_000, 200_000), SEED);
    Map<String, double[]> moved = new LinkedHashMap<>();
    for (String impl : Rings.ALL) {
      double[] fractions = new double[sizes.length];
      for (int s = 0; s < sizes.length; s++) {
        Rings.Lookup before = Rings.lookup(impl, sizes[s]);
        Rings.Lookup after = Rings.lookup(impl, sizes[s] + 1);
        int count = 0;
        for (long key : keys) {
          if (!before.nodeFor(key).equals(after.nodeFor(key))) {
            count++;
          }
        }
        fractions[s] = (double) count / keys.length;
      }
      moved.put(impl, fractions);
    }
    boolean holds = true;
    Claim.Builder claim = Claim.builder("hash.moved-fraction", "core",
        "adding a node to modulo hashing moves almost every key; consistent hashing moves about 1/n");
    for (int s = 0; s < sizes.length; s++) {
      double ideal = 1.0 / (sizes[s] + 1);
      holds &= moved.get("modulo")[s] >= 0.75;
      StringBuilder row = new StringBuilder();
      for (String impl : Rings.ALL) {
        double fraction = moved.get(impl)[s];
        if (!impl.equals("modulo")) {
          holds &= fraction <= 1.5 * ideal;
        }
        row.append(impl).append(' ').append(fmt(fraction)).append("; ");
      }
      claim.detail(sizes[s] + " -> " + (sizes[s] + 1) + " nodes (ideal " + fmt(ideal) + ")", row.toString().trim());
    }
    int tenIndex = indexOf(sizes, 10);
    XYChart chart = new XYChartBuilder().width(800).height(500)
        .title("Keys moved when one node is added").xAxisTitle("nodes before the addition").yAxisTitle("fraction of keys moved").build();
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.OutsideE);
    List<Double> xs = new ArrayList<>();
    List<Double> ideal = new ArrayList<>();
    for (int size : sizes) {
      xs.add((double) size);
      ideal.add(1.0 / (size + 1));
    }
    for (Map.Entry<String, double[]> entry : moved.entrySet()) {
      List<Double> ys = new ArrayList<>();
      for (double value : entry.getValue()) {
        ys.add(Math.max(value, 1e-4));
      }
      chart.addSeries(entry.getKey(), xs, ys);
    }
    chart.addSeries("ideal 1/(n+1)", xs, ideal);
    String file = context.saveChart(chart, "hash-moved-fraction", ReportContext.Better.LOWER, "1 seeded run of " + keys.length + " keys");
    return claim
        .measured("fraction of keys moved from 10 to 11 nodes (virtual nodes vs modulo)",
            moved.get("virtual-nodes")[tenIndex], moved.get("modulo")[tenIndex], "fraction of keys")
        .holds(holds)
        .chart(file)
        .notes(keys.length + " uniformly random 64-bit key hashes (seeded); each ring of n nodes compared with the ring "
            + "of the same nodes plus one. Holds when modulo moves at least 75% of keys at every n and every "
            + "consistent algorithm (virtual nodes at the default 160 per node, ketama, rendezvous, Maglev, jump, "
            + "Guava) moves at most 1.5 x 1/(n+1).")
        .build();
  }

  private static int indexOf(int[] values, int value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException(value + " not among the sizes");
  }

  // ---- virtual nodes ----

  private static double peakToMean(Rings.Lookup lookup, long[] keys, int nodes) {
    Map<String, Integer> counts = new HashMap<>();
    for (long key : keys) {
      counts.merge(lookup.nodeFor(key), 1, Integer::sum);
    }
    int max = 0;
    for (int count : counts.values()) {
      max = Math.max(max, count);
    }
    return max / ((double) keys.length / nodes);
  }

  private Claim virtualNodes(ReportContext context) throws Exception {
    int nodes = 100;
    int[] perNode = {1, 2, 5, 10, 20, 50, 100, 160, 200, 500, 1000};
    long[] keys = uniformHashes(context.scale(200_000, 1_000_000), SEED + 1);
    String[] names = Rings.names(nodes);
    double[] ptm = new double[perNode.length];
    Claim.Builder claim = Claim.builder("hash.virtual-nodes", "core", "virtual nodes even out the load");
    StringBuilder curve = new StringBuilder();
    for (int v = 0; v < perNode.length; v++) {
      HashRingBuilder<String> builder = HashRing.<String>builder(HashAlgorithm.VIRTUAL_NODES).virtualNodes(perNode[v]);
      for (String name : names) {
        builder.node(name);
      }
      HashRing<String> ring = builder.build();
      ptm[v] = peakToMean(ring::nodeFor, keys, nodes);
      curve.append(perNode[v]).append(": ").append(fmt(ptm[v])).append("; ");
    }
    claim.detail("peak-to-mean by virtual nodes per node", curve.toString().trim());
    Map<String, Double> references = new LinkedHashMap<>();
    for (String impl : new String[] {"ketama", "rendezvous", "maglev", "jump", "guava"}) {
      references.put(impl, peakToMean(Rings.lookup(impl, nodes), keys, nodes));
      claim.detail("peak-to-mean of " + impl + " (default settings)", fmt(references.get(impl)));
    }
    int defaultIndex = indexOf(perNode, HashRingBuilder.DEFAULT_VIRTUAL_NODES);
    boolean holds = ptm[defaultIndex] < ptm[0] && ptm[indexOf(perNode, 10)] < ptm[0]
        && ptm[indexOf(perNode, 1000)] < ptm[indexOf(perNode, 10)] && ptm[defaultIndex] <= 1.35;

    XYChart chart = new XYChartBuilder().width(800).height(500)
        .title("Load of the busiest of 100 nodes").xAxisTitle("virtual nodes per node").yAxisTitle("peak-to-mean load").build();
    chart.getStyler().setXAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int v = 0; v < perNode.length; v++) {
      xs.add((double) perNode[v]);
      ys.add(ptm[v]);
    }
    chart.addSeries("virtual nodes", xs, ys);
    for (Map.Entry<String, Double> reference : references.entrySet()) {
      if (!reference.getKey().equals("ketama")) {
        chart.addSeries(reference.getKey(), List.of(1.0, 1000.0), List.of(reference.getValue(), reference.getValue()));
      }
    }
    String file = context.saveChart(chart, "hash-virtual-nodes", ReportContext.Better.LOWER, "1 seeded run");
    return claim
        .measured("peak-to-mean load at 100 nodes, 160 virtual nodes per node vs 1", ptm[defaultIndex], ptm[0], "x mean")
        .holds(holds)
        .chart(file)
        .notes(keys.length + " uniformly random key hashes (seeded) over 100 equal nodes; the load of the busiest node "
            + "over the mean. Sampling alone puts a perfectly balanced hash near " + fmt(references.get("jump"))
            + " (jump's value), the floor of the curve. Holds when 10 and 160 virtual nodes beat 1, 1000 beats 10, "
            + "and the default 160 stays within 1.35.")
        .build();
  }

  // ---- bounded loads ----

  private Claim boundedLoads(ReportContext context) throws Exception {
    int nodes = 20;
    int distinctKeys = 100_000;
    double skew = 1.0;
    int requests = context.scale(200_000, 1_000_000);
    long[] keyHashes = new long[distinctKeys];
    for (int i = 0; i < distinctKeys; i++) {
      keyHashes[i] = Murmur3.fmix64(i + 0x5DEECE66DL);
    }
    int[] stream = new int[requests];
    Zipf zipf = new Zipf(distinctKeys, skew, SEED + 2);
    for (int i = 0; i < requests; i++) {
      stream[i] = zipf.next();
    }
    HashRing<String> ring = Rings.ring(HashAlgorithm.VIRTUAL_NODES, nodes);
    double mean = (double) requests / nodes;

    Map<String, Integer> unbounded = new HashMap<>();
    for (int key : stream) {
      unbounded.merge(ring.nodeFor(keyHashes[key]), 1, Integer::sum);
    }
    double unboundedPtm = unbounded.values().stream().mapToInt(Integer::intValue).max().orElse(0) / mean;

    double[] epsilons = {0.05, 0.1, 0.25, 0.5, 1.0};
    double[] boundedPtm = new double[epsilons.length];
    double[] firstChoice = new double[epsilons.length];
    Claim.Builder claim = Claim.builder("hash.bounded-loads", "core", "bounded loads cap the hottest node under skewed keys");
    for (int e = 0; e < epsilons.length; e++) {
      BoundedLoadBalancer<String> balancer = new BoundedLoadBalancer<>(ring, epsilons[e]);
      int first = 0;
      for (int key : stream) {
        String node = balancer.assign(keyHashes[key]);
        if (node.equals(ring.nodeFor(keyHashes[key]))) {
          first++;
        }
      }
      long max = 0;
      for (String node : ring.nodes()) {
        max = Math.max(max, balancer.load(node));
      }
      boundedPtm[e] = max / mean;
      firstChoice[e] = (double) first / requests;
      claim.detail("epsilon " + epsilons[e], "peak-to-mean " + fmt(boundedPtm[e]) + ", requests on their key's first node " + fmt(firstChoice[e]));
    }
    claim.detail("no bound", "peak-to-mean " + fmt(unboundedPtm));
    int quarter = 2;
    boolean holds = boundedPtm[quarter] <= 1 + epsilons[quarter] + (double) nodes / requests + 1e-9 && unboundedPtm > boundedPtm[quarter];
    for (int e = 0; e < epsilons.length; e++) {
      holds &= boundedPtm[e] <= 1 + epsilons[e] + (double) nodes / requests + 1e-9;
    }

    CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
        .title("Busiest of 20 nodes under Zipf(" + skew + ") keys").xAxisTitle("bound").yAxisTitle("peak-to-mean load").build();
    chart.getStyler().setLegendVisible(false);
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    labels.add("none");
    values.add(unboundedPtm);
    for (int e = 0; e < epsilons.length; e++) {
      labels.add("eps " + epsilons[e]);
      values.add(boundedPtm[e]);
    }
    chart.addSeries("peak-to-mean", labels, values);
    String file = context.saveChart(chart, "hash-bounded-loads", ReportContext.Better.LOWER, "1 seeded run");
    return claim
        .measured("peak-to-mean load of 20 nodes under Zipf keys, bounded (epsilon 0.25) vs unbounded",
            boundedPtm[quarter], unboundedPtm, "x mean")
        .holds(holds)
        .chart(file)
        .notes(requests + " requests for " + distinctKeys + " keys drawn from Zipf(" + skew + ") (seeded) over a "
            + "virtual-node ring of 20 nodes; each request adds one unit of load (none released). Holds when every "
            + "bound keeps the busiest node within (1 + epsilon) x the mean (+ n/requests for rounding) and epsilon "
            + "0.25 beats no bound. The price of the bound is the share of requests sent past their key's first "
            + "node, given per epsilon.")
        .build();
  }
}
