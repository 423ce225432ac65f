package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.ratelimit.ConcurrencyLimiterConfig;
import dev.trestle.ratelimit.LimitAlgorithm;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Trestle's concurrency limiter with one limit algorithm, on the kit's ticker, with the capabilities it has. */
abstract class TrestleConcurrencyLimiterConformance extends ConcurrencyLimiterTck {

  private final LimitAlgorithm algorithm;

  TrestleConcurrencyLimiterConformance(LimitAlgorithm algorithm) {
    this.algorithm = algorithm;
  }

  static ConcurrencyLimiter build(LimitAlgorithm algorithm, ConcurrencyLimiterSpec spec) {
    ConcurrencyLimiterConfig.Builder builder = ConcurrencyLimiterConfig.builder().name("tck").algorithm(algorithm)
        .initialLimit(spec.initialLimit()).limits(spec.minLimit(), spec.maxLimit()).maxWait(spec.maxWait())
        .lifo(spec.lifo()).ticker(spec.ticker());
    for (Map.Entry<String, Double> partition : spec.partitions().entrySet()) {
      builder.partition(partition.getKey(), partition.getValue());
    }
    return ConcurrencyLimiter.of(builder.build());
  }

  @Override
  protected ConcurrencyLimiter newLimiter(ConcurrencyLimiterSpec spec) {
    return build(algorithm, spec);
  }

  @Override
  protected Set<ConcurrencyLimiterFeature> features() {
    switch (algorithm) {
      case FIXED: // the limit never moves
        return EnumSet.of(ConcurrencyLimiterFeature.WAITING, ConcurrencyLimiterFeature.LIFO,
            ConcurrencyLimiterFeature.PARTITIONS);
      case AIMD: // loss-based: latency alone does not move it
        return EnumSet.complementOf(EnumSet.of(ConcurrencyLimiterFeature.LATENCY));
      default:
        return EnumSet.allOf(ConcurrencyLimiterFeature.class);
    }
  }

  @Override
  protected String implementationName() {
    return "Trestle " + algorithm;
  }
}
