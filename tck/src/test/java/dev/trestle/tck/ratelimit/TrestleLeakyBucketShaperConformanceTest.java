package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;

/** Trestle's {@link RateLimitAlgorithm#LEAKY_BUCKET_SHAPER} against the {@link RateContract#SHAPER} contract. */
class TrestleLeakyBucketShaperConformanceTest extends TrestleLimiterConformance {
  TrestleLeakyBucketShaperConformanceTest() {
    super(RateLimitAlgorithm.LEAKY_BUCKET_SHAPER, RateContract.SHAPER);
  }
}
