package dev.trestle.tck.retry;

import dev.trestle.core.retry.Retry;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;

/**
 * Failsafe 3.x through an adapter. It sleeps on the real clock (no MANUAL_TICKER: 4.x, 5.1, 5.3,
 * 6.3 and 9.3 skipped; its withMaxDuration runs on real time only), its jitter is not the AWS
 * policies (no JITTER), and it has no caller deadline or retry budget (5.x, 6.x skipped).
 *
 * <p>It fails one rule, by design: RETRY-8.2, because {@code withMaxAttempts(-1)} means unlimited
 * attempts in Failsafe's documented contract (0 is rejected). That rule is excused here (reported as
 * skipped with the reason), and {@link FailsafeRetryDivergenceTest} checks that it really fails, so this note
 * cannot go stale. It also fails RETRY-7.2: interrupted in its wait, it rethrows the sleep's own
 * InterruptedException, which does not carry the last failure as a suppressed exception; excused
 * and checked the same way.
 */
class FailsafeRetryConformanceTest extends RetryTck {

  private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor();

  @AfterAll
  static void stopThreads() {
    SCHEDULER.shutdownNow();
  }

  @Override
  protected Retry newRetry(RetrySpec spec) {
    return new FailsafeRetry(spec, SCHEDULER);
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return Map.of("RETRY-8.2", "Failsafe documents withMaxAttempts(-1) as unlimited attempts; see FailsafeRetryDivergenceTest",
        "RETRY-7.2", "Failsafe, interrupted in its wait, rethrows its sleep's own InterruptedException with the status set "
            + "but with no link to the last failure; see FailsafeRetryDivergenceTest");
  }

  @Override
  protected Set<RetryFeature> features() {
    return EnumSet.of(RetryFeature.ASYNC);
  }
}
