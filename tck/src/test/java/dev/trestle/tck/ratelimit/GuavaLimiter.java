package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitDecision;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import java.time.Duration;

/**
 * Guava's {@code RateLimiter.create(permitsPerSecond)} (the SmoothBursty limiter) as a
 * {@link RateLimiter}, at the spec's L per T turned into a rate per second. Calls pass straight
 * through, so whatever Guava does the kit sees.
 *
 * <p>Three parts of the spec cannot reach Guava through its public API. The ticker and the sleeper:
 * Guava reads and sleeps on the system clock through its package-private {@code SleepingStopwatch}.
 * The burst: Guava stores at most one second of permits ({@code maxBurstSeconds = 1.0}, fixed by
 * {@code create}), starting with none. It also has no decision with a wait, so {@link #probe} is
 * not offered. {@link #tryAcquire(long, Duration)} is Guava's own timed {@code tryAcquire}, which
 * sleeps on the system clock and ignores interruption.
 */
final class GuavaLimiter implements RateLimiter {

  private final com.google.common.util.concurrent.RateLimiter limiter;
  private final RateLimiterSpec spec;

  GuavaLimiter(RateLimiterSpec spec) {
    this.spec = spec;
    this.limiter = com.google.common.util.concurrent.RateLimiter.create(permitsPerSecond(spec));
  }

  /**
   * Returns L per T as a rate per second. The result is a double, so most rates are rounded (10 per
   * 3 s becomes 3.3333333333333335). A zero period divides to positive infinity, which Guava accepts
   * as having no limit at all.
   */
  static double permitsPerSecond(RateLimiterSpec spec) {
    return spec.permits() * 1e9 / spec.period().toNanos();
  }

  /**
   * Reports the limit, Guava's real burst (one second of permits, rounded down, at least 1), and
   * that the limiter starts with nothing stored. Guava runs on the system clock, so the ticker is
   * the system one, whatever the spec's is.
   */
  @Override
  public RateLimiterConfig config() {
    long oneSecondOfPermits = Math.max(1, (long) permitsPerSecond(spec));
    return RateLimiterConfig.builder().limit(spec.permits(), spec.period()).burst(oneSecondOfPermits).initialPermits(0)
        .build();
  }

  @Override
  public boolean tryAcquire() {
    return limiter.tryAcquire();
  }

  @Override
  public boolean tryAcquire(long permits) {
    return limiter.tryAcquire(Math.toIntExact(permits));
  }

  /** Guava's timed {@code tryAcquire}: it never throws InterruptedException (see the class comment). */
  @Override
  public boolean tryAcquire(long permits, Duration maxWait) {
    return limiter.tryAcquire(Math.toIntExact(permits), maxWait);
  }

  @Override
  public RateLimitDecision probe(long permits) {
    throw new UnsupportedOperationException("Guava has no decision with the permits left and a wait");
  }

  /** Names Guava's limiter and its rate, so that the kit's failure messages say what was built. */
  @Override
  public String toString() {
    return "Guava " + limiter;
  }
}
