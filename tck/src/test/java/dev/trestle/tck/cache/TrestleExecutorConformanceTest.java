package dev.trestle.tck.cache;

import dev.trestle.cache.Cache;
import dev.trestle.cache.EvictionPolicy;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Trestle's LRU cache with maintenance on an executor (the common pool) still passes every rule it
 * declares; REMOVAL_LISTENER is not declared because evictions are then told on the executor's
 * thread, not before {@code cleanUp()} returns.
 */
class TrestleExecutorConformanceTest extends CacheTck {

  @Override
  protected <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec) {
    return spec.toBuilder().policy(EvictionPolicy.LRU).executor(ForkJoinPool.commonPool()).build();
  }

  @Override
  protected Set<CacheFeature> features() {
    return EnumSet.of(CacheFeature.LRU_ORDER, CacheFeature.EXPIRY, CacheFeature.SCHEDULED_EXPIRY, CacheFeature.WEIGHTS,
        CacheFeature.LOADING, CacheFeature.STATS);
  }
}
