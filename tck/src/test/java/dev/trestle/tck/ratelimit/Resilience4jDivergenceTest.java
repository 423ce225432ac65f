package dev.trestle.tck.ratelimit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules Resilience4j is excused from, run as is: they must keep failing for the reasons given;
 * and its fixed window, declared as an exact sliding window, fails the window rule.
 */
class Resilience4jDivergenceTest {

  static final Map<String, String> DEVIATIONS = Map.of(
      "RATE-6.1", "Resilience4j does not validate permits: acquirePermission(0) returns true; see Resilience4jDivergenceTest",
      "RATE-6.2", "Resilience4j answers a request above limitForPeriod with false, not an exception; see "
          + "Resilience4jDivergenceTest",
      "RATE-8.2", "Resilience4j answers a request above limitForPeriod with false, not an exception, on every variant "
          + "(as for 6.2); see Resilience4jDivergenceTest");

  /** Resilience4j as a fixed window, no rule excused; run only through {@link KitSelfTest}. */
  static final class AsIs extends RateLimiterTck {
    @Override
    protected RateLimiter newLimiter(RateLimiterSpec spec) {
      return new Resilience4jLimiter(spec);
    }

    @Override
    protected RateContract contract() {
      return RateContract.FIXED_WINDOW;
    }

    @Override
    protected Set<RateLimiterFeature> features() {
      return EnumSet.of(RateLimiterFeature.MANUAL_TICKER);
    }

    @Override
    protected String implementationName() {
      return "Resilience4j";
    }
  }

  /** Resilience4j claimed to be an exact sliding window, which it is not. */
  static final class AsSlidingWindow extends RateLimiterTck {
    @Override
    protected RateLimiter newLimiter(RateLimiterSpec spec) {
      return new Resilience4jLimiter(spec);
    }

    @Override
    protected RateContract contract() {
      return RateContract.SLIDING_WINDOW;
    }

    @Override
    protected Set<RateLimiterFeature> features() {
      return EnumSet.of(RateLimiterFeature.MANUAL_TICKER);
    }

    @Override
    protected String implementationName() {
      return "Resilience4j";
    }
  }

  @Test
  void resilience4jAdmitsARequestForZeroPermits() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RATE-6.1");
    assertTrue(run.failed && run.message.contains("tryAcquire(0) rejected with IllegalArgumentException but saw returned true"),
        run.toString());
  }

  @Test
  void resilience4jAnswersARequestAboveTheLimitWithFalse() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RATE-6.2");
    assertTrue(run.failed && run.message.contains("rejected with IllegalArgumentException but saw returned false"), run.toString());
  }

  @Test
  void resilience4jLetsTwiceTheLimitThroughAroundACycleBoundary() {
    RuleRun run = KitSelfTest.run(AsSlidingWindow.class, "RATE-1.1");
    assertTrue(run.failed && run.message.contains("20 permits in the window"), run.toString());
  }

  @Test
  void resilience4jAnswersARequestAboveTheLimitWithFalseOnEveryVariant() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RATE-8.2");
    assertTrue(run.failed && run.message.contains("rejected with IllegalArgumentException but saw returned false"), run.toString());
  }
}
