package dev.trestle.benchmarks.timeout;

import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The overhead of a time limiter on a call that finishes in time: Trestle's {@link TimeLimiter}
 * against Resilience4j's, both handing the task to the same kind of executor, and {@code direct}
 * (submit to that executor and wait, no limiter) as the floor both stand on.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TimeLimiterBenchmark -t 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TimeLimiterBenchmark {

  private static final Callable<String> TASK = () -> "answer";

  @Param({"trestle", "resilience4j", "direct"})
  public String impl;

  private ExecutorService executor;
  private Callable<String> call;

  @Setup
  public void setUp() {
    executor = Executors.newCachedThreadPool();
    Duration timeout = Duration.ofSeconds(1);
    switch (impl) {
      case "trestle": {
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.builder().timeout(timeout).executor(executor).build());
        call = () -> limiter.call(TASK);
        break;
      }
      case "resilience4j": {
        io.github.resilience4j.timelimiter.TimeLimiter limiter = io.github.resilience4j.timelimiter.TimeLimiter.of(
            io.github.resilience4j.timelimiter.TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build());
        call = () -> limiter.executeFutureSupplier(() -> executor.submit(TASK));
        break;
      }
      case "direct":
        call = () -> executor.submit(TASK).get();
        break;
      default:
        throw new IllegalArgumentException("impl must be trestle, resilience4j or direct, was " + impl);
    }
  }

  @TearDown
  public void tearDown() {
    executor.shutdownNow();
  }

  @Benchmark
  public String callThatFinishesInTime() throws Exception {
    return call.call();
  }
}
