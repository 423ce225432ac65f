package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.tck.ratelimit.NetflixConcurrencyLimiter.Algorithm;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Netflix concurrency-limits' SimpleLimiter over its VEGAS limit, through {@link NetflixConcurrencyLimiter};
 * the rules it is excused from are listed, and shown to fail, in {@link NetflixConcurrencyLimiterDivergenceTest}.
 */
class NetflixVegasConformanceTest extends ConcurrencyLimiterTck {

  private final NetflixConcurrencyLimiterDivergenceTest.Vegas asIs = new NetflixConcurrencyLimiterDivergenceTest.Vegas();

  @Override
  protected ConcurrencyLimiter newLimiter(ConcurrencyLimiterSpec spec) {
    return new NetflixConcurrencyLimiter(Algorithm.VEGAS, spec);
  }

  @Override
  protected Set<ConcurrencyLimiterFeature> features() {
    return asIs.features();
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return NetflixConcurrencyLimiterDivergenceTest.VEGAS;
  }

  @Override
  protected String implementationName() {
    return "Netflix VEGAS";
  }
}
