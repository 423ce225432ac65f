package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ways a {@link RateLimiter} takes {@code n} permits, so that rules RATE-8.x check each of
 * them: {@code tryAcquire(n)}, {@code tryAcquire(n, 1 ns)} with WAITING (Bucket4j refuses a zero wait), {@code probe(n)} with PROBE.
 */
final class PermitVariants {

  /** One way to ask for permits; returns whether they were taken. */
  interface Variant {
    boolean take(RateLimiter limiter, long permits) throws Exception;
  }

  private PermitVariants() {}

  static Map<String, Variant> of(boolean waiting, boolean probe) {
    Map<String, Variant> variants = new LinkedHashMap<>();
    variants.put("tryAcquire(n)", RateLimiter::tryAcquire);
    if (waiting) {
      variants.put("tryAcquire(n, 1 ns)", (limiter, n) -> limiter.tryAcquire(n, Duration.ofNanos(1)));
    }
    if (probe) {
      variants.put("probe(n)", (limiter, n) -> limiter.probe(n).allowed());
    }
    return variants;
  }
}
