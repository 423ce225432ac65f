package example;

import dev.trestle.cache.Cache;
import dev.trestle.tck.cache.CacheFeature;
import dev.trestle.tck.cache.CacheSpec;
import dev.trestle.tck.cache.CacheTck;
import java.util.EnumSet;
import java.util.Set;

class NaiveLruCacheConformanceTest extends CacheTck {

  @Override
  protected <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec) {
    return new NaiveLruCache<>(spec.maximumSize());
  }

  @Override
  protected Set<CacheFeature> features() {
    return EnumSet.of(CacheFeature.LRU_ORDER, CacheFeature.LOADING, CacheFeature.STATS);
  }
}
