package dev.trestle.benchmarks.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
 * One admitted {@code tryAcquire()} on a limiter shared by every benchmark thread: Trestle's token
 * bucket and GCRA vs Bucket4j's local lock-free bucket, Resilience4j's AtomicRateLimiter and
 * Guava's RateLimiter. The rate (10^9 per second, burst 10^9) is far above what the threads can
 * ask for, so every call is admitted and the benchmark measures the decision itself, contended at
 * 2 threads. Run with {@code -prof gc} for bytes per call.
 *
 * <p>Trestle's window algorithms are here too, each with a limit no thread can reach within its
 * period: the fixed window against Resilience4j (which is one), the sliding log and counter to show
 * what exactness costs over it.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TryAcquireBenchmark -t 2 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TryAcquireBenchmark {

  private static final int RATE = 1_000_000_000;

  @Param({"trestle-token-bucket", "trestle-gcra", "bucket4j", "resilience4j", "guava", "trestle-fixed-window",
      "trestle-sliding-log", "trestle-sliding-counter", "trestle-leaky-bucket", "trestle-shaper"})
  public String impl;

  private BooleanSupplier tryAcquire;

  @Setup
  public void setUp() {
    switch (impl) {
      case "trestle-token-bucket":
      case "trestle-gcra": {
        RateLimiter limiter = RateLimiter.of(RateLimiterConfig.builder()
            .algorithm(impl.equals("trestle-gcra") ? RateLimitAlgorithm.GCRA : RateLimitAlgorithm.TOKEN_BUCKET)
            .limit(RATE, Duration.ofSeconds(1)).build());
        tryAcquire = limiter::tryAcquire;
        break;
      }
      case "trestle-leaky-bucket": {
        tryAcquire = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.LEAKY_BUCKET)
            .limit(RATE, Duration.ofSeconds(1)).build())::tryAcquire;
        break;
      }
      case "trestle-shaper": { // one permit a nanosecond: every call finds its slot has come
        tryAcquire = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.LEAKY_BUCKET_SHAPER)
            .limit(RATE, Duration.ofSeconds(1)).build())::tryAcquire;
        break;
      }
      case "trestle-fixed-window": {
        tryAcquire = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.FIXED_WINDOW)
            .limit(RATE, Duration.ofSeconds(1)).build())::tryAcquire;
        break;
      }
      case "trestle-sliding-log": { // 1024 per microsecond: a log that fits in the cache, as most do
        tryAcquire = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.SLIDING_WINDOW_LOG)
            .limit(1024, Duration.ofNanos(1000)).build())::tryAcquire;
        break;
      }
      case "trestle-sliding-counter": {
        tryAcquire = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER)
            .limit(RateLimiterConfig.MAX_COUNTER_PERMITS, Duration.ofMillis(100)).build())::tryAcquire;
        break;
      }
      case "bucket4j": {
        Bucket bucket = Bucket.builder().addLimit(limit -> limit.capacity(RATE).refillGreedy(RATE, Duration.ofSeconds(1))).build();
        tryAcquire = () -> bucket.tryConsume(1);
        break;
      }
      case "resilience4j": {
        io.github.resilience4j.ratelimiter.RateLimiter limiter = io.github.resilience4j.ratelimiter.RateLimiter.of("bench",
            io.github.resilience4j.ratelimiter.RateLimiterConfig.custom().limitForPeriod(RATE)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());
        tryAcquire = limiter::acquirePermission;
        break;
      }
      case "guava": {
        com.google.common.util.concurrent.RateLimiter limiter = com.google.common.util.concurrent.RateLimiter.create(RATE);
        tryAcquire = limiter::tryAcquire;
        break;
      }
      default:
        throw new IllegalArgumentException("unknown impl " + impl);
    }
    if (!tryAcquire.getAsBoolean()) {
      throw new IllegalStateException(impl + " refused the first permit");
    }
  }

  @Benchmark
  public boolean tryAcquire() {
    return tryAcquire.getAsBoolean();
  }
}
