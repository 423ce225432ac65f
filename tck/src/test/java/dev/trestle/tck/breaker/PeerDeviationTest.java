package dev.trestle.tck.breaker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves that every rule a peer is excused from really fails for it, so the excuse lists in the
 * peers' conformance tests cannot hide a rule the peer passes.
 */
class PeerDeviationTest {

  /** Resilience4j without its excuses. */
  static final class Resilience4jUnexcused extends Resilience4jCircuitBreakerConformanceTest {
    @Override
    protected Map<String, String> knownDeviations() {
      return Map.of();
    }
  }

  /** Failsafe without its excuses. */
  static final class FailsafeUnexcused extends FailsafeCircuitBreakerConformanceTest {
    @Override
    protected Map<String, String> knownDeviations() {
      return Map.of();
    }
  }

  @TestFactory
  Stream<DynamicTest> failsafeFailsEachRuleItIsExcusedFrom() {
    return failsEach(FailsafeUnexcused.class, FailsafeCircuitBreakerConformanceTest.DEVIATIONS, "Failsafe");
  }

  @TestFactory
  Stream<DynamicTest> resilience4jFailsEachRuleItIsExcusedFrom() {
    return failsEach(Resilience4jUnexcused.class, Resilience4jCircuitBreakerConformanceTest.DEVIATIONS, "Resilience4j");
  }

  static Stream<DynamicTest> failsEach(Class<?> unexcused, Map<String, String> deviations, String peer) {
    return deviations.keySet().stream().sorted().map(rule -> DynamicTest.dynamicTest(peer + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(unexcused, rule);
      assertTrue(run.failed, peer + " is excused from " + rule + " but " + run);
    }));
  }
}
