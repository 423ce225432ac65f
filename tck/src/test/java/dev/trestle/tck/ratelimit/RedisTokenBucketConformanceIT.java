package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;

/** The kit over RedisRateLimiter's token bucket script. */
class RedisTokenBucketConformanceIT extends RedisLimiterConformance {
  RedisTokenBucketConformanceIT() {
    super(RateLimitAlgorithm.TOKEN_BUCKET);
  }
}
