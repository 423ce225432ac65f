package example;

import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.tck.ratelimit.RateContract;
import dev.trestle.tck.ratelimit.RateLimiterFeature;
import dev.trestle.tck.ratelimit.RateLimiterSpec;
import dev.trestle.tck.ratelimit.RateLimiterTck;
import java.util.EnumSet;
import java.util.Set;

class NaiveTokenBucketConformanceTest extends RateLimiterTck {

  @Override
  protected RateLimiter newLimiter(RateLimiterSpec spec) {
    return new NaiveTokenBucket(spec.permits(), spec.period(), spec.burst(), spec.ticker(), spec.sleeper());
  }

  @Override
  protected RateContract contract() {
    return RateContract.TOKEN_BUCKET;
  }

  @Override
  protected Set<RateLimiterFeature> features() {
    return EnumSet.allOf(RateLimiterFeature.class);
  }
}
