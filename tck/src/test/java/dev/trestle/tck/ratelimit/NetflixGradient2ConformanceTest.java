package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.tck.ratelimit.NetflixConcurrencyLimiter.Algorithm;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Netflix concurrency-limits' SimpleLimiter over its GRADIENT2 limit, through {@link NetflixConcurrencyLimiter};
 * the rules it is excused from are listed, and shown to fail, in {@link NetflixConcurrencyLimiterDivergenceTest}.
 */
class NetflixGradient2ConformanceTest extends ConcurrencyLimiterTck {

  private final NetflixConcurrencyLimiterDivergenceTest.Gradient2 asIs = new NetflixConcurrencyLimiterDivergenceTest.Gradient2();

  @Override
  protected ConcurrencyLimiter newLimiter(ConcurrencyLimiterSpec spec) {
    return new NetflixConcurrencyLimiter(Algorithm.GRADIENT2, spec);
  }

  @Override
  protected Set<ConcurrencyLimiterFeature> features() {
    return asIs.features();
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return NetflixConcurrencyLimiterDivergenceTest.GRADIENT2;
  }

  @Override
  protected String implementationName() {
    return "Netflix GRADIENT2";
  }
}
