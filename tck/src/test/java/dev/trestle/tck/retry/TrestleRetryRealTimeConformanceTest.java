package dev.trestle.tck.retry;

import dev.trestle.core.retry.Retry;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's Retry with its defaults: system ticker and scheduler, real (short) waits. */
class TrestleRetryRealTimeConformanceTest extends RetryTck {

  @Override
  protected Retry newRetry(RetrySpec spec) {
    return TrestleRetries.build(spec, false);
  }

  @Override
  protected Set<RetryFeature> features() {
    return EnumSet.of(RetryFeature.JITTER, RetryFeature.DEADLINE, RetryFeature.BUDGET, RetryFeature.ASYNC, RetryFeature.METRICS,
        RetryFeature.EVENTS);
  }
}
