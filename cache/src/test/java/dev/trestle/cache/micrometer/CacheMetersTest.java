package dev.trestle.cache.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CacheBuilder;
import dev.trestle.cache.EvictionPolicy;
import dev.trestle.core.ManualTicker;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CacheMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void metersFollowHitsMissesLoadsEvictionsAndSize() {
    ManualTicker ticker = new ManualTicker();
    Cache<String, String> cache = CacheBuilder.<String, String>newBuilder().maximumSize(2).policy(EvictionPolicy.LRU)
        .ticker(ticker).executor(Runnable::run).recordStats().build();
    new CacheMeters(cache, "users", Tags.of("tier", "local")).bindTo(registry);

    cache.get("a", k -> {
      ticker.advance(5, TimeUnit.MILLISECONDS);
      return "A";
    });
    cache.getIfPresent("a");
    cache.getIfPresent("b");
    cache.put("b", "B");
    cache.put("c", "C");
    cache.cleanUp();

    assertEquals(1, registry.get("cache.gets").tags("cache", "users", "tier", "local", "result", "hit").functionCounter().count());
    assertEquals(2, registry.get("cache.gets").tags("result", "miss").functionCounter().count());
    assertEquals(1, registry.get("cache.puts").functionCounter().count());
    assertEquals(1, registry.get("cache.evictions").functionCounter().count());
    assertEquals(2, registry.get("cache.size").gauge().value());
    assertEquals(1, registry.get("cache.eviction.weight").functionCounter().count());
    assertEquals(1, registry.get("cache.load").tags("result", "success").functionCounter().count());
    assertEquals(0, registry.get("cache.load").tags("result", "failure").functionCounter().count());
    assertEquals(1, registry.get("cache.load.duration").functionTimer().count());
    assertEquals(5, registry.get("cache.load.duration").functionTimer().totalTime(TimeUnit.MILLISECONDS), 1e-9);
  }

  @Test
  void aBlankNameIsRefused() {
    Cache<String, String> cache = Cache.lru(10);
    assertEquals("name must not be blank, was \"\"",
        assertThrows(IllegalArgumentException.class, () -> new CacheMeters(cache, "")).getMessage());
  }
}
