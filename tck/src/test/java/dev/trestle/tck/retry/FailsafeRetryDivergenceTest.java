package dev.trestle.tck.retry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.retry.Retry;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The one rule Failsafe fails, run as is: it must keep failing for the reason documented. */
class FailsafeRetryDivergenceTest {

  /** Failsafe with no rule disabled; run only through {@link KitSelfTest}. */
  static final class AsIs extends RetryTck {
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "failsafe-divergence");
      thread.setDaemon(true);
      return thread;
    });

    @Override
    protected Retry newRetry(RetrySpec spec) {
      return new FailsafeRetry(spec, SCHEDULER);
    }

    @Override
    protected Set<RetryFeature> features() {
      return EnumSet.of(RetryFeature.ASYNC);
    }

    @Override
    protected String implementationName() {
      return "Failsafe";
    }
  }

  @Test
  void failsafeTakesMaxAttemptsOfMinusOneAsUnlimited() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RETRY-8.2");
    assertTrue(run.failed && run.message.contains("maxAttempts -1 but saw a retry was built"), run.toString());
  }

  @Test
  void failsafeRethrowsItsSleepsInterruptedExceptionWithoutTheLastFailure() {
    RuleRun run = KitSelfTest.run(AsIs.class, "RETRY-7.2");
    assertTrue(run.failed && run.message.contains("but saw threw java.lang.InterruptedException: sleep interrupted suppressing []"),
        run.toString());
  }
}
