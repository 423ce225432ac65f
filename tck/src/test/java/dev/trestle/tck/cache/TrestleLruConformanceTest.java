package dev.trestle.tck.cache;

import dev.trestle.cache.Cache;
import dev.trestle.cache.EvictionPolicy;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's LRU cache passes the kit, with every capability but LFU_ORDER. */
class TrestleLruConformanceTest extends CacheTck {

  @Override
  protected <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec) {
    return spec.toBuilder().policy(EvictionPolicy.LRU).build();
  }

  @Override
  protected Set<CacheFeature> features() {
    return EnumSet.complementOf(EnumSet.of(CacheFeature.LFU_ORDER));
  }
}
