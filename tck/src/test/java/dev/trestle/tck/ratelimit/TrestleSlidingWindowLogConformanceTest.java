package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;

/** Trestle's {@link RateLimitAlgorithm#SLIDING_WINDOW_LOG} against the {@link RateContract#SLIDING_WINDOW} contract. */
class TrestleSlidingWindowLogConformanceTest extends TrestleLimiterConformance {
  TrestleSlidingWindowLogConformanceTest() {
    super(RateLimitAlgorithm.SLIDING_WINDOW_LOG, RateContract.SLIDING_WINDOW);
  }
}
