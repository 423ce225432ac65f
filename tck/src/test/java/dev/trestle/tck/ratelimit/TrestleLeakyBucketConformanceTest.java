package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;

/** Trestle's {@link RateLimitAlgorithm#LEAKY_BUCKET} against the {@link RateContract#TOKEN_BUCKET} contract. */
class TrestleLeakyBucketConformanceTest extends TrestleLimiterConformance {
  TrestleLeakyBucketConformanceTest() {
    super(RateLimitAlgorithm.LEAKY_BUCKET, RateContract.TOKEN_BUCKET);
  }
}
