package dev.trestle.tck.retry;

import dev.trestle.core.retry.Retry;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;

/**
 * Resilience4j 2.x through an adapter. It sleeps on the real clock (no MANUAL_TICKER, so the
 * backoff rules 4.x, 5.1, 5.3, 6.3 and 9.3 are skipped), its randomized backoffs are not the AWS
 * jitter policies (no JITTER), and it has no caller deadline, overall limit or retry budget (5.x
 * and 6.x skipped). It passes the other 14 rules.
 */
class Resilience4jRetryConformanceTest extends RetryTck {

  private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor();

  @AfterAll
  static void stopThreads() {
    SCHEDULER.shutdownNow();
  }

  @Override
  protected Retry newRetry(RetrySpec spec) {
    return new Resilience4jRetry(spec, SCHEDULER);
  }

  @Override
  protected Set<RetryFeature> features() {
    return EnumSet.of(RetryFeature.ASYNC);
  }
}
