package dev.trestle.tck.timeout;

import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's TimeLimiter with its defaults: system ticker and scheduler, shared workers. */
class TrestleTimeLimiterRealTimeConformanceTest extends TimeLimiterTck {

  @Override
  protected TimeLimiter newTimeLimiter(TimeLimiterSpec spec) {
    return TimeLimiter.of(TimeLimiterConfig.builder()
        .timeout(spec.timeout())
        .interruptOnTimeout(spec.interruptOnTimeout())
        .build());
  }

  @Override
  protected Set<TimeLimiterFeature> features() {
    return EnumSet.complementOf(EnumSet.of(TimeLimiterFeature.MANUAL_TICKER));
  }
}
