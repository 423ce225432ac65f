package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;

/** Trestle's {@link RateLimitAlgorithm#GCRA} against the {@link RateContract#TOKEN_BUCKET} contract. */
class TrestleGcraConformanceTest extends TrestleLimiterConformance {
  TrestleGcraConformanceTest() {
    super(RateLimitAlgorithm.GCRA, RateContract.TOKEN_BUCKET);
  }
}
