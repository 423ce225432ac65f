package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.LimitAlgorithm;

/** Trestle's concurrency limiter with {@link LimitAlgorithm#AIMD}. */
class TrestleAimdConcurrencyLimiterConformanceTest extends TrestleConcurrencyLimiterConformance {
  TrestleAimdConcurrencyLimiterConformanceTest() {
    super(LimitAlgorithm.AIMD);
  }
}
