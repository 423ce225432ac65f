package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;

/** Trestle's {@link RateLimitAlgorithm#FIXED_WINDOW} against the {@link RateContract#FIXED_WINDOW} contract. */
class TrestleFixedWindowConformanceTest extends TrestleLimiterConformance {
  TrestleFixedWindowConformanceTest() {
    super(RateLimitAlgorithm.FIXED_WINDOW, RateContract.FIXED_WINDOW);
  }
}
