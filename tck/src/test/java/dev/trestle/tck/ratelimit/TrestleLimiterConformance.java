package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's local limiter of one algorithm on the kit's ticker and sleeper: every capability declared. */
abstract class TrestleLimiterConformance extends RateLimiterTck {

  private final RateLimitAlgorithm algorithm;
  private final RateContract contract;

  TrestleLimiterConformance(RateLimitAlgorithm algorithm, RateContract contract) {
    this.algorithm = algorithm;
    this.contract = contract;
  }

  static RateLimiter build(RateLimitAlgorithm algorithm, RateLimiterSpec spec) {
    RateLimiterConfig.Builder builder = RateLimiterConfig.builder().algorithm(algorithm)
        .limit(spec.permits(), spec.period()).ticker(spec.ticker()).sleeper(spec.sleeper());
    if (algorithm == RateLimitAlgorithm.TOKEN_BUCKET || algorithm == RateLimitAlgorithm.GCRA
        || algorithm == RateLimitAlgorithm.LEAKY_BUCKET) {
      builder.burst(spec.burst());
    }
    return RateLimiter.of(builder.build());
  }

  @Override
  protected RateLimiter newLimiter(RateLimiterSpec spec) {
    return build(algorithm, spec);
  }

  @Override
  protected RateContract contract() {
    return contract;
  }

  @Override
  protected Set<RateLimiterFeature> features() {
    return EnumSet.allOf(RateLimiterFeature.class);
  }

  @Override
  protected String implementationName() {
    return "Trestle " + algorithm;
  }
}
