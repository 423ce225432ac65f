package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimiter;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Guava's SmoothBursty {@code RateLimiter} (33.x) run through the kit by way of {@link GuavaLimiter}.
 *
 * <p>It claims {@code TOKEN_BUCKET}, which is the closest contract: unused time is stored as
 * permits that are handed out at once, and the rest come at a steady rate. It differs from the
 * contract in three ways. The capacity is one second of permits, whatever burst the spec asks for.
 * The bucket starts empty. And it lends: if nothing is owed, a request of any size is granted at
 * once and the next caller waits until it is paid off, so a fresh limiter at a frozen clock admits
 * one request and an idle one admits its capacity plus one request.
 *
 * <p>It declares no capability. Guava's clock can only be replaced from inside its own package,
 * because the {@code SleepingStopwatch} it reads is package-private. Tests in this module put no
 * classes in Guava's package, because they may run on the module path, where Guava's module owns
 * that package. So it does not declare {@code MANUAL_TICKER}, and every rule that needs it is
 * skipped: 1.1, 2.x, 3.1, 3.2, 4.1, 5.1 and 7.x. Its timed {@code tryAcquire} sleeps on the system
 * clock, so {@code WAITING} is not declared either (6.4 is skipped). It has no probe, so
 * {@code PROBE} is not declared (3.3 is skipped).
 *
 * <p>If the clock could be injected, the exact rules would find more. This was measured once with
 * a throwaway stopwatch placed in Guava's package, which is not kept in this tree. Time is read in
 * whole microseconds, and each wait is rounded down to a whole microsecond. At 3 per second every
 * permit therefore comes 1 µs early and the error adds up: the ninth permit arrives at 2,999,997 µs,
 * not 3 s (what 2.2 checks). A fresh limiter admits one request, not B (2.1). After 200 idle years it
 * admits its capacity plus one request again, so idle time does not overflow it.
 *
 * <p>It passes 1.2 (the real-clock bound; steady demand leaves no idle time to store permits) and
 * 6.1. Two rules are excused, and {@link GuavaDivergenceTest} checks that both still fail.
 * RATE-6.2: a request above the burst is granted, not rejected. RATE-6.3: a zero period becomes an
 * infinite rate, which Guava accepts.
 */
class GuavaConformanceTest extends RateLimiterTck {

  @Override
  protected RateLimiter newLimiter(RateLimiterSpec spec) {
    return new GuavaLimiter(spec);
  }

  @Override
  protected RateContract contract() {
    return RateContract.TOKEN_BUCKET;
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return GuavaDivergenceTest.DEVIATIONS;
  }

  @Override
  protected Set<RateLimiterFeature> features() {
    return EnumSet.noneOf(RateLimiterFeature.class);
  }
}
