package dev.trestle.benchmarks.balance;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.LatencySample;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.balance.BalancingAlgorithm;
import dev.trestle.core.balance.LoadBalancer;
import dev.trestle.core.balance.LoadBalancerConfig;
import dev.trestle.core.balance.NodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler;

/**
 * "With one server of ten ten times slower, P2C on peak-EWMA latency keeps the tail near the fast
 * servers' while round robin's follows the slow one." A discrete-event simulation on a
 * {@link ManualTicker}: Poisson arrivals (seeded) at 4,000 per second over 10 servers that each
 * serve one request at a time, first come first served, with exponential service times of mean
 * 1 ms (server 0: 10 ms). Round robin sends the slow server 400 per second, four times what it can
 * serve, so its queue grows for the whole run; peak EWMA sees its latency and stops feeding it.
 * Each request's latency (queueing plus service) is reported to the balancer when it completes.
 */
public final class SlowServerExperiment implements ClaimExperiment {

  static final int SERVERS = 10;
  static final double RATE_PER_SECOND = 4_000;
  static final long FAST_MEAN = TimeUnit.MICROSECONDS.toNanos(1_000);
  static final long SLOW_MEAN = 10 * FAST_MEAN;

  @Override
  public String id() {
    return "balance.slow-server";
  }

  public List<String> claimIds() {
    return List.of("balance.slow-server");
  }

  /** Runs {@code seconds} of simulated traffic and returns every request's latency. */
  static LatencySample simulate(BalancingAlgorithm algorithm, int seconds, long seed) {
    ManualTicker ticker = new ManualTicker();
    List<Integer> servers = new ArrayList<>();
    for (int i = 0; i < SERVERS; i++) {
      servers.add(i);
    }
    LoadBalancer<Integer> lb = LoadBalancer.of(NodeSet.of(servers), LoadBalancerConfig.builder()
        .algorithm(algorithm).consecutiveFailures(0).ticker(ticker).seed(seed).build());
    SplittableRandom random = new SplittableRandom(seed);
    long[] freeAt = new long[SERVERS];
    PriorityQueue<long[]> completions = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0])); // {time, server, latency}
    LatencySample latencies = new LatencySample();
    long end = TimeUnit.SECONDS.toNanos(seconds);
    double meanGap = 1e9 / RATE_PER_SECOND;
    for (long now = 0; now < end; now += (long) (-Math.log(1 - random.nextDouble()) * meanGap)) {
      drain(completions, now, ticker, lb);
      advanceTo(ticker, now);
      int server = lb.pick();
      long mean = server == 0 ? SLOW_MEAN : FAST_MEAN;
      long service = (long) (-Math.log(1 - random.nextDouble()) * mean);
      long start = Math.max(now, freeAt[server]);
      freeAt[server] = start + service;
      long latency = freeAt[server] - now;
      latencies.add(latency);
      completions.add(new long[] {freeAt[server], server, latency});
    }
    return latencies;
  }

  private static void drain(PriorityQueue<long[]> completions, long until, ManualTicker ticker, LoadBalancer<Integer> lb) {
    while (!completions.isEmpty() && completions.peek()[0] <= until) {
      long[] done = completions.poll();
      advanceTo(ticker, done[0]);
      lb.onSuccess((int) done[1], done[2]);
    }
  }

  static void advanceTo(ManualTicker ticker, long time) {
    long delta = time - ticker.read();
    if (delta > 0) {
      ticker.advance(delta, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int seconds = context.scale(20, 60);
    long seed = 19;
    BalancingAlgorithm[] algorithms = {BalancingAlgorithm.ROUND_ROBIN, BalancingAlgorithm.RANDOM,
        BalancingAlgorithm.TWO_CHOICES, BalancingAlgorithm.PEAK_EWMA};
    List<String> names = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    double roundRobinP99 = 0;
    double ewmaP99 = 0;
    Claim.Builder claim = Claim.builder("balance.slow-server", "core",
        "with one of 10 servers 10x slower, P2C on peak EWMA keeps p99 latency near the fast servers' while round robin's "
            + "follows the slow one");
    for (BalancingAlgorithm algorithm : algorithms) {
      LatencySample sample = simulate(algorithm, seconds, seed);
      names.add(algorithm.name());
      p50.add(sample.percentileMillis(50));
      p99.add(sample.percentileMillis(99));
      claim.detail(algorithm + " p50 / p99 / p99.9 (ms)", String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
          sample.percentileMillis(50), sample.percentileMillis(99), sample.percentileMillis(99.9)));
      if (algorithm == BalancingAlgorithm.ROUND_ROBIN) {
        roundRobinP99 = sample.percentileMillis(99);
      }
      if (algorithm == BalancingAlgorithm.PEAK_EWMA) {
        ewmaP99 = sample.percentileMillis(99);
      }
    }
    CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
        .title("10 servers, one 10x slower, 4,000 req/s: latency by balancer (log scale)")
        .xAxisTitle("balancer").yAxisTitle("latency (ms)").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter); // bars cannot sit on a log axis
    chart.getStyler().setMarkerSize(12);
    chart.addSeries("p50", names, p50);
    chart.addSeries("p99", names, p99);
    String file = context.saveChart(chart, "balance-slow-server");
    return List.of(claim
        .measured("p99 latency: P2C peak EWMA vs round robin", ewmaP99, roundRobinP99, "ms")
        .holds(ewmaP99 * 10 < roundRobinP99 && ewmaP99 < 10 * FAST_MEAN / 1e6)
        .chart(file)
        .notes("Simulated on a ManualTicker, " + seconds + " s at 4,000 Poisson arrivals per second (seed " + seed + "), "
            + "servers serving one request at a time FIFO with exponential service, mean 1 ms (server 0: 10 ms). Round "
            + "robin offers the slow server four times its capacity, so its queue, and the tail, grow with the run's length; "
            + "holds when peak EWMA's p99 is under a tenth of round robin's and under 10 ms (the slow server's mean).")
        .build());
  }
}
