package dev.trestle.tck.hedge;

import dev.trestle.core.hedge.Hedge;
import dev.trestle.core.hedge.HedgeConfig;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's Hedge on the kit's manual ticker and executor: every rule applies. */
class TrestleHedgeConformanceTest extends HedgeTck {

  /**
   * HedgeConfig has no "no budget" setting: when the kit checks no budget, one so large it never
   * binds in the kit's rules (a whole hedge per call, and a million a second of the ticker).
   */
  private static final int UNBOUNDED_PER_SECOND = 1_000_000;

  @Override
  protected Hedge newHedge(HedgeSpec spec) {
    HedgeConfig.Builder config = HedgeConfig.builder()
        .name(spec.name())
        .maxAttempts(spec.maxAttempts())
        .ticker(spec.ticker())
        .executor(spec.executor());
    if (spec.percentileDelay()) {
      config.percentileDelay(spec.percentile(), spec.floor()).latencyWindow(spec.latencyWindow());
    } else {
      config.fixedDelay(spec.fixedDelay());
    }
    if (spec.budget() == null) {
      config.budget(1, UNBOUNDED_PER_SECOND);
    } else {
      config.budget(spec.budget().ratio(), spec.budget().minPerSecond());
    }
    return Hedge.of(config.build());
  }

  @Override
  protected Set<HedgeFeature> features() {
    return EnumSet.allOf(HedgeFeature.class);
  }
}
