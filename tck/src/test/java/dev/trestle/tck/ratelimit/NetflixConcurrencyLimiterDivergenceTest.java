package dev.trestle.tck.ratelimit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import dev.trestle.tck.ratelimit.NetflixConcurrencyLimiter.Algorithm;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules Netflix's limits are excused from, run as is: they must keep failing for the reasons given. */
class NetflixConcurrencyLimiterDivergenceTest {

  /** Netflix's limiter with {@code algorithm} and no rule excused; run only through {@link KitSelfTest}. */
  abstract static class AsIs extends ConcurrencyLimiterTck {
    private final Algorithm algorithm;

    AsIs(Algorithm algorithm) {
      this.algorithm = algorithm;
    }

    @Override
    protected ConcurrencyLimiter newLimiter(ConcurrencyLimiterSpec spec) {
      return new NetflixConcurrencyLimiter(algorithm, spec);
    }

    @Override
    protected Set<ConcurrencyLimiterFeature> features() {
      return algorithm == Algorithm.AIMD ? EnumSet.of(ConcurrencyLimiterFeature.ADAPTIVE)
          : EnumSet.of(ConcurrencyLimiterFeature.ADAPTIVE, ConcurrencyLimiterFeature.LATENCY);
    }

    @Override
    protected String implementationName() {
      return "Netflix " + algorithm;
    }
  }

  static final class Aimd extends AsIs { Aimd() { super(Algorithm.AIMD); } }
  static final class Gradient2 extends AsIs { Gradient2() { super(Algorithm.GRADIENT2); } }
  static final class Vegas extends AsIs { Vegas() { super(Algorithm.VEGAS); } }

  static final String NOT_IDEMPOTENT = "Netflix's listener is not idempotent: each completion decrements the calls in "
      + "flight again (four completions of one call leave -1 in flight); see NetflixConcurrencyLimiterDivergenceTest";

  static final Map<String, String> AIMD = Map.of("CONCURRENCY-1.3", NOT_IDEMPOTENT);

  static final Map<String, String> GRADIENT2 = Map.of(
      "CONCURRENCY-1.3", NOT_IDEMPOTENT,
      "CONCURRENCY-2.1", "Netflix's Gradient2 ignores drops (its limit rose to its maximum while every call was dropped); "
          + "see NetflixConcurrencyLimiterDivergenceTest",
      "CONCURRENCY-2.4", "Netflix's Gradient2 divides 0 by 0 on a round trip of 0 ns and its limit becomes 0, below its "
          + "minimum; see NetflixConcurrencyLimiterDivergenceTest");

  static final Map<String, String> VEGAS = Map.of(
      "CONCURRENCY-1.3", NOT_IDEMPOTENT,
      "CONCURRENCY-2.1", "Netflix's Vegas has no minimum limit: drops take it to 1, below the spec's 2; see "
          + "NetflixConcurrencyLimiterDivergenceTest",
      "CONCURRENCY-2.4", "Netflix's Vegas throws IllegalArgumentException from onSuccess on a round trip of 0 ns; see "
          + "NetflixConcurrencyLimiterDivergenceTest",
      "CONCURRENCY-3.1", "Netflix's Vegas has no minimum limit: the drop of a task's TimeoutException takes it below the "
          + "spec's 2; see NetflixConcurrencyLimiterDivergenceTest");

  private static void fails(Class<?> kit, String rule, String expected) {
    RuleRun run = KitSelfTest.run(kit, rule);
    assertTrue(run.failed && run.message.contains(expected), run.toString());
  }

  @Test
  void everyNetflixListenerFreesASlotOnEachCompletion() {
    for (Class<?> kit : List.of(Aimd.class, Gradient2.class, Vegas.class)) {
      fails(kit, "CONCURRENCY-1.3", "after one call was completed four times (2) but saw -1");
    }
  }

  @Test
  void gradient2IgnoresDrops() {
    fails(Gradient2.class, "CONCURRENCY-2.1", "every call was dropped but saw 100");
  }

  @Test
  void gradient2sLimitBecomesZeroOnARoundTripOf0ns() {
    fails(Gradient2.class, "CONCURRENCY-2.4", "(round trip 0 ns) but saw 0");
  }

  @Test
  void vegasHasNoMinimumLimit() {
    fails(Vegas.class, "CONCURRENCY-2.1", "expected a limit within [2, 100] after round 0 of drops but saw 1");
    fails(Vegas.class, "CONCURRENCY-3.1", "the full limit admitted afterwards (2) but saw 1");
  }

  @Test
  void vegasThrowsOnARoundTripOf0ns() {
    fails(Vegas.class, "CONCURRENCY-2.4", "rtt must be >0 but got 0");
  }

  @Test
  void everyOtherRulePassesOrIsSkippedForAnUndeclaredCapability() {
    Map<Class<?>, Map<String, String>> excused = Map.of(Aimd.class, AIMD, Gradient2.class, GRADIENT2, Vegas.class, VEGAS);
    for (Map.Entry<Class<?>, Map<String, String>> kit : excused.entrySet()) {
      for (String rule : KitSelfTest.ruleIds(ConcurrencyLimiterTck.class)) {
        if (!kit.getValue().containsKey(rule)) {
          RuleRun run = KitSelfTest.run(kit.getKey(), rule);
          assertTrue(!run.failed && (!run.skipped || run.message.contains("does not declare")), run.toString());
        }
      }
    }
  }
}
