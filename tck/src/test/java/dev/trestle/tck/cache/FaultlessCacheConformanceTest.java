package dev.trestle.tck.cache;

/** The faultless FaultyCache passes every rule it declares, so each fault alone is what the self-test catches. */
class FaultlessCacheConformanceTest extends CacheTck {

  @Override
  protected <K, V> dev.trestle.cache.Cache<K, V> newCache(CacheSpec<K, V> spec) {
    return new FaultyCache<>(null, spec);
  }

  @Override
  protected java.util.Set<CacheFeature> features() {
    return BrokenCaches.features();
  }
}
