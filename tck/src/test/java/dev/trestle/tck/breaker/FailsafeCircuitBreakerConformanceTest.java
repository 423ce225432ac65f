package dev.trestle.tck.breaker;

import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Failsafe 3.x through {@link FailsafeCircuitBreaker}. Failsafe reads {@code System.nanoTime()}
 * itself, so no rule that needs the kit's ticker runs; nor do those for capabilities it lacks. Of
 * the rest it deviates from eight, listed with their reasons; {@link PeerDeviationTest} shows each
 * really fails.
 */
class FailsafeCircuitBreakerConformanceTest extends CircuitBreakerTck {

  static final Map<String, String> DEVIATIONS = Map.of(
      "BREAKER-1.2", "no minimum number of calls: withFailureThreshold(5, 10) opens on the 5th failure, before the window holds 10 calls",
      "BREAKER-1.8", "the same missing minimum: withFailureThreshold(5, 10) opens on the 5th failure, so the kit's 9 failures "
          + "are refused before the success that would reach the minimum",
      "BREAKER-5.4", "the same missing minimum: after close(), 5 failures reopen it before the window holds 10 calls",
      "BREAKER-6.1", "a checked exception thrown by the task reaches the caller wrapped in FailsafeException",
      "BREAKER-6.8", "getStageAsync treats a supplier that returns null instead of a stage as a call that returned null: "
          + "the result completes normally with null",
      "BREAKER-7.1", "it reports a failure rate (100%) before the window holds the minimum number of calls",
      "BREAKER-7.3", "it has no event for rejected calls (only onOpen, onHalfOpen, onClose)",
      "BREAKER-7.4", "it keeps no count of rejected calls (the adapter can only report 0)");

  @Override
  protected CircuitBreaker newCircuitBreaker(CircuitBreakerConfig config) {
    return new FailsafeCircuitBreaker(config);
  }

  @Override
  protected Set<CircuitBreakerFeature> features() {
    return EnumSet.of(CircuitBreakerFeature.RECORD_EXCEPTIONS, CircuitBreakerFeature.RECORD_RESULT,
        CircuitBreakerFeature.METRICS, CircuitBreakerFeature.LISTENER, CircuitBreakerFeature.ASYNC);
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return DEVIATIONS;
  }
}
