package dev.trestle.tck.timeout;

import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's TimeLimiter on the kit's manual ticker: every rule applies. */
class TrestleTimeLimiterConformanceTest extends TimeLimiterTck {

  @Override
  protected TimeLimiter newTimeLimiter(TimeLimiterSpec spec) {
    return TimeLimiter.of(TimeLimiterConfig.builder()
        .timeout(spec.timeout())
        .interruptOnTimeout(spec.interruptOnTimeout())
        .ticker(spec.ticker())
        .build());
  }

  @Override
  protected Set<TimeLimiterFeature> features() {
    return EnumSet.allOf(TimeLimiterFeature.class);
  }
}
