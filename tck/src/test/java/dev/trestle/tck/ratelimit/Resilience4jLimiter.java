package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitDecision;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import java.time.Duration;

/**
 * Resilience4j's {@code AtomicRateLimiter} (L permits per refresh period T, no waiting) as a
 * {@link RateLimiter}, its nano-time supplier reading the spec's ticker. It parks on its own to
 * wait and has no decision with a wait, so {@code tryAcquire(permits, maxWait)} and {@code probe}
 * are not offered.
 */
final class Resilience4jLimiter implements RateLimiter {

  private final io.github.resilience4j.ratelimiter.RateLimiter limiter;
  private final RateLimiterSpec spec;

  Resilience4jLimiter(RateLimiterSpec spec) {
    this.spec = spec;
    io.github.resilience4j.ratelimiter.RateLimiterConfig config = io.github.resilience4j.ratelimiter.RateLimiterConfig.custom()
        .limitForPeriod(Math.toIntExact(spec.permits()))
        .limitRefreshPeriod(spec.period())
        .timeoutDuration(Duration.ZERO)
        .build();
    this.limiter = io.github.resilience4j.ratelimiter.RateLimiter.of("tck", config, () -> spec.ticker().read());
  }

  @Override
  public RateLimiterConfig config() {
    return RateLimiterConfig.builder().limit(spec.permits(), spec.period()).ticker(spec.ticker()).build();
  }

  @Override
  public boolean tryAcquire() {
    return limiter.acquirePermission();
  }

  @Override
  public boolean tryAcquire(long permits) {
    return limiter.acquirePermission(Math.toIntExact(permits));
  }

  @Override
  public boolean tryAcquire(long permits, Duration maxWait) {
    throw new UnsupportedOperationException("Resilience4j waits with its own parking, set in its config");
  }

  @Override
  public RateLimitDecision probe(long permits) {
    throw new UnsupportedOperationException("Resilience4j has no decision with a wait");
  }
}
