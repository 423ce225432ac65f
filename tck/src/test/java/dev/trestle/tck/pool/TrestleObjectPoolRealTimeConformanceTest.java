package dev.trestle.tck.pool;

import dev.trestle.pool.Allocator;
import dev.trestle.pool.ObjectPool;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's pool on the system ticker: the timeout rules run on real (short) timeouts too. */
class TrestleObjectPoolRealTimeConformanceTest extends ObjectPoolTck {

  @Override
  protected ObjectPool<Probe> newPool(Allocator<Probe> allocator, PoolSpec spec) {
    return TrestleObjectPoolConformanceTest.trestle(allocator, spec);
  }

  @Override
  protected Set<PoolFeature> features() {
    return EnumSet.of(PoolFeature.VALIDATION, PoolFeature.FAIR, PoolFeature.GRACEFUL_SHUTDOWN, PoolFeature.STATS,
        PoolFeature.CREATION_TIMEOUT);
  }
}
