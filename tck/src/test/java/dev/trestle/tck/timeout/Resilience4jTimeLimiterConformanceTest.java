package dev.trestle.tck.timeout;

import dev.trestle.core.timeout.TimeLimiter;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;

/**
 * Resilience4j 2.x through an adapter. It runs on real time only (it takes no clock), and it has no
 * notion of a caller's deadline, so it declares neither capability.
 *
 * <p>It fails TIMEOUT-8.4: a caller interrupted while it waits leaves the task running, since
 * {@code cancelRunningFuture} applies to a timeout only. The rule is excused here (reported as
 * skipped, with the reason), and {@link Resilience4jTimeLimiterFindingsTest} requires that it still
 * fails, so that a fix upstream shows up.
 */
class Resilience4jTimeLimiterConformanceTest extends TimeLimiterTck {

  // Per test, not per class: AllRules runs the same rules again (from the findings test) in this JVM.
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopThreads() {
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  @Override
  protected TimeLimiter newTimeLimiter(TimeLimiterSpec spec) {
    return new Resilience4jTimeLimiter(spec, executor, scheduler);
  }

  @Override
  protected Set<TimeLimiterFeature> features() {
    return EnumSet.of(TimeLimiterFeature.INTERRUPT, TimeLimiterFeature.NO_INTERRUPT, TimeLimiterFeature.ASYNC);
  }

  static final String INTERRUPTED_CALLER = "Resilience4j fails it: cancelRunningFuture is documented for a timeout only; "
      + "when the caller is interrupted in Future.get the InterruptedException passes through and the future runs on "
      + "(Resilience4jTimeLimiterFindingsTest requires that it still fails)";

  @Override
  protected Map<String, String> knownDeviations() {
    return Map.of("TIMEOUT-8.4", INTERRUPTED_CALLER);
  }

  /** The same adapter without the excuse, for {@link Resilience4jTimeLimiterFindingsTest}. Not run by the build directly. */
  static final class AllRules extends Resilience4jTimeLimiterConformanceTest {
    @Override
    protected Map<String, String> knownDeviations() {
      return Map.of();
    }

    @Override
    protected String implementationName() {
      return "Resilience4jTimeLimiter";
    }
  }
}
