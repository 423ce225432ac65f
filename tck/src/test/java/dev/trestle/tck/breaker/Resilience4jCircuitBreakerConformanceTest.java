package dev.trestle.tck.breaker;

import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Resilience4j 2.x through {@link Resilience4jCircuitBreaker}, with every capability it offers on an
 * injected clock. It fails three rules where its documented contract differs by one nanosecond at a
 * boundary (1.7 and 1.10, 2.2), one where it keeps its wait in OPEN in whole milliseconds (2.4), and two on
 * exception paths its decorators do not record: an Error (6.5) and a supplier that throws (6.6);
 * {@link PeerDeviationTest} shows that each really fails.
 */
class Resilience4jCircuitBreakerConformanceTest extends CircuitBreakerTck {

  static final Map<String, String> DEVIATIONS = Map.of(
      "BREAKER-1.7", "a call is slow only when strictly longer than slowCallDurationThreshold (documented: 'above')",
      "BREAKER-1.10", "the same boundary as 1.7 for errors and results: a call is slow only when strictly longer than "
          + "slowCallDurationThreshold",
      "BREAKER-2.2", "OPEN permits a call only once the clock is strictly after the end of the wait, 1 ns late",
      "BREAKER-2.4", "its wait in OPEN goes through an IntervalFunction of whole milliseconds: 1.500250 ms becomes 1 ms",
      "BREAKER-6.5", "its decorators catch Exception only: an Error escapes unrecorded (and its permission is never "
          + "given back, which leaves a trial call of HALF_OPEN outstanding)",
      "BREAKER-6.6", "its decorateCompletionStage records only the stage's outcome: a supplier that throws is never "
          + "recorded");

  @Override
  protected CircuitBreaker newCircuitBreaker(CircuitBreakerConfig config) {
    return new Resilience4jCircuitBreaker(config);
  }

  @Override
  protected Set<CircuitBreakerFeature> features() {
    EnumSet<CircuitBreakerFeature> features = EnumSet.allOf(CircuitBreakerFeature.class);
    // Its CallNotPermittedException does not say when calls will be tried again.
    features.remove(CircuitBreakerFeature.REJECTION_DETAILS);
    // It has maxWaitDurationInHalfOpenState, but times it on a real-time scheduler thread rather
    // than its clock, so the kit's ManualTicker cannot drive it.
    features.remove(CircuitBreakerFeature.MAX_WAIT_IN_HALF_OPEN);
    return features;
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return DEVIATIONS;
  }
}
