package dev.trestle.tck.breaker;

import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's circuit breaker on the kit's manual ticker: every rule applies. */
class TrestleCircuitBreakerConformanceTest extends CircuitBreakerTck {

  @Override
  protected CircuitBreaker newCircuitBreaker(CircuitBreakerConfig config) {
    return CircuitBreaker.of(config);
  }

  @Override
  protected Set<CircuitBreakerFeature> features() {
    return EnumSet.allOf(CircuitBreakerFeature.class);
  }
}
