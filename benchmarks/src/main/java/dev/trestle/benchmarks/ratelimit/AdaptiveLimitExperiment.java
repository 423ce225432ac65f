package dev.trestle.benchmarks.ratelimit;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.benchmarks.ratelimit.OverloadSimulation.Result;
import dev.trestle.benchmarks.ratelimit.OverloadSimulation.Subject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * "Under a load ramp past capacity, an adaptive concurrency limit keeps latency near the unloaded
 * latency and goodput near capacity, where a fixed limit too high queues and one too low sheds good
 * traffic." {@link OverloadSimulation}: a server of 10 workers at 10 ms (1000 requests a second),
 * Poisson arrivals ramping from 0.2 to 2 times that, a caller's timeout of 100 ms, on a
 * {@link dev.trestle.core.ManualTicker} with a fixed seed. Measured past capacity (the part of the
 * ramp where the offered load exceeds 1000 per second): goodput (responses within the timeout per
 * second) and the p99 latency of admitted requests, for Trestle's adaptive algorithms, Netflix's
 * Vegas and Gradient2, and two fixed limits.
 */
public final class AdaptiveLimitExperiment implements ClaimExperiment {

  static final String ID = "ratelimit.adaptive-concurrency";
  private static final long SEED = 19;

  @Override
  public String id() {
    return ID;
  }

  /** The claim ids this experiment produces. */
  public List<String> claimIds() {
    return List.of(ID);
  }

  /** Runs every subject over one seeded ramp of {@code seconds}. */
  static Map<Subject, Result> simulate(int seconds) {
    long[] arrivals = OverloadSimulation.arrivals(seconds, SEED);
    Map<Subject, Result> results = new EnumMap<>(Subject.class);
    for (Subject subject : Subject.values()) {
      results.put(subject, OverloadSimulation.run(subject, arrivals, seconds, SEED));
    }
    return results;
  }

  /** Whether the figures support the claim (the thresholds are in the claim's notes). */
  static boolean holds(Map<Subject, Result> results) {
    Result vegas = results.get(Subject.VEGAS);
    double unloaded = vegas.unloaded.percentileMillis(50);
    double capacity = OverloadSimulation.CAPACITY_PER_SECOND;
    return vegas.p99PastCapacityMillis() <= 3 * unloaded
        && vegas.goodputPastCapacity() >= 0.85 * capacity
        && results.get(Subject.FIXED_HIGH).p99PastCapacityMillis() >= 10 * unloaded
        && results.get(Subject.FIXED_LOW).goodputPastCapacity() <= 0.5 * capacity;
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int seconds = context.scale(20, 60);
    Map<Subject, Result> results = simulate(seconds);
    Result vegas = results.get(Subject.VEGAS);
    Result high = results.get(Subject.FIXED_HIGH);
    double unloaded = vegas.unloaded.percentileMillis(50);

    String goodputChart = context.saveChart(goodputChart(results, seconds), "ratelimit-adaptive-goodput");
    String latencyChart = context.saveChart(latencyChart(results, seconds), "ratelimit-adaptive-latency");

    Claim.Builder claim = Claim.builder(ID, "ratelimit",
            "under a load ramp past capacity an adaptive concurrency limit keeps latency near the unloaded latency and "
                + "goodput near capacity, where a fixed limit too high queues and one too low sheds good traffic")
        .measured("p99 latency past capacity: adaptive (VEGAS) vs fixed limit 500", round(vegas.p99PastCapacityMillis()),
            round(high.p99PastCapacityMillis()), "ms")
        .holds(holds(results))
        .chart(goodputChart)
        .detail("latency chart", latencyChart)
        .detail("server capacity (requests/s)", (int) OverloadSimulation.CAPACITY_PER_SECOND)
        .detail("unloaded p50 latency (ms)", round(unloaded));
    for (Result result : results.values()) {
      claim.detail(result.subject.label, String.format(Locale.ROOT, "goodput %.0f/s, p99 %.1f ms, limit at the end %.0f",
          result.goodputPastCapacity(), result.p99PastCapacityMillis(), result.limitPerSecond[seconds - 1]));
    }
    return List.of(claim.notes("A server of " + OverloadSimulation.WORKERS + " workers at " + OverloadSimulation.SERVICE_MILLIS
            + " ms (+-20%) serves first come, first served, so its capacity is 1000 requests/s and anything beyond queues; "
            + seconds + " s of seeded Poisson arrivals ramp from 0.2 to 2 times that; a response slower than "
            + OverloadSimulation.TIMEOUT_MILLIS + " ms is a timeout (not goodput, reported as a drop) and the caller's slot is "
            + "held until the response comes. Limiters: initial 20 within [1, 1000]. Past capacity = arrivals after the "
            + "offered load passes 1000/s. Holds when VEGAS keeps p99 within 3x the unloaded p50 and goodput at least 85% "
            + "of capacity, the fixed limit 500 has a p99 at least 10x the unloaded p50, and the fixed limit 4 at most "
            + "50% of capacity as goodput. Netflix's Gradient2 (its own formula, no response to drops) lets its limit creep "
            + "to the maximum and queues like the fixed limit 500; Trestle's GRADIENT2, the same formula backing off on "
            + "drops, keeps goodput but not latency, and AIMD, which reacts only to drops, neither - which is why VEGAS "
            + "is the default. Deterministic (a ManualTicker and a fixed seed), except Netflix's Vegas, which probes at "
            + "random instants (ThreadLocalRandom), so its figures vary a little between runs.")
        .build());
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static XYChart goodputChart(Map<Subject, Result> results, int seconds) {
    XYChart chart = new XYChartBuilder().width(1000).height(550)
        .title("Load ramp to 2x capacity: goodput (responses within 100 ms per second); capacity 1000/s")
        .xAxisTitle("time (s)").yAxisTitle("responses within 100 ms per second").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    List<Double> xs = new ArrayList<>();
    List<Double> offered = new ArrayList<>();
    for (int s = 0; s < seconds - 1; s++) { // the last second is cut short by the ramp's end
      xs.add((double) s);
      offered.add(OverloadSimulation.rate(s * 1_000_000_000L + 500_000_000L, seconds));
    }
    chart.addSeries("offered load", xs, offered).setMarker(SeriesMarkers.NONE);
    for (Result result : results.values()) {
      List<Double> ys = new ArrayList<>();
      for (int s = 0; s < seconds - 1; s++) {
        ys.add(result.goodputPerSecond[s]);
      }
      chart.addSeries(result.subject.label, xs, ys).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  private static XYChart latencyChart(Map<Subject, Result> results, int seconds) {
    XYChart chart = new XYChartBuilder().width(1000).height(550)
        .title("Load ramp to 2x capacity: p99 latency of admitted requests, by second of arrival")
        .xAxisTitle("time (s)").yAxisTitle("p99 latency (ms, log scale)").build();
    chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW);
    for (Result result : results.values()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int s = 0; s < seconds - 1; s++) {
        if (!Double.isNaN(result.p99MillisPerSecond[s])) {
          xs.add((double) s);
          ys.add(result.p99MillisPerSecond[s]);
        }
      }
      chart.addSeries(result.subject.label, xs, ys).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }
}
