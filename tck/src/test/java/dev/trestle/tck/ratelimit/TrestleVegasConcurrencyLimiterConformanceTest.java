package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.LimitAlgorithm;

/** Trestle's concurrency limiter with {@link LimitAlgorithm#VEGAS}. */
class TrestleVegasConcurrencyLimiterConformanceTest extends TrestleConcurrencyLimiterConformance {
  TrestleVegasConcurrencyLimiterConformanceTest() {
    super(LimitAlgorithm.VEGAS);
  }
}
