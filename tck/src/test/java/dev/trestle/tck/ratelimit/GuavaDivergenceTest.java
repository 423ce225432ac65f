package dev.trestle.tck.ratelimit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.Ticker;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.Sleeper;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Where Guava's RateLimiter differs from the kit. It runs the rules Guava is excused from, with no
 * excuse, and requires each to keep failing for the reason given. It also pins down the behaviour
 * behind the rules that are skipped: lending to the first request, and a timed
 * {@code tryAcquire} that neither checks its timeout nor stops when interrupted.
 */
class GuavaDivergenceTest {

  static final Map<String, String> DEVIATIONS = Map.of(
      "RATE-6.2", "Guava has no largest request: one above the burst is granted and the next caller pays for it; see "
          + "GuavaDivergenceTest",
      "RATE-8.2", "Guava has no largest request, on any variant (as for 6.2); see GuavaDivergenceTest",
      "RATE-6.3", "Guava takes a rate per second and accepts an infinite one (what 10 per 0 s becomes) as no limit; see "
          + "GuavaDivergenceTest");

  /** The rules Guava passes; with no capability declared, every other rule is skipped or excused. */
  private static final Set<String> PASSED = Set.of("RATE-1.2", "RATE-6.1");

  /** Guava as a token bucket, no rule excused; run only through {@link KitSelfTest}. */
  static class AsIs extends RateLimiterTck {
    @Override
    protected RateLimiter newLimiter(RateLimiterSpec spec) {
      return new GuavaLimiter(spec);
    }

    @Override
    protected RateContract contract() {
      return RateContract.TOKEN_BUCKET;
    }

    @Override
    protected Set<RateLimiterFeature> features() {
      return EnumSet.noneOf(RateLimiterFeature.class);
    }

    @Override
    protected String implementationName() {
      return "Guava";
    }
  }

  /**
   * Guava declared as WAITING, which it is not: it sleeps on its own clock. This is used only for
   * RATE-6.4, whose bad-input checks read no clock.
   */
  static final class AsWaiting extends AsIs {
    @Override
    protected Set<RateLimiterFeature> features() {
      return EnumSet.of(RateLimiterFeature.WAITING);
    }
  }

  private static GuavaLimiter tenPerSecond() {
    return new GuavaLimiter(new RateLimiterSpec(10, Duration.ofSeconds(1), 4, Ticker.system(), Sleeper.system()));
  }

  @Test
  void guavaGrantsARequestAboveTheBurst() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RATE-6.2");
    assertTrue(run.failed && run.message.contains("tryAcquire(5) rejected with IllegalArgumentException but saw returned true"),
        run.toString());
  }

  @Test
  void guavaGrantsARequestAboveTheBurstOnEveryVariant() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RATE-8.2");
    assertTrue(run.failed && run.message.contains("rejected with IllegalArgumentException but saw returned true"), run.toString());
  }

  @Test
  void guavaAcceptsAZeroPeriodAsAnInfiniteRate() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RATE-6.3");
    assertTrue(run.failed && run.message.contains(
        "10 permits per 0 s rejected with IllegalArgumentException but saw returned Guava RateLimiter[stableRate=Infinityqps]"),
        run.toString());
  }

  @Test
  void theRealClockAndBadPermitRulesPassAndTheRestAreSkipped() {
    for (String rule : KitSelfTest.ruleIds(RateLimiterTck.class)) {
      if (!DEVIATIONS.containsKey(rule)) {
        RuleRun run = KitSelfTest.run(AsIs.class, rule);
        assertTrue(PASSED.contains(rule) ? !run.failed && !run.skipped : run.skipped, run.toString());
      }
    }
  }

  /**
   * Guava lends instead of refusing. If nothing is owed, a request of any size is granted at once,
   * and the time it costs is charged to whoever asks next. Here 1,000 permits at 10 per second leave
   * 100 s owed, so a later request is refused even when it offers to wait 5 s.
   */
  @Test
  void theFirstRequestOfAnySizeIsGrantedAndTheNextCallerPays() {
    GuavaLimiter limiter = tenPerSecond();
    assertTrue(limiter.tryAcquire(1_000));
    assertFalse(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire(1, Duration.ofSeconds(5)));
  }

  /** The timed tryAcquire treats a negative timeout as zero instead of rejecting it. */
  @Test
  void aNegativeMaxWaitIsTakenAsZero() {
    RuleRun run = KitSelfTest.run(AsWaiting.class, "RATE-6.4");
    assertTrue(run.failed && run.message.contains("maxWait -1 ms rejected with IllegalArgumentException but saw returned true"),
        run.toString());
  }

  /**
   * A timed tryAcquire sleeps through interruption and keeps its permit; the interrupt status is set
   * again only when it returns. This would fail RATE-7.3, which that rule cannot check here because
   * it needs the kit's ticker. The wait here is about 100 ms of real time.
   */
  @Test
  void anInterruptedTimedAcquireSleepsOnAndKeepsThePermit() {
    GuavaLimiter limiter = tenPerSecond();
    assertTrue(limiter.tryAcquire());
    Thread.currentThread().interrupt();
    boolean got = limiter.tryAcquire(1, Duration.ofSeconds(5));
    boolean stillInterrupted = Thread.interrupted();
    assertTrue(got, "the permit, after sleeping through the interrupt");
    assertTrue(stillInterrupted, "the interrupt status set again on return");
  }
}
