package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;

/** Trestle's {@link RateLimitAlgorithm#TOKEN_BUCKET} against the {@link RateContract#TOKEN_BUCKET} contract. */
class TrestleTokenBucketConformanceTest extends TrestleLimiterConformance {
  TrestleTokenBucketConformanceTest() {
    super(RateLimitAlgorithm.TOKEN_BUCKET, RateContract.TOKEN_BUCKET);
  }
}
