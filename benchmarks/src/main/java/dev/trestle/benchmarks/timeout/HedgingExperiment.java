package dev.trestle.benchmarks.timeout;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.hedge.Hedge;
import dev.trestle.core.hedge.HedgeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * "Hedging cuts the tail": calls to a service whose latency is heavy-tailed (most answers in about
 * 10 ms, 3% stuck for 100 ms to seconds, independently per attempt, as when one replica of several
 * hiccups) made without a hedge and through Trestle's {@link Hedge}, in a discrete-event
 * simulation on a {@link ManualTicker}: the hedge's timers and the attempts' answers are tasks on
 * the ticker, so the run is exact and deterministic. The report gives p50/p99/p99.9 and the extra
 * load (attempts per call beyond the first).
 */
public final class HedgingExperiment implements ClaimExperiment {

  private static final long MILLI = 1_000_000L;
  private static final long SECOND = 1_000 * MILLI;
  static final double RATE_PER_SECOND = 200;

  @Override
  public String id() {
    return "timeout.hedging";
  }

  @Override
  public List<String> claimIds() {
    return List.of("timeout.hedging");
  }

  /** One attempt's latency: lognormal around 10 ms, or with probability 3% a Pareto stall. */
  static long latency(SplittableRandom random) {
    if (random.nextDouble() < 0.03) {
      double pareto = 100 * MILLI / Math.pow(1 - random.nextDouble(), 1 / 1.5);
      return (long) Math.min(pareto, 5.0 * SECOND);
    }
    double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    return (long) (10 * MILLI * Math.exp(0.3 * gaussian));
  }

  /** The latencies of every call and the attempts sent. */
  record Result(long[] latencies, long attempts) {
    double percentileMs(double p) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / (double) MILLI;
    }

    double extraLoad() {
      return (double) attempts / latencies.length - 1;
    }
  }

  /** Runs {@code calls} seeded calls; {@code hedge} null means no hedging. */
  static Result simulate(int calls, HedgeConfig.Builder hedge, long seed) {
    ManualTicker ticker = new ManualTicker(0);
    SplittableRandom arrivals = new SplittableRandom(seed);
    SplittableRandom service = new SplittableRandom(seed * 31 + 7);
    Hedge hedged = hedge == null ? null : Hedge.of(hedge.ticker(ticker).build());
    long[] latencies = new long[calls];
    AtomicLong attempts = new AtomicLong();
    long at = 0;
    for (int i = 0; i < calls; i++) {
      at += (long) (-Math.log(1 - arrivals.nextDouble()) * SECOND / RATE_PER_SECOND);
      ticker.advance(Duration.ofNanos(at - ticker.read()));
      long start = ticker.read();
      int call = i;
      CompletableFuture<String> answer;
      if (hedged == null) {
        attempts.incrementAndGet();
        answer = new CompletableFuture<>();
        CompletableFuture<String> only = answer;
        ticker.schedule(() -> only.complete("ok"), latency(service));
      } else {
        answer = hedged.callAsync(() -> {
          attempts.incrementAndGet();
          CompletableFuture<String> attempt = new CompletableFuture<>();
          ticker.schedule(() -> attempt.complete("ok"), latency(service));
          return attempt;
        });
      }
      answer.whenComplete((value, error) -> latencies[call] = ticker.read() - start);
    }
    ticker.advance(Duration.ofSeconds(10));
    return new Result(latencies, attempts.get());
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int calls = context.scale(20_000, 100_000);
    long seed = 2026_11_25L;
    Result none = simulate(calls, null, seed);
    Duration p95 = Duration.ofNanos((long) (none.percentileMs(95) * MILLI));
    Map<String, Result> results = new LinkedHashMap<>();
    results.put("no hedge", none);
    results.put("hedge at a fixed " + p95.toMillis() + " ms (p95)",
        simulate(calls, HedgeConfig.builder().fixedDelay(p95).maxAttempts(2), seed));
    results.put("hedge at the observed p95 (adaptive)",
        simulate(calls, HedgeConfig.builder().percentileDelay(95, Duration.ofMillis(5)).maxAttempts(2), seed));
    Result adaptive = results.get("hedge at the observed p95 (adaptive)");

    double[] percentiles = {50, 75, 90, 95, 98, 99, 99.5, 99.9, 99.95, 99.99};
    XYChart chart = new XYChartBuilder().width(800).height(500)
        .title("Latency by percentile, heavy-tailed service, " + calls + " calls").xAxisTitle("percentile")
        .yAxisTitle("latency (ms, log)").build();
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW);
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < percentiles.length; i++) {
      xs.add((double) i);
    }
    chart.getStyler().setXAxisTickLabelsFormattingFunction(x -> {
      int i = (int) Math.round(x);
      return i >= 0 && i < percentiles.length && Math.abs(x - i) < 1e-9 ? "p" + fmt(percentiles[i]) : "";
    });
    Claim.Builder claim = Claim.builder("timeout.hedging", "core", "hedging cuts the tail");
    for (Map.Entry<String, Result> entry : results.entrySet()) {
      List<Double> ys = new ArrayList<>();
      for (double p : percentiles) {
        ys.add(entry.getValue().percentileMs(p));
      }
      chart.addSeries(entry.getKey(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
      Result r = entry.getValue();
      claim.detail(entry.getKey(), String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, "
          + "extra load %.1f%%", r.percentileMs(50), r.percentileMs(99), r.percentileMs(99.9), r.percentileMs(100),
          100 * r.extraLoad()));
    }
    String file = context.saveChart(chart, "timeout-hedging", ReportContext.Better.LOWER, "1 seeded run of " + calls + " calls each");
    double p99With = adaptive.percentileMs(99);
    double p99Without = none.percentileMs(99);
    return List.of(claim
        .measured("p99 latency with an adaptive p95 hedge vs without", p99With, p99Without, "ms")
        .holds(p99With <= 0.5 * p99Without && adaptive.extraLoad() <= 0.10)
        .chart(file)
        .notes(String.format(Locale.ROOT, "Discrete-event simulation on a ManualTicker: %.0f calls/s (seeded Poisson), each "
            + "attempt's latency drawn independently: lognormal around 10 ms (sigma 0.3), or with probability 3%% a "
            + "Pareto stall (from 100 ms, alpha 1.5, capped at 5 s). Trestle's Hedge with 2 attempts and its default "
            + "budget (10%% of calls plus 10/s). Holds when the adaptive hedge at least halves p99 for at most 10%% extra "
            + "load. Hedging cannot help when the slowness is shared by every replica (the attempts are then not "
            + "independent), which this model leaves out.", RATE_PER_SECOND))
        .build());
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
