package dev.trestle.benchmarks.timeout;

import dev.trestle.benchmarks.Claim;
import dev.trestle.benchmarks.ClaimExperiment;
import dev.trestle.benchmarks.LatencySample;
import dev.trestle.benchmarks.ReportContext;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Ticker;
import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Claim: "a timeout bounds the tail latency a caller sees from a slow dependency".
 *
 * <p>A simulated dependency answers after a log-normal delay (median 2 ms, sigma 1.5: p99 about
 * 65 ms, p99.9 about 200 ms, the heavy tail of a real remote call), really waiting that long. Four
 * callers call it directly, then through a {@link TimeLimiter} with a 25 ms timeout, replaying the
 * same seeded delays, and the latency each caller sees is recorded. The claim holds when the
 * timeout caps p99.9 near the limit (within twice the timeout, to allow for scheduling) while the
 * direct p99 lies beyond it.
 */
public final class TimeoutTailLatencyExperiment implements ClaimExperiment {

  static final Duration TIMEOUT = Duration.ofMillis(25);
  private static final double MEDIAN_MS = 2.0;
  private static final double SIGMA = 1.5;
  private static final int CALLERS = 4;
  private static final int WARM_UP_CALLS = 100;

  @Override
  public String id() {
    return "timeout.tail-latency";
  }

  @Override
  public List<String> claimIds() {
    return List.of("timeout.tail-latency");
  }

  @Override
  public List<Claim> run(ReportContext context) throws Exception {
    int callsPerCaller = context.scale(250, 2_000);
    ExecutorService workers = Executors.newCachedThreadPool(daemon("dependency"));
    try {
      TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.builder().timeout(TIMEOUT).executor(workers).build());
      CallFactory directCalls = delay -> () -> dependency(delay);
      CallFactory limitedCalls = delay -> () -> {
        try {
          return limiter.call(() -> dependency(delay));
        } catch (DeadlineExceededException timedOut) {
          return -1L;
        }
      };
      // Warm-up, not recorded: class loading, JIT and the first threads would otherwise be the tail.
      measure(WARM_UP_CALLS, directCalls, 7);
      measure(WARM_UP_CALLS, limitedCalls, 7);
      Run direct = measure(callsPerCaller, directCalls, 42);
      Run limited = measure(callsPerCaller, limitedCalls, 42);
      double timeoutMs = TIMEOUT.toNanos() / 1e6;
      double[] directMs = percentiles(direct.latencies);
      double[] limitedMs = percentiles(limited.latencies);
      boolean holds = limitedMs[2] <= 2 * timeoutMs && directMs[1] > timeoutMs;

      CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
          .title("Latency a caller sees from a heavy-tailed dependency")
          .xAxisTitle("percentile").yAxisTitle("latency (ms)").build();
      chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
      List<String> labels = List.of("p50", "p99", "p99.9", "max");
      chart.addSeries("no timeout", labels, toList(directMs));
      chart.addSeries("TimeLimiter " + TIMEOUT.toMillis() + " ms", labels, toList(limitedMs));
      String file = context.saveChart(chart, "timeout-tail-latency", ReportContext.Better.LOWER, "1 run each");

      return List.of(Claim.builder(id(), "core", "a timeout bounds the tail latency a caller sees from a slow dependency")
          .measured("p99 latency", limitedMs[1], directMs[1], "ms")
          .holds(holds)
          .detail("timeout ms", timeoutMs)
          .detail("calls per side", direct.latencies.size())
          .detail("p50 ms (with / without)", fmt(limitedMs[0]) + " / " + fmt(directMs[0]))
          .detail("p99 ms (with / without)", fmt(limitedMs[1]) + " / " + fmt(directMs[1]))
          .detail("p99.9 ms (with / without)", fmt(limitedMs[2]) + " / " + fmt(directMs[2]))
          .detail("max ms (with / without)", fmt(limitedMs[3]) + " / " + fmt(directMs[3]))
          .detail("calls cut off by the timeout", limited.timeouts)
          .chart(file)
          .notes("Dependency delay: log-normal, median " + MEDIAN_MS + " ms, sigma " + SIGMA + ", seeded, really waited; "
              + CALLERS + " concurrent callers; the same delays replayed on both sides. Holds when p99.9 with the "
              + "timeout is at most twice the timeout (scheduling slack on a shared machine) and p99 without it "
              + "exceeds the timeout. The price is visible too: the calls cut off return no answer.")
          .build());
    } finally {
      workers.shutdownNow();
    }
  }

  private interface CallFactory {
    Callable<Long> forDelay(long delayNanos);
  }

  private static final class Run {
    final LatencySample latencies = new LatencySample();
    int timeouts;
  }

  private static Run measure(int callsPerCaller, CallFactory calls, long baseSeed) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS, daemon("caller"));
    try {
      List<Future<Run>> parts = new ArrayList<>();
      for (int c = 0; c < CALLERS; c++) {
        long seed = baseSeed + c;
        parts.add(callers.submit(() -> {
          Random random = new Random(seed);
          Run run = new Run();
          Ticker ticker = Ticker.system();
          for (int i = 0; i < callsPerCaller; i++) {
            long delay = (long) (MEDIAN_MS * 1e6 * Math.exp(SIGMA * random.nextGaussian()));
            long start = ticker.read();
            Long answer = calls.forDelay(delay).call();
            run.latencies.add(ticker.read() - start);
            if (answer == -1L) {
              run.timeouts++;
            }
          }
          return run;
        }));
      }
      Run all = new Run();
      for (Future<Run> part : parts) {
        Run run = part.get();
        all.latencies.addAll(run.latencies);
        all.timeouts += run.timeouts;
      }
      return all;
    } finally {
      callers.shutdownNow();
    }
  }

  /** The simulated dependency: waits {@code delayNanos} (interruptibly) and answers. */
  private static Long dependency(long delayNanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(delayNanos);
    return delayNanos;
  }

  private static double[] percentiles(LatencySample sample) {
    return new double[] {sample.percentileMillis(50), sample.percentileMillis(99), sample.percentileMillis(99.9),
        sample.max() / 1e6};
  }

  private static List<Double> toList(double[] values) {
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(v);
    }
    return list;
  }

  private static String fmt(double ms) {
    return String.format(java.util.Locale.ROOT, "%.2f", ms);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
