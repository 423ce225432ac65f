package dev.trestle.tck.bulkhead;

import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.bulkhead.BulkheadConfig;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's Bulkhead on the kit's manual ticker: every rule applies. */
class TrestleBulkheadConformanceTest extends BulkheadTck {

  @Override
  protected Bulkhead newBulkhead(BulkheadSpec spec) {
    return Bulkhead.of(BulkheadConfig.builder()
        .name(spec.name())
        .maxConcurrentCalls(spec.maxConcurrentCalls())
        .maxWait(spec.maxWait())
        .fair(spec.fair())
        .ticker(spec.ticker())
        .build());
  }

  @Override
  protected Set<BulkheadFeature> features() {
    return EnumSet.allOf(BulkheadFeature.class);
  }
}
