package dev.trestle.benchmarks.ratelimit;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.core.ManualTicker;
import dev.trestle.ratelimit.RateLimitAlgorithm;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * "A fixed window admits up to twice the limit around a boundary; a sliding log never exceeds it; a
 * sliding counter's error is small." Trestle's three window limiters (100 permits per second) on a
 * {@link ManualTicker} are fed two arrival traces, and for each the most permits any sliding
 * window of one second held is measured exactly over the record: an adversarial trace (a burst of
 * 150 requests 1 ms before each boundary and another 1 ms after it) and a Poisson trace at 150% of
 * the limit. Deterministic (seeded).
 */
public final class WindowAccuracyExperiment implements ClaimExperiment {

  static final long LIMIT = 100;
  static final long PERIOD = TimeUnit.SECONDS.toNanos(1);
  private static final long MS = 1_000_000L;
  private static final RateLimitAlgorithm[] WINDOWS = {
      RateLimitAlgorithm.FIXED_WINDOW, RateLimitAlgorithm.SLIDING_WINDOW_LOG, RateLimitAlgorithm.SLIDING_WINDOW_COUNTER};

  @Override
  public String id() {
    return "ratelimit.windows";
  }

  @Override
  public List<String> claimIds() {
    return List.of("ratelimit.windows");
  }

