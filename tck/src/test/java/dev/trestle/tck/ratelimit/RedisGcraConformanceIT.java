package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;

/** The kit over RedisRateLimiter's GCRA script. */
class RedisGcraConformanceIT extends RedisLimiterConformance {
  RedisGcraConformanceIT() {
    super(RateLimitAlgorithm.GCRA);
  }
}
