package dev.trestle.tck.bulkhead;

import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.bulkhead.BulkheadConfig;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's Bulkhead on the system ticker, where a waiting thread's timed park is the timer. */
class TrestleBulkheadRealTimeConformanceTest extends BulkheadTck {

  @Override
  protected Bulkhead newBulkhead(BulkheadSpec spec) {
    return Bulkhead.of(BulkheadConfig.builder()
        .name(spec.name())
        .maxConcurrentCalls(spec.maxConcurrentCalls())
        .maxWait(spec.maxWait())
        .fair(spec.fair())
        .build());
  }

  @Override
  protected Set<BulkheadFeature> features() {
    return EnumSet.of(BulkheadFeature.FAIR, BulkheadFeature.ASYNC);
  }
}
