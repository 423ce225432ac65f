package dev.trestle.tck.cache;

import dev.trestle.cache.Cache;
import dev.trestle.cache.EvictionPolicy;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's default cache, the adaptive window TinyLFU, passes the kit, with every capability but LRU_ORDER. */
class TrestleAdaptiveConformanceTest extends CacheTck {

  @Override
  protected <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec) {
    return spec.toBuilder().policy(EvictionPolicy.ADAPTIVE).build();
  }

  @Override
  protected Set<CacheFeature> features() {
    return EnumSet.complementOf(EnumSet.of(CacheFeature.LRU_ORDER));
  }
}
