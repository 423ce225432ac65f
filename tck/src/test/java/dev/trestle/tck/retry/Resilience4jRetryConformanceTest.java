package dev.trestle.tck.retry;

import dev.trestle.core.retry.Retry;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;

/**
 * Resilience4j 2.x through an adapter. It sleeps on the real clock (no MANUAL_TICKER, so the
 * backoff rules 4.x, 5.1, 5.3, 6.3 and 9.3 are skipped), its randomized backoffs are not the AWS
 * jitter policies (no JITTER), and it has no caller deadline, overall limit or retry budget (5.x
 * and 6.x skipped).
 *
 * <p>It fails four rules by its own design, excused here with the reasons and kept true by
 * {@link Resilience4jRetryFindingsTest}: RETRY-7.2 (interrupted in its wait, it restores the
 * interrupt status and ends the call with the last attempt's exception, not InterruptedException),
 * RETRY-9.4 (executeCompletionStage calls the supplier outside its stage handling, so a supplier that
 * throws throws out of the call, unretried), RETRY-11.1 (its callable decorator catches Exception
 * only: a call ended by an Error is counted nowhere) and RETRY-11.2 (a call interrupted in its wait
 * is counted nowhere either).
 */
class Resilience4jRetryConformanceTest extends RetryTck {

  // Per test, not per class: AllRules runs the same rules again (from the findings test) in this JVM.
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopThreads() {
    scheduler.shutdownNow();
  }

  @Override
  protected Retry newRetry(RetrySpec spec) {
    return new Resilience4jRetry(spec, scheduler);
  }

  static final Map<String, String> DEVIATIONS = Map.of(
      "RETRY-7.2", "Resilience4j, interrupted in its wait, restores the interrupt status and throws the last attempt's "
          + "exception, not InterruptedException (7.1 allows it; see Resilience4jRetryFindingsTest)",
      "RETRY-9.4", "Resilience4j's executeCompletionStage calls the supplier outside its stage handling: a supplier that "
          + "throws throws out of the call and is not retried (see Resilience4jRetryFindingsTest)",
      "RETRY-11.1", "Resilience4j's callable decorator catches Exception only: a call ended by an Error is counted in no "
          + "metric (see Resilience4jRetryFindingsTest)",
      "RETRY-11.2", "Resilience4j counts a call only when it gives up or succeeds: a call interrupted in its wait is counted "
          + "in no metric (see Resilience4jRetryFindingsTest)");

  @Override
  protected Map<String, String> knownDeviations() {
    return DEVIATIONS;
  }

  /** The same adapter without the excuses, for {@link Resilience4jRetryFindingsTest}. Not run by the build directly. */
  static final class AllRules extends Resilience4jRetryConformanceTest {
    @Override
    protected Map<String, String> knownDeviations() {
      return Map.of();
    }

    @Override
    protected String implementationName() {
      return "Resilience4jRetry";
    }
  }

  @Override
  protected Set<RetryFeature> features() {
    return EnumSet.of(RetryFeature.ASYNC, RetryFeature.METRICS);
  }
}
