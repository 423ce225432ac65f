package dev.trestle.benchmarks.breaker;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.breaker.CircuitBreakerConfig.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * "A circuit breaker makes calls to a dead dependency fail fast": a discrete-event simulation, on a
 * {@link ManualTicker}, of clients calling a dependency that is healthy, then dead for 30 s (each
 * call hangs until the client's 2 s timeout), then healthy again. The same seeded arrivals run
 * once straight through and once through Trestle's circuit breaker; the report gives the latency
 * callers see and the threads held waiting, second by second. Deterministic: no real time passes.
 */
public final class FailFastExperiment implements ClaimExperiment {

  private static final long SECOND = 1_000_000_000L;
  private static final long MILLI = 1_000_000L;
  static final long DOWN_AT = 15 * SECOND;
  static final long UP_AT = 45 * SECOND;
  static final long END = 60 * SECOND;
  static final double RATE_PER_SECOND = 100;
  static final long HEALTHY_MEAN = 20 * MILLI;
  static final long TIMEOUT = 2 * SECOND;
  static final Duration WAIT_IN_OPEN = Duration.ofSeconds(5);

  @Override
  public String id() {
    return "breaker.fail-fast";
  }

  @Override
  public List<String> claimIds() {
    return List.of("breaker.fail-fast", "breaker.threads-held");
  }

  /** What one run saw, per second of simulated time. */
  static final class Run {
    final int seconds = (int) (END / SECOND);
    final double[] latencySum = new double[seconds];
    final int[] requests = new int[seconds];
    final int[] rejected = new int[seconds];
    final int[] failed = new int[seconds];
    final int[] peakInFlight = new int[seconds];
    /** Calls in flight integrated over time, per second: the mean number of threads held. */
    final double[] heldSeconds = new double[seconds];

    void hold(long from, long to, int inFlight) {
      while (from < to && from < END) {
        int second = (int) (from / SECOND);
        long until = Math.min(to, (second + 1) * SECOND);
        heldSeconds[second] += inFlight * (double) (until - from) / SECOND;
        from = until;
      }
    }

    double meanLatencyMs(int second) {
      return requests[second] == 0 ? 0 : latencySum[second] / requests[second] / MILLI;
    }
  }

  private record Event(long at, boolean arrival, boolean success, long startedAt) implements Comparable<Event> {
    @Override
    public int compareTo(Event other) {
      return Long.compare(at, other.at);
    }
  }

  static Run simulate(boolean withBreaker, long seed) {
    ManualTicker ticker = new ManualTicker(0);
    CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder()
        .name("dependency")
        .slidingWindow(WindowType.COUNT_BASED, 20)
        .minimumNumberOfCalls(20)
        .failureRateThreshold(50)
        .waitInOpen(WAIT_IN_OPEN)
        .permittedCallsInHalfOpen(5)
        .ticker(ticker)
        .build());
    SplittableRandom random = new SplittableRandom(seed);
    PriorityQueue<Event> events = new PriorityQueue<>();
    for (long t = 0; t < END; ) {
      t += (long) (-Math.log(1 - random.nextDouble()) * SECOND / RATE_PER_SECOND);
      if (t < END) {
        events.add(new Event(t, true, false, t));
      }
    }
    Run run = new Run();
    int inFlight = 0;
    while (!events.isEmpty()) {
      Event event = events.poll();
      if (event.at() >= END) {
        break;
      }
      run.hold(ticker.read(), event.at(), inFlight);
      ticker.advance(Duration.ofNanos(event.at() - ticker.read()));
      int second = (int) (event.at() / SECOND);
      if (event.arrival()) {
        run.requests[second]++;
        if (withBreaker && !breaker.tryAcquirePermission()) {
          run.rejected[second]++;
          run.failed[second]++;
          continue; // failed fast: zero latency, no thread held
        }
        boolean healthy = event.at() < DOWN_AT || event.at() >= UP_AT;
        long latency = healthy ? (long) (-Math.log(1 - random.nextDouble()) * HEALTHY_MEAN) : TIMEOUT;
        run.latencySum[second] += latency;
        if (!healthy) {
          run.failed[second]++;
        }
        inFlight++;
        run.peakInFlight[second] = Math.max(run.peakInFlight[second], inFlight);
        events.add(new Event(event.at() + latency, false, healthy, event.at()));
      } else {
        inFlight--;
        if (withBreaker) {
          if (event.success()) {
            breaker.onSuccess(event.at() - event.startedAt());
          } else {
            breaker.onError(event.at() - event.startedAt(), new java.net.SocketTimeoutException("dependency timed out"));
          }
        }
      }
    }
    return run;
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    long seed = 2026_11_25L;
    Run without = simulate(false, seed);
    Run with = simulate(true, seed);
    int from = (int) (DOWN_AT / SECOND) + 1; // the first second: the breaker is still learning
    int to = (int) (UP_AT / SECOND);
    double latencyWithout = meanLatencyMs(without, from, to);
    double latencyWith = meanLatencyMs(with, from, to);
    double threadsWithout = mean(without.heldSeconds, from, to);
    double threadsWith = mean(with.heldSeconds, from, to);
    int peakWithout = peak(without.peakInFlight, from, to);
    int peakWith = peak(with.peakInFlight, from, to);
    int settled = from + (int) (TIMEOUT / SECOND) + 1;
    int settledPeakWith = peak(with.peakInFlight, settled, to);
    long callsWithout = dependencyCalls(without, from, to);
    long callsWith = dependencyCalls(with, from, to);
    int healthyPeak = peak(without.peakInFlight, 0, (int) (DOWN_AT / SECOND));
    int recovered = firstSecondWithoutRejections(with, (int) (UP_AT / SECOND));
    long rejectedAfterRecovery = 0;
    for (int s = (int) (UP_AT / SECOND); s < with.seconds; s++) {
      rejectedAfterRecovery += with.rejected[s];
    }

    List<Double> xs = new ArrayList<>();
    List<Double> latWithout = new ArrayList<>();
    List<Double> latWith = new ArrayList<>();
    List<Double> heldWithout = new ArrayList<>();
    List<Double> heldWith = new ArrayList<>();
    for (int s = 0; s < with.seconds; s++) {
      xs.add((double) s);
      latWithout.add(Math.max(0.01, without.meanLatencyMs(s)));
      latWith.add(Math.max(0.01, with.meanLatencyMs(s)));
      heldWithout.add(without.heldSeconds[s]);
      heldWith.add(with.heldSeconds[s]);
    }
    XYChart latency = new XYChartBuilder().width(800).height(500)
        .title("Mean latency seen by callers; dependency dead from 15 s to 45 s")
        .xAxisTitle("time (s)").yAxisTitle("mean latency (ms, log)").build();
    latency.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW);
    latency.addSeries("no breaker", xs, latWithout).setMarker(SeriesMarkers.NONE);
    latency.addSeries("circuit breaker", xs, latWith).setMarker(SeriesMarkers.NONE);
    String latencyChart = context.saveChart(latency, "breaker-fail-fast-latency", ReportContext.Better.LOWER, "1 simulated run");
    XYChart held = new XYChartBuilder().width(800).height(500)
        .title("Threads held waiting on the dependency (mean per second)")
        .xAxisTitle("time (s)").yAxisTitle("calls in flight").build();
    held.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    held.addSeries("no breaker", xs, heldWithout).setMarker(SeriesMarkers.NONE);
    held.addSeries("circuit breaker", xs, heldWith).setMarker(SeriesMarkers.NONE);
    String heldChart = context.saveChart(held, "breaker-fail-fast-threads", ReportContext.Better.LOWER, "1 simulated run");

    String setup = String.format(Locale.ROOT, "Simulated on a ManualTicker: %.0f requests/s (seeded Poisson arrivals) for 60 s; "
        + "the dependency answers in %d ms on average (exponential) but from 15 s to 45 s every call hangs until the "
        + "client's %d s timeout. Breaker: count window 20, minimum 20, failure threshold 50%%, %d s in OPEN, 5 trial calls. "
        + "Measured over seconds %d-%d of the outage.", RATE_PER_SECOND, HEALTHY_MEAN / MILLI, TIMEOUT / SECOND,
        WAIT_IN_OPEN.toSeconds(), from, to - 1);
    Claim failFast = Claim.builder("breaker.fail-fast", "core", "a circuit breaker makes calls to a dead dependency fail fast")
        .measured("mean latency during the outage, with the breaker vs without", latencyWith, latencyWithout, "ms")
        .holds(latencyWith <= 0.1 * latencyWithout)
        .detail("calls sent to the dead dependency (with / without)", callsWith + " / " + callsWithout)
        .detail("requests rejected after the dependency came back (with the breaker)", rejectedAfterRecovery)
        .detail("first second after recovery with no rejection", recovered + " s (dependency back at 45 s)")
        .chart(latencyChart)
        .notes(setup + " Holds when the breaker's mean latency is at most a tenth of the unprotected one. The cost: "
            + "after the dependency recovers, calls keep failing fast until the next trial calls succeed (up to the "
            + "wait in OPEN).")
        .build();
    Claim threads = Claim.builder("breaker.threads-held", "core",
            "a circuit breaker stops a dead dependency from holding the caller's threads")
        .measured("mean threads held during the outage, with the breaker vs without", threadsWith, threadsWithout, "threads")
        .holds(threadsWith <= 0.25 * threadsWithout)
        .detail("peak threads held during the outage (with / without)", peakWith + " / " + peakWithout)
        .detail("peak threads held with the breaker once the first timeouts are back (from second " + settled + ")",
            settledPeakWith)
        .detail("peak threads held while the dependency is healthy", healthyPeak)
        .chart(heldChart)
        .notes(setup + " Without the breaker each caller waits out the timeout, so about rate x timeout threads wait at "
            + "once. A breaker learns only from outcomes, so for the first timeout period of an outage it holds as many "
            + "threads as no breaker (the peak is the same); after that it holds almost none. Holds when the mean over "
            + "the outage is at most a quarter of the unprotected one.")
        .build();
    return List.of(failFast, threads);
  }

  private static double meanLatencyMs(Run run, int from, int to) {
    double sum = 0;
    long count = 0;
    for (int s = from; s < to; s++) {
      sum += run.latencySum[s];
      count += run.requests[s];
    }
    return count == 0 ? 0 : sum / count / MILLI;
  }

  private static double mean(double[] values, int from, int to) {
    double sum = 0;
    for (int s = from; s < to; s++) {
      sum += values[s];
    }
    return sum / (to - from);
  }

  private static int peak(int[] values, int from, int to) {
    int peak = 0;
    for (int s = from; s < to; s++) {
      peak = Math.max(peak, values[s]);
    }
    return peak;
  }

  private static long dependencyCalls(Run run, int from, int to) {
    long total = 0;
    for (int s = from; s < to; s++) {
      total += run.requests[s] - run.rejected[s];
    }
    return total;
  }

  private static int firstSecondWithoutRejections(Run run, int from) {
    for (int s = from; s < run.seconds; s++) {
      if (run.rejected[s] == 0) {
        return s;
      }
    }
    return run.seconds;
  }
}
