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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * "Passive outlier ejection takes a failing node out of rotation." 10 nodes behind round robin, one
 * of which fails half its calls (seeded coin); Poisson arrivals at 1,000 per second on a
 * {@link ManualTicker}, each reported at once. Measured: the share of failed requests with Trestle's
 * default ejection (5 failures in a row, 30 s growing back-off, at most 50% ejected) and with
 * ejection off.
 */
public final class OutlierEjectionExperiment implements ClaimExperiment {

  static final double RATE_PER_SECOND = 1_000;

  @Override
  public String id() {
    return "balance.outlier-ejection";
  }

  public List<String> claimIds() {
    return List.of("balance.outlier-ejection");
  }

  /** Returns the cumulative failed share (percent) at each whole second, the last being the total. */
  static double[] failedPercentBySecond(boolean ejection, int seconds, long seed) {
    ManualTicker ticker = new ManualTicker();
    List<Integer> servers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      servers.add(i);
    }
    LoadBalancerConfig.Builder config = LoadBalancerConfig.builder().algorithm(BalancingAlgorithm.ROUND_ROBIN)
        .ticker(ticker).seed(seed);
    if (!ejection) {
      config.consecutiveFailures(0);
    }
    LoadBalancer<Integer> lb = LoadBalancer.of(NodeSet.of(servers), config.build());
    SplittableRandom random = new SplittableRandom(seed);
    double[] bySecond = new double[seconds];
    long requests = 0;
    long failed = 0;
    long end = TimeUnit.SECONDS.toNanos(seconds);
    double meanGap = 1e9 / RATE_PER_SECOND;
    int second = 0;
    for (long now = 0; now < end; now += (long) (-Math.log(1 - random.nextDouble()) * meanGap)) {
      while (now >= TimeUnit.SECONDS.toNanos(second + 1)) {
        bySecond[second++] = 100.0 * failed / Math.max(1, requests);
      }
      SlowServerExperiment.advanceTo(ticker, now);
      int server = lb.pick();
      requests++;
      if (server == 0 && random.nextBoolean()) {
        failed++;
        lb.onFailure(server, 1_000_000);
      } else {
        lb.onSuccess(server, 1_000_000);
      }
    }
    while (second < seconds) {
      bySecond[second++] = 100.0 * failed / Math.max(1, requests);
    }
    return bySecond;
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int seconds = context.scale(300, 1_800);
    long seed = 19;
    double[] with = failedPercentBySecond(true, seconds, seed);
    double[] without = failedPercentBySecond(false, seconds, seed);
    XYChart chart = new XYChartBuilder().width(900).height(500)
        .title("10 nodes, one failing half its calls, round robin at 1,000 req/s: failed requests so far")
        .xAxisTitle("time (s)").yAxisTitle("failed requests (%)").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    List<Double> xs = new ArrayList<>();
    List<Double> ys1 = new ArrayList<>();
    List<Double> ys2 = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      xs.add(s + 1.0);
      ys1.add(with[s]);
      ys2.add(without[s]);
    }
    chart.addSeries("no ejection", xs, ys2).setMarker(SeriesMarkers.NONE);
    chart.addSeries("outlier ejection (5 in a row, 30 s growing)", xs, ys1).setMarker(SeriesMarkers.NONE);
    String file = context.saveChart(chart, "balance-outlier-ejection");
    double w = with[seconds - 1];
    double wo = without[seconds - 1];
    return List.of(Claim.builder("balance.outlier-ejection", "core",
            "passive outlier ejection cuts the requests lost to a node that fails half its calls")
        .measured("failed requests: with ejection vs without", w, wo, "%")
        .holds(w * 5 < wo)
        .chart(file)
        .detail("simulated seconds", seconds)
        .detail("failed with / without ejection (%)", String.format(Locale.ROOT, "%.3f / %.3f", w, wo))
        .notes("Trestle's ROUND_ROBIN balancer on a ManualTicker, Poisson arrivals at 1,000 per second (seed " + seed
            + "), node 0 failing each call with probability 1/2; ejection at Trestle's defaults (5 failures in a row, "
            + "30 s times the recent ejections, at most 300 s). Without ejection the expected share is 5% (10% of the "
            + "traffic, half of it failing). Holds when ejection cuts the failed share at least five-fold.")
        .build());
  }
}
