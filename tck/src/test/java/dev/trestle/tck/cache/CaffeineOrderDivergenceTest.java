package dev.trestle.tck.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CaffeineCache;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Why Caffeine does not declare LRU_ORDER: W-TinyLFU is not an exact LRU, and the kit sees it. */
class CaffeineOrderDivergenceTest {

  /** Caffeine claiming every capability; run only through {@link KitSelfTest}. */
  static final class ClaimingLru extends CacheTck {
    @Override
    protected <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec) {
      return CaffeineCache.build(spec.toBuilder());
    }

    @Override
    protected Set<CacheFeature> features() {
      return EnumSet.allOf(CacheFeature.class);
    }

    @Override
    protected String implementationName() {
      return "Caffeine";
    }
  }

  @Test
  void caffeineIsNotAnExactLru() {
    RuleRun run = KitSelfTest.run(ClaimingLru.class, "CACHE-3.2");
    assertTrue(run.failed && run.message.startsWith("CACHE-3.2 violated by Caffeine"), run.toString());
  }
}
