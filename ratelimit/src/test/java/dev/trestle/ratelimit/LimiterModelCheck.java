package dev.trestle.ratelimit;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checks of the limiters' compare-and-set state: every interleaving of concurrent
 * tryAcquire and probe calls that Lincheck's model checker explores (bounded, deterministic) must be
 * linearizable, i.e. equal to some sequential order of the same calls: no permit is admitted twice
 * or lost. Time stands still on a ManualTicker, so the state is the permits left. Subclassed once per
 * algorithm. Runs on JDK 17 and 25.
 */
public abstract class LimiterModelCheck {

  private final RateLimiter limiter;

  LimiterModelCheck(RateLimitAlgorithm algorithm) {
    limiter = RateLimiter.of(RateLimiterConfig.builder().algorithm(algorithm).limit(4, Duration.ofHours(1)).burst(4)
        .ticker(new ManualTicker()).build());
  }

  @Operation
  public boolean tryAcquireOne() {
    return limiter.tryAcquire();
  }

  @Operation
  public boolean tryAcquireTwo() {
    return limiter.tryAcquire(2);
  }

  @Operation
  public String probeOne() {
    RateLimitDecision decision = limiter.probe(1);
    return decision.allowed() + "/" + decision.remainingPermits();
  }

  @Test
  void everyInterleavingIsLinearizable() {
    new ModelCheckingOptions().iterations(8).invocationsPerIteration(100).threads(2).actorsPerThread(3)
        .check(getClass());
  }
}
