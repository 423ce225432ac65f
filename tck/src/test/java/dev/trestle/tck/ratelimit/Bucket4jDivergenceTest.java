package dev.trestle.tck.ratelimit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules Bucket4j is excused from, run as is: they must keep failing for the reasons given. */
class Bucket4jDivergenceTest {

  static final Map<String, String> DEVIATIONS = Map.of(
      "RATE-6.2", "Bucket4j answers a request above the capacity with false, not an exception; see Bucket4jDivergenceTest",
      "RATE-8.2", "Bucket4j answers a request above the capacity with false, not an exception, on every variant (as for 6.2); "
          + "see Bucket4jDivergenceTest",
      "RATE-7.3", "Bucket4j's waiting tryConsume takes the tokens before it parks and keeps them when interrupted; see "
          + "Bucket4jDivergenceTest");

  /** Bucket4j with no rule excused; run only through {@link KitSelfTest}. */
  static final class AsIs extends RateLimiterTck {
    @Override
    protected RateLimiter newLimiter(RateLimiterSpec spec) {
      return new Bucket4jLimiter(spec);
    }

    @Override
    protected RateContract contract() {
      return RateContract.TOKEN_BUCKET;
    }

    @Override
    protected Set<RateLimiterFeature> features() {
      return EnumSet.allOf(RateLimiterFeature.class);
    }

    @Override
    protected String implementationName() {
      return "Bucket4j";
    }
  }

  @Test
  void bucket4jAnswersARequestAboveTheCapacityWithFalse() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RATE-6.2");
    assertTrue(run.failed && run.message.contains("rejected with IllegalArgumentException but saw returned false"), run.toString());
  }

  @Test
  void bucket4jAnswersARequestAboveTheCapacityWithFalseOnEveryVariant() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RATE-8.2");
    assertTrue(run.failed && run.message.contains("rejected with IllegalArgumentException but saw returned false"), run.toString());
  }

  @Test
  void bucket4jKeepsTheTokensOfAnInterruptedWait() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RATE-7.3");
    assertTrue(run.failed && run.message.contains("the interrupted calls took none) (1) but saw 0"), run.toString());
  }

  @Test
  void everyOtherRulePasses() {
    for (String rule : KitSelfTest.ruleIds(RateLimiterTck.class)) {
      if (!DEVIATIONS.containsKey(rule)) {
        RuleRun run = KitSelfTest.run(AsIs.class, rule);
        assertTrue(!run.failed && !run.skipped, run.toString());
      }
    }
  }
}
