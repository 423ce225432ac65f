package dev.trestle.benchmarks.ratelimit;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.ratelimit.ConcurrencyLimiterConfig;
import dev.trestle.ratelimit.LimitAlgorithm;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One admitted call through a concurrency limiter shared by every benchmark thread: acquire, then
 * complete with success (which feeds the limit algorithm the round trip), Trestle's
 * {@link ConcurrencyLimiter} vs Netflix concurrency-limits' {@code SimpleLimiter}, each with its
 * fixed, AIMD, Vegas and Gradient2 limits. The limit (initial 1000, maximum 2000) is far above the
 * threads, so every call is admitted: the benchmark measures the bookkeeping, contended at 2
 * threads. Run with {@code -prof gc} for bytes per call.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ConcurrencyLimitBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar ConcurrencyLimitBenchmark -t 2</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConcurrencyLimitBenchmark {

  private static final int LIMIT = 1000;

  @Param({"trestle-fixed", "netflix-fixed", "trestle-aimd", "netflix-aimd", "trestle-vegas", "netflix-vegas",
      "trestle-gradient2", "netflix-gradient2"})
  public String impl;

  private ConcurrencyLimiter trestle;
  private Limiter<Void> netflix;

  @Setup
  public void setUp() {
    String[] parts = impl.split("-", 2);
    if (parts[0].equals("trestle")) {
      LimitAlgorithm algorithm = LimitAlgorithm.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
      trestle = ConcurrencyLimiter.of(ConcurrencyLimiterConfig.builder().algorithm(algorithm).initialLimit(LIMIT)
          .limits(1, 2 * LIMIT).build());
    } else {
      Limit limit;
      switch (parts[1]) {
        case "fixed":
          limit = FixedLimit.of(LIMIT);
          break;
        case "aimd":
          limit = AIMDLimit.newBuilder().initialLimit(LIMIT).minLimit(1).maxLimit(2 * LIMIT).build();
          break;
        case "vegas":
          limit = VegasLimit.newBuilder().initialLimit(LIMIT).maxConcurrency(2 * LIMIT).build();
          break;
        case "gradient2":
          limit = Gradient2Limit.newBuilder().initialLimit(LIMIT).minLimit(1).maxConcurrency(2 * LIMIT).build();
          break;
        default:
          throw new IllegalArgumentException("unknown impl " + impl);
      }
      netflix = SimpleLimiter.newBuilder().limit(limit).build();
    }
  }

  @Benchmark
  public boolean acquireAndRelease() {
    if (trestle != null) {
      var call = trestle.acquire();
      if (call.isEmpty()) {
        return false;
      }
      call.get().onSuccess();
      return true;
    }
    var call = netflix.acquire(null);
    if (call.isEmpty()) {
      return false;
    }
    call.get().onSuccess();
    return true;
  }
}
