package example;

import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import dev.trestle.tck.timeout.TimeLimiterFeature;
import dev.trestle.tck.timeout.TimeLimiterSpec;
import dev.trestle.tck.timeout.TimeLimiterTck;
import java.util.EnumSet;
import java.util.Set;

/** The README's kit example, from a project of its own: trestle-tck through the BOM. */
class TimeLimiterConformanceTest extends TimeLimiterTck {

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
