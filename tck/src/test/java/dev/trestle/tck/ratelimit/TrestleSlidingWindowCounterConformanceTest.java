package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;

/** Trestle's {@link RateLimitAlgorithm#SLIDING_WINDOW_COUNTER} against the {@link RateContract#APPROXIMATE_WINDOW} contract. */
class TrestleSlidingWindowCounterConformanceTest extends TrestleLimiterConformance {
  TrestleSlidingWindowCounterConformanceTest() {
    super(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER, RateContract.APPROXIMATE_WINDOW);
  }
}
