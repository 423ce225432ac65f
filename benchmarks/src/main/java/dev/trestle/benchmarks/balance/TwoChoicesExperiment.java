package dev.trestle.benchmarks.balance;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.balance.BalancingAlgorithm;
import dev.trestle.core.balance.LoadBalancer;
import dev.trestle.core.balance.LoadBalancerConfig;
import dev.trestle.core.balance.NodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * "The power of two choices: the busiest node carries O(log log n) instead of O(log n / log log n)"
 * (Mitzenmacher 2001). n requests are picked onto n nodes and held (none reported), so each node's
 * outstanding count is its load; measured: the busiest node's load, averaged over seeded trials,
 * for RANDOM and TWO_CHOICES as n grows from 10 to 10,000 (100,000 in the full report).
 */
public final class TwoChoicesExperiment implements ClaimExperiment {

  @Override
  public String id() {
    return "balance.two-choices";
  }

  public List<String> claimIds() {
    return List.of("balance.two-choices");
  }

  /** Returns the busiest node's load after n held picks on n nodes. */
  static int busiest(BalancingAlgorithm algorithm, int n, long seed) {
    List<Integer> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(i);
    }
    LoadBalancer<Integer> lb = LoadBalancer.of(NodeSet.of(nodes), LoadBalancerConfig.builder()
        .algorithm(algorithm).ticker(new ManualTicker()).seed(seed).build());
    int[] load = new int[n];
    int max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, ++load[lb.pick()]);
    }
    return max;
  }

  static double meanBusiest(BalancingAlgorithm algorithm, int n, int trials) {
    double sum = 0;
    for (int t = 0; t < trials; t++) {
      sum += busiest(algorithm, n, 1_000 + t);
    }
    return sum / trials;
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int[] sizes = context.quick() ? new int[] {10, 100, 1_000, 10_000} : new int[] {10, 100, 1_000, 10_000, 100_000};
    int trials = context.scale(5, 20);
    List<Double> xs = new ArrayList<>();
    List<Double> random = new ArrayList<>();
    List<Double> two = new ArrayList<>();
    Claim.Builder claim = Claim.builder("balance.two-choices", "core",
        "with the power of two choices the busiest node's load grows as log log n, far slower than with a random choice");
    boolean holds = true;
    for (int n : sizes) {
      double r = meanBusiest(BalancingAlgorithm.RANDOM, n, trials);
      double t = meanBusiest(BalancingAlgorithm.TWO_CHOICES, n, trials);
      xs.add((double) n);
      random.add(r);
      two.add(t);
      claim.detail("busiest at n=" + n + ": random / two choices", String.format(Locale.ROOT, "%.1f / %.1f", r, t));
      holds &= n < 100 || t < r;
    }
    double lastRandom = random.get(random.size() - 1);
    double lastTwo = two.get(two.size() - 1);
    // The log log n shape: from n = 100 to the largest n, two choices gains at most 1.5 while random gains more.
    double twoGrowth = lastTwo - two.get(1);
    double randomGrowth = lastRandom - random.get(1);
    holds &= twoGrowth <= 1.5 && randomGrowth > twoGrowth;
    XYChart chart = new XYChartBuilder().width(900).height(500)
        .title("n requests held on n nodes: the busiest node's load (mean of " + trials + " seeded trials)")
        .xAxisTitle("nodes (n)").yAxisTitle("requests on the busiest node").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.addSeries("random", xs, random);
    chart.addSeries("two choices", xs, two);
    String file = context.saveChart(chart, "balance-two-choices");
    int largest = sizes[sizes.length - 1];
    return List.of(claim
        .measured("busiest node's load at n=" + largest + ": two choices vs random", lastTwo, lastRandom, "requests")
        .holds(holds)
        .chart(file)
        .notes("Trestle's TWO_CHOICES and RANDOM balancers, seeded, n picks held on n equally weighted nodes, mean of "
            + trials + " trials. Holds when two choices is below random at every n >= 100, and from n = 100 to n = "
            + largest + " its busiest node gains at most 1.5 requests while random's gains more.")
        .build());
  }
}
