package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.LimitAlgorithm;

/** Trestle's concurrency limiter with {@link LimitAlgorithm#GRADIENT2}. */
class TrestleGradient2ConcurrencyLimiterConformanceTest extends TrestleConcurrencyLimiterConformance {
  TrestleGradient2ConcurrencyLimiterConformanceTest() {
    super(LimitAlgorithm.GRADIENT2);
  }
}
