package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimiter;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Resilience4j 2.x's AtomicRateLimiter through an adapter, on the kit's ticker (its nano-time
 * supplier), as what it is: a fixed window (cycles of the refresh period from creation). It waits
 * by parking on its own and has no decision with a wait, so WAITING and PROBE are not declared (3.x,
 * 6.4 and 7.x skipped). It passes the other rules but two, which are excused and checked to fail by
 * {@link Resilience4jDivergenceTest}: it validates no permits (RATE-6.1: {@code acquirePermission(0)}
 * returns true; RATE-6.2: a request above the limit gets false). Declared as an exact sliding
 * window, it fails RATE-1.1: twice the limit around a cycle boundary.
 */
class Resilience4jConformanceTest extends RateLimiterTck {

  @Override
  protected RateLimiter newLimiter(RateLimiterSpec spec) {
    return new Resilience4jLimiter(spec);
  }

  @Override
  protected RateContract contract() {
    return RateContract.FIXED_WINDOW;
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return Resilience4jDivergenceTest.DEVIATIONS;
  }

  @Override
  protected Set<RateLimiterFeature> features() {
    return EnumSet.of(RateLimiterFeature.MANUAL_TICKER);
  }
}
