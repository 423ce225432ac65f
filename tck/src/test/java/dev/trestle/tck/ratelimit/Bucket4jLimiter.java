package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitDecision;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * Bucket4j's local bucket (capacity B, greedy refill of L per T, lock-free) as a {@link RateLimiter}:
 * time from the spec's ticker through a {@link TimeMeter}, waits through the spec's sleeper as a
 * blocking strategy, the probe from {@code tryConsumeAndReturnRemaining}. Calls pass straight through.
 */
final class Bucket4jLimiter implements RateLimiter {

  private final Bucket bucket;
  private final RateLimiterSpec spec;

  Bucket4jLimiter(RateLimiterSpec spec) {
    this.spec = spec;
    TimeMeter time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return spec.ticker().read();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    this.bucket = Bucket.builder()
        .addLimit(limit -> limit.capacity(spec.burst()).refillGreedy(spec.permits(), spec.period()))
        .withCustomTimePrecision(time)
        .build();
  }

  @Override
  public RateLimiterConfig config() {
    return RateLimiterConfig.builder().limit(spec.permits(), spec.period()).burst(spec.burst()).ticker(spec.ticker()).build();
  }

  @Override
  public boolean tryAcquire() {
    return bucket.tryConsume(1);
  }

  @Override
  public boolean tryAcquire(long permits) {
    return bucket.tryConsume(permits);
  }

  @Override
  public boolean tryAcquire(long permits, Duration maxWait) throws InterruptedException {
    return bucket.asBlocking().tryConsume(permits, maxWait, nanos -> spec.sleeper().sleep(nanos));
  }

  @Override
  public RateLimitDecision probe(long permits) {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(permits);
    return probe.isConsumed() ? RateLimitDecision.allowed(probe.getRemainingTokens())
        : RateLimitDecision.denied(probe.getRemainingTokens(), Math.max(1, probe.getNanosToWaitForRefill()));
  }
}
