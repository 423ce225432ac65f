package dev.trestle.benchmarks.breaker;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A successful call through a closed circuit breaker (a count-based window of 100 calls, or a
 * time-based window of 10 seconds), Trestle vs
 * Resilience4j vs Failsafe, each decorating the same supplier; {@code direct} is the bare call.
 * Run at 1 and 2 threads and with {@code -prof gc} for bytes per call.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CircuitBreakerBenchmark -t 2 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CircuitBreakerBenchmark {

  @Param({"trestle", "resilience4j", "failsafe", "direct"})
  public String impl;

  /** COUNT_BASED: the last 100 calls; TIME_BASED: the calls of the last 10 seconds. */
  @Param({"COUNT_BASED", "TIME_BASED"})
  public String window;

  private static final Supplier<String> TASK = () -> "ok";

  private Supplier<String> call;

  @Setup
  public void setUp() {
    switch (impl) {
      case "trestle": {
        boolean count = window.equals("COUNT_BASED");
        CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder()
            .slidingWindow(CircuitBreakerConfig.WindowType.valueOf(window), count ? 100 : 10).minimumNumberOfCalls(100).build());
        call = () -> breaker.get(TASK);
        break;
      }
      case "resilience4j": {
        io.github.resilience4j.circuitbreaker.CircuitBreaker breaker = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench",
            io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindowType(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.valueOf(window))
                .slidingWindowSize(window.equals("COUNT_BASED") ? 100 : 10).minimumNumberOfCalls(100).build());
        call = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(breaker, TASK);
        break;
      }
      case "failsafe": {
        dev.failsafe.CircuitBreaker<String> breaker = window.equals("COUNT_BASED")
            ? dev.failsafe.CircuitBreaker.<String>builder().withFailureThreshold(50, 100).build() // 50 of the last 100 calls
            : dev.failsafe.CircuitBreaker.<String>builder().withFailureRateThreshold(50, 100, java.time.Duration.ofSeconds(10)).build();
        FailsafeExecutor<String> executor = Failsafe.with(breaker);
        call = () -> executor.get(TASK::get);
        break;
      }
      case "direct":
        call = TASK;
        break;
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
  }

  /** One successful decorated call. */
  @Benchmark
  public String successfulCall() {
    return call.get();
  }
}
