package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.LimitAlgorithm;

/** Trestle's concurrency limiter with {@link LimitAlgorithm#FIXED}. */
class TrestleFixedConcurrencyLimiterConformanceTest extends TrestleConcurrencyLimiterConformance {
  TrestleFixedConcurrencyLimiterConformanceTest() {
    super(LimitAlgorithm.FIXED);
  }
}
