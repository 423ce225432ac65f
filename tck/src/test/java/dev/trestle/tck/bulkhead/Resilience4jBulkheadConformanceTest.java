package dev.trestle.tck.bulkhead;

import dev.trestle.core.bulkhead.Bulkhead;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Resilience4j 2.x's SemaphoreBulkhead through an adapter. It takes no clock, so it does not declare
 * MANUAL_TICKER (BULKHEAD-3.3 is skipped and 3.2 runs on a short real wait); its fair mode is a fair
 * {@link java.util.concurrent.Semaphore}, so it declares FAIR; it decorates CompletionStages, so ASYNC.
 *
 * <p>It fails BULKHEAD-8.3: its {@code tryAcquirePermission()} cannot throw InterruptedException, so an
 * interrupted wait is a plain false (with the interrupt status set).
 *
 * <p>It fails BULKHEAD-6.2: {@code releasePermission()} is a bare {@code Semaphore.release()}, so a
 * release without a permit raises the limit for good. That rule is excused here (reported as skipped, with the reason),
 * and {@link Resilience4jBulkheadFindingsTest} requires that it still fails, so that a fix upstream
 * shows up.
 */
class Resilience4jBulkheadConformanceTest extends BulkheadTck {

  @Override
  protected Bulkhead newBulkhead(BulkheadSpec spec) {
    return new Resilience4jBulkhead(spec);
  }

  @Override
  protected Set<BulkheadFeature> features() {
    return EnumSet.of(BulkheadFeature.FAIR, BulkheadFeature.ASYNC);
  }

  static final String STRAY_RELEASE = "Resilience4j fails it: releasePermission() is a bare Semaphore.release(), so a release "
      + "without a permit raises the limit for good (Resilience4jBulkheadFindingsTest requires that it still fails)";

  static final String INTERRUPTED_TRY_ACQUIRE = "Resilience4j fails it: its tryAcquirePermission() declares no "
      + "InterruptedException, and reports a wait cut short by an interrupt as false with the interrupt status set "
      + "(Resilience4jBulkheadFindingsTest requires that it still fails)";

  @Override
  protected Map<String, String> knownDeviations() {
    return Map.of("BULKHEAD-6.2", STRAY_RELEASE, "BULKHEAD-8.3", INTERRUPTED_TRY_ACQUIRE);
  }

  /** The same adapter without the excuse, for {@link Resilience4jBulkheadFindingsTest}. Not run by the build directly. */
  static final class AllRules extends Resilience4jBulkheadConformanceTest {
    @Override
    protected Map<String, String> knownDeviations() {
      return Map.of();
    }

    @Override
    protected String implementationName() {
      return "Resilience4jBulkhead";
    }
  }
}
