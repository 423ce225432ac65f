package dev.trestle.tck.timeout;

import dev.trestle.core.timeout.TimeLimiter;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;

/**
 * Resilience4j 2.x through an adapter. It runs on real time only (it takes no clock), and it has no
 * notion of a caller's deadline, so it declares neither capability.
 */
class Resilience4jTimeLimiterConformanceTest extends TimeLimiterTck {

  private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool();
  private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor();

  @AfterAll
  static void stopThreads() {
    EXECUTOR.shutdownNow();
    SCHEDULER.shutdownNow();
  }

  @Override
  protected TimeLimiter newTimeLimiter(TimeLimiterSpec spec) {
    return new Resilience4jTimeLimiter(spec, EXECUTOR, SCHEDULER);
  }

  @Override
  protected Set<TimeLimiterFeature> features() {
    return EnumSet.of(TimeLimiterFeature.INTERRUPT, TimeLimiterFeature.NO_INTERRUPT, TimeLimiterFeature.ASYNC);
  }
}
