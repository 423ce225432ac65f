package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimiter;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Bucket4j 8.x's local bucket through an adapter, on the kit's ticker and sleeper, as a token
 * bucket, with every capability. It passes 14 of the 16 rules, the exact ones included (its
 * arithmetic does not drift or overflow after long idle, its wait is exact). Two are excused, and
 * {@link Bucket4jDivergenceTest} checks that they really fail: RATE-6.2, because a request above the
 * capacity gets {@code false} (a request that can never succeed, answered as if it might later),
 * and RATE-7.3, because its waiting {@code tryConsume} takes the tokens before it parks and keeps
 * them when the wait is interrupted.
 */
class Bucket4jConformanceTest extends RateLimiterTck {

  @Override
  protected RateLimiter newLimiter(RateLimiterSpec spec) {
    return new Bucket4jLimiter(spec);
  }

  @Override
  protected RateContract contract() {
    return RateContract.TOKEN_BUCKET;
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return Bucket4jDivergenceTest.DEVIATIONS;
  }

  @Override
  protected Set<RateLimiterFeature> features() {
    return EnumSet.allOf(RateLimiterFeature.class);
  }
}
