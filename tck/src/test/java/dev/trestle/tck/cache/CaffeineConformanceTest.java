package dev.trestle.tck.cache;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CaffeineCache;
import java.util.EnumSet;
import java.util.Set;

/**
 * Caffeine through {@link CaffeineCache} passes the kit on the capabilities it declares: all but
 * the two eviction orders, since its W-TinyLFU policy is neither exact LRU nor plain LFU.
 */
class CaffeineConformanceTest extends CacheTck {

  @Override
  protected <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec) {
    return CaffeineCache.build(spec.toBuilder());
  }

  @Override
  protected Set<CacheFeature> features() {
    return EnumSet.complementOf(EnumSet.of(CacheFeature.LRU_ORDER, CacheFeature.LFU_ORDER));
  }

  @Override
  protected String implementationName() {
    return "Caffeine";
  }

  @Override
  protected java.util.Map<String, String> knownDeviations() {
    return CaffeineLoadTimeDivergenceTest.DEVIATIONS;
  }
}
