package dev.trestle.tck.retry;

import dev.trestle.core.retry.Retry;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's Retry on the kit's manual ticker: every rule applies, every backoff policy is measured. */
class TrestleRetryConformanceTest extends RetryTck {

  @Override
  protected Retry newRetry(RetrySpec spec) {
    return TrestleRetries.build(spec, true);
  }

  @Override
  protected Set<RetryFeature> features() {
    return EnumSet.allOf(RetryFeature.class);
  }
}
