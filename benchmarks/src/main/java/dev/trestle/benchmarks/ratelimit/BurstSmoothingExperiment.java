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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * "A token bucket lets bursts through up to its capacity; a leaky bucket smooths them." Bursts of
 * 30 requests arrive at once every 4 seconds; a token bucket (10 per second, capacity 20) admits or
 * refuses each at once; a leaky bucket shaper (10 per second) queues each for at most 3 seconds and
 * releases it at its slot. Measured: the most requests let through in any 100 ms. Deterministic: a
 * {@link ManualTicker}, and the shaper's sleeper records each wait instead of sleeping, so the
 * release instant of a request is its arrival plus its wait.
 */
public final class BurstSmoothingExperiment implements ClaimExperiment {

  static final long RATE = 10;
  static final long CAPACITY = 20;
  static final int BURST = 30;
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long WINDOW = 100_000_000L;

  @Override
  public String id() {
    return "ratelimit.bursts";
  }

  @Override
  public List<String> claimIds() {
    return List.of("ratelimit.bursts");
  }

  /** Arrivals: a burst of {@link #BURST} at 0.5 s, then every 4 s. */
  static long[] arrivals(int seconds) {
    List<Long> arrivals = new ArrayList<>();
    for (long t = SECOND / 2; t < seconds * SECOND; t += 4 * SECOND) {
      for (int i = 0; i < BURST; i++) {
        arrivals.add(t);
      }
    }
    return arrivals.stream().mapToLong(Long::longValue).toArray();
  }

  static long[] tokenBucket(long[] arrivals) {
    ManualTicker ticker = new ManualTicker();
    RateLimiter bucket = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.TOKEN_BUCKET)
        .limit(RATE, Duration.ofSeconds(1)).burst(CAPACITY).ticker(ticker).build());
    List<Long> passed = new ArrayList<>();
    for (long arrival : arrivals) {
      ticker.advance(arrival - ticker.read(), TimeUnit.NANOSECONDS);
      if (bucket.tryAcquire()) {
        passed.add(arrival);
      }
    }
    return passed.stream().mapToLong(Long::longValue).toArray();
  }

  /** Returns the release instants, and in {@code longestWait[0]} the longest wait. */
  static long[] shaper(long[] arrivals, long[] longestWait) throws InterruptedException {
    ManualTicker ticker = new ManualTicker();
    long[] slept = new long[1];
    RateLimiter shaper = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.LEAKY_BUCKET_SHAPER)
        .limit(RATE, Duration.ofSeconds(1)).ticker(ticker).sleeper(nanos -> slept[0] = nanos).build());
    List<Long> released = new ArrayList<>();
    for (long arrival : arrivals) {
      ticker.advance(arrival - ticker.read(), TimeUnit.NANOSECONDS);
      slept[0] = 0;
      if (shaper.tryAcquire(1, Duration.ofSeconds(3))) {
        released.add(arrival + slept[0]);
        longestWait[0] = Math.max(longestWait[0], slept[0]);
      }
    }
    return released.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /** The most instants in any half-open window of {@link #WINDOW}. */
  static long peak(long[] times) {
    long max = 0;
    int end = 0;
    for (int i = 0; i < times.length; i++) {
      while (end < times.length && times[end] - times[i] < WINDOW) {
        end++;
      }
      max = Math.max(max, end - i);
    }
    return max;
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int seconds = context.scale(20, 60);
    long[] arrivals = arrivals(seconds);
    long[] bucket = tokenBucket(arrivals);
    long[] longestWait = new long[1];
    long[] shaped = shaper(arrivals, longestWait);
    long bucketPeak = peak(bucket);
    long shaperPeak = peak(shaped);

    XYChart chart = new XYChartBuilder().width(900).height(500)
        .title("Bursts of 30 every 4 s: requests let through per 100 ms (10 per s; bucket capacity 20)")
        .xAxisTitle("time (s)").yAxisTitle("requests per 100 ms").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    addSeries(chart, "arrivals", arrivals, Math.min(seconds, 12));
    addSeries(chart, "token bucket (admitted at once)", bucket, Math.min(seconds, 12));
    addSeries(chart, "leaky bucket shaper (released at its slot)", shaped, Math.min(seconds, 12));
    String chartFile = context.saveChart(chart, "ratelimit-bursts", ReportContext.Better.FLATTER, "1 seeded run");

    return List.of(Claim.builder("ratelimit.bursts", "ratelimit",
            "a token bucket lets bursts through up to its capacity; a leaky bucket smooths them")
        .measured("most requests let through in any 100 ms: token bucket vs leaky bucket shaper", bucketPeak, shaperPeak,
            "requests")
        .holds(bucketPeak == CAPACITY && shaperPeak == 1)
        .chart(chartFile)
        .detail("requests", arrivals.length)
        .detail("token bucket admitted", bucket.length)
        .detail("shaper released (each within 3 s of arrival)", shaped.length)
        .detail("shaper's longest wait (s)", String.format(Locale.ROOT, "%.1f", longestWait[0] / 1e9))
        .notes("Trestle's TOKEN_BUCKET (10 per s, capacity 20) and LEAKY_BUCKET_SHAPER (10 per s, waits up to 3 s) on a "
            + "ManualTicker, " + seconds + " s of bursts of 30 requests every 4 s. Holds when the bucket lets exactly its "
            + "capacity through at once and the shaper never more than one request per 100 ms (its spacing). The bucket "
            + "refuses at once what exceeds its capacity plus its refill; the shaper makes every request wait its turn "
            + "instead, and here releases them all, each within 3 s (counts in the details).")
        .build());
  }

  private static void addSeries(XYChart chart, String name, long[] times, int seconds) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    int i = 0;
    for (long start = 0; start < seconds * SECOND; start += WINDOW) {
      int count = 0;
      while (i < times.length && times[i] < start + WINDOW) {
        if (times[i] >= start) {
          count++;
        }
        i++;
      }
      xs.add(start / 1e9);
      ys.add((double) count);
    }
    chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
  }
}