  /** Arrival instants (ns from the limiters' creation) of the adversarial trace. */
  static long[] adversarial(int periods) {
    List<Long> arrivals = new ArrayList<>();
    for (int k = 1; k <= periods; k++) {
      for (int i = 0; i < 150; i++) {
        arrivals.add(k * PERIOD - MS);
      }
      for (int i = 0; i < 150; i++) {
        arrivals.add(k * PERIOD + MS);
      }
    }
    return arrivals.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Arrival instants of a trace built against the sliding counter: a burst 1 ms before a boundary,
   * then one request every millisecond through the next window, every other period. The counter
   * takes the burst as spread over its whole window, so it admits almost another limit's worth.
   */
  static long[] againstTheCounter(int periods) {
    List<Long> arrivals = new ArrayList<>();
    for (int k = 1; k + 1 <= periods; k += 2) {
      for (int i = 0; i < 150; i++) {
        arrivals.add(k * PERIOD - MS);
      }
      for (long t = k * PERIOD; t < (k + 1) * PERIOD - MS; t += MS) {
        arrivals.add(t);
      }
    }
    return arrivals.stream().mapToLong(Long::longValue).toArray();
  }

  /** Arrival instants of a Poisson process at {@code perSecond}, for {@code seconds}. */
  static long[] poisson(double perSecond, int seconds, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Long> arrivals = new ArrayList<>();
    double t = 0;
    while (true) {
      t += -Math.log(1 - random.nextDouble()) / perSecond;
      if (t >= seconds) {
        break;
      }
      arrivals.add((long) (t * 1e9));
    }
    return arrivals.stream().mapToLong(Long::longValue).toArray();
  }

  /** Feeds {@code arrivals} to a fresh limiter and returns the admitted instants. */
  static long[] admit(RateLimitAlgorithm algorithm, long[] arrivals) {
    ManualTicker ticker = new ManualTicker();
    RateLimiter limiter = RateLimiter.of(RateLimiterConfig.builder().algorithm(algorithm)
        .limit(LIMIT, Duration.ofNanos(PERIOD)).ticker(ticker).build());
    long[] admitted = new long[arrivals.length];
    int n = 0;
    for (long arrival : arrivals) {
      ticker.advance(arrival - ticker.read(), TimeUnit.NANOSECONDS);
      if (limiter.tryAcquire()) {
        admitted[n++] = arrival;
      }
    }
    return java.util.Arrays.copyOf(admitted, n);
  }

  /** The most admissions any half-open window of one period holds. */
  static long maxInAnyWindow(long[] admitted) {
    long max = 0;
    int end = 0;
    for (int i = 0; i < admitted.length; i++) {
      while (end < admitted.length && admitted[end] - admitted[i] < PERIOD) {
        end++;
      }
      max = Math.max(max, end - i);
    }
    return max;
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int seconds = context.scale(30, 120);
    Map<String, long[]> traces = new LinkedHashMap<>();
    traces.put("adversarial", adversarial(seconds));
    traces.put("poisson", poisson(1.5 * LIMIT, seconds, 2026_12_02L));
    traces.put("against the counter", againstTheCounter(seconds));
    Map<String, Map<RateLimitAlgorithm, long[]>> admitted = new LinkedHashMap<>();
    Map<String, Map<RateLimitAlgorithm, Long>> peaks = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> trace : traces.entrySet()) {
      Map<RateLimitAlgorithm, long[]> byAlgorithm = new LinkedHashMap<>();
      Map<RateLimitAlgorithm, Long> peak = new LinkedHashMap<>();
      for (RateLimitAlgorithm algorithm : WINDOWS) {
        long[] a = admit(algorithm, trace.getValue());
        byAlgorithm.put(algorithm, a);
        peak.put(algorithm, maxInAnyWindow(a));
      }
      admitted.put(trace.getKey(), byAlgorithm);
      peaks.put(trace.getKey(), peak);
    }
    long fixedAdversarial = peaks.get("adversarial").get(RateLimitAlgorithm.FIXED_WINDOW);
    long logMax = 0;
    for (Map<RateLimitAlgorithm, Long> peak : peaks.values()) {
      logMax = Math.max(logMax, peak.get(RateLimitAlgorithm.SLIDING_WINDOW_LOG));
    }
    long counterWorst = peaks.get("against the counter").get(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER);
    long counterPoisson = peaks.get("poisson").get(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER);
    long counterAdversarial = peaks.get("adversarial").get(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER);
    double counterError = 100.0 * (counterPoisson - LIMIT) / LIMIT;

    XYChart chart = new XYChartBuilder().width(900).height(500)
        .title("Adversarial trace (150 requests 1 ms before and after each boundary): permits in the last second")
        .xAxisTitle("time (s)").yAxisTitle("permits in the sliding 1 s window").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    for (RateLimitAlgorithm algorithm : WINDOWS) {
      addSlidingCount(chart, algorithm.name(), admitted.get("adversarial").get(algorithm), 500 * MS, 5 * PERIOD, 5 * MS);
    }
    String adversarialChart = context.saveChart(chart, "ratelimit-windows-adversarial", ReportContext.Better.LOWER,
        "at most the limit is right; 1 deterministic run");

    XYChart sliding = new XYChartBuilder().width(900).height(500)
        .title("Poisson trace at 150 per s: permits in the last second, sampled every 50 ms (limit 100)")
        .xAxisTitle("time (s)").yAxisTitle("permits in the sliding window").build();
    sliding.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    for (RateLimitAlgorithm algorithm : WINDOWS) {
      addSlidingCount(sliding, algorithm.name(), admitted.get("poisson").get(algorithm), PERIOD, Math.min(seconds, 20) * PERIOD,
          50 * MS);
    }
    String poissonChart = context.saveChart(sliding, "ratelimit-windows-poisson", ReportContext.Better.LOWER,
        "at most the limit is right; 1 seeded run");

    Claim.Builder claim = Claim.builder("ratelimit.windows", "ratelimit",
            "a fixed window admits up to twice the limit around a boundary; a sliding log never exceeds it; a sliding "
                + "counter's error is small")
        .measured("most permits in any 1 s window, adversarial trace: fixed window vs the limit", fixedAdversarial, LIMIT,
            "permits")
        .holds(fixedAdversarial >= 19 * LIMIT / 10 && logMax <= LIMIT && counterError <= 10)
        .chart(adversarialChart)
        .detail("Poisson trace chart", poissonChart)
        .detail("sliding log, most permits in any 1 s window (every trace)", logMax)
        .detail("sliding counter, most permits in any 1 s window, Poisson at 150%", counterPoisson)
        .detail("sliding counter error over the limit, Poisson (%)", String.format(Locale.ROOT, "%.1f", counterError))
        .detail("sliding counter, most permits in any 1 s window, adversarial", counterAdversarial)
        .detail("sliding counter, most permits in any 1 s window, trace built against it (its bound: 2L - 1)", counterWorst);
    for (String trace : traces.keySet()) {
      StringBuilder row = new StringBuilder();
      for (RateLimitAlgorithm algorithm : WINDOWS) {
        row.append(String.format(Locale.ROOT, "%s max %d / admitted %d; ", algorithm, peaks.get(trace).get(algorithm),
            admitted.get(trace).get(algorithm).length));
      }
      claim.detail(trace + " trace (" + traces.get(trace).length + " requests)", row.toString().trim());
    }
    return List.of(claim.notes("Trestle's FIXED_WINDOW, SLIDING_WINDOW_LOG and SLIDING_WINDOW_COUNTER at 100 permits per "
        + "second on a ManualTicker, " + seconds + " s of each trace; 'most permits in any window' is measured exactly over "
        + "every half-open 1 s window of the admission record. Holds when the fixed window reaches at least 1.9x the limit "
        + "on the adversarial trace, the log never exceeds the limit, and the counter exceeds it by at most 10% on the "
        + "Poisson trace. The counter's error is small on random traffic only: its worst case is 2L - 1 (a previous window's "
        + "permits all at its very end, then steady requests), which the trace built against it approaches.").build());
  }

  /** Plots, every {@code step} from {@code from} to {@code to}, how many of {@code times} fall in the second before. */
  private static void addSlidingCount(XYChart chart, String name, long[] times, long from, long to, long step) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (long t = from; t <= to; t += step) {
      long end = t;
      long count = java.util.Arrays.stream(times).filter(x -> x > end - PERIOD && x <= end).count();
      xs.add(t / 1e9);
      ys.add((double) count);
    }
    chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
  }
}
