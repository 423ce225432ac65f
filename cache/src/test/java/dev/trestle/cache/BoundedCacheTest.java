package dev.trestle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Implementation-specific behaviour of the Trestle caches; the contract is checked by the CacheTck. */
class BoundedCacheTest {

  @Test
  void lruEvictsTheLeastRecentlyUsedAndThePolicyViewShowsTheOrder() {
    Cache<Integer, String> cache = Cache.lru(3);
    cache.put(1, "a");
    cache.put(2, "b");
    cache.put(3, "c");
    cache.getIfPresent(1);
    cache.put(4, "d");
    cache.cleanUp();
    assertNull(cache.getIfPresent(2));
    assertEquals(List.of(3, 1, 4), new ArrayList<>(cache.policy().coldest(10).keySet()));
    assertEquals(List.of(4, 1), new ArrayList<>(cache.policy().hottest(2).keySet()));
  }

  @Test
  void lfuKeepsFrequentEntriesThroughAStreamOfOneHitWonders() {
    Cache<Integer, Integer> cache = Cache.lfu(10);
    for (int key = 0; key < 10; key++) {
      cache.put(key, key);
      for (int i = 0; i < 5; i++) {
        cache.getIfPresent(key);
      }
    }
    for (int key = 100; key < 200; key++) {
      cache.put(key, key);
    }
    cache.cleanUp();
    for (int key = 0; key < 10; key++) {
      assertEquals(key, cache.getIfPresent(key), "hot key " + key + " was flushed");
    }
  }

  @Test
  void lfuVictimIsTheLeastFrequentTiesByRecency() {
    BoundedCache<Integer, Integer> cache = (BoundedCache<Integer, Integer>) Cache.<Integer, Integer>lfu(100);
    for (int key = 0; key < 5; key++) {
      cache.put(key, key);
      for (int i = 0; i < key; i++) {
        cache.getIfPresent(key);
      }
    }
    cache.cleanUp();
    assertEquals(List.of(0, 1, 2, 3, 4), new ArrayList<>(cache.policy().coldest(5).keySet()));
    cache.getIfPresent(0);
    cache.getIfPresent(0);
    cache.getIfPresent(0); // 0 now has 4 like 3, and reached it later: 3 goes first
    cache.cleanUp();
    assertEquals(List.of(1, 2, 3, 0, 4), new ArrayList<>(cache.policy().coldest(5).keySet()));
  }

  @Test
  void lfuAgesSoAnOnceHotEntryLosesItsLead() {
    Cache<Integer, Integer> cache = Cache.lfu(4);
    cache.put(-1, -1);
    for (int i = 0; i < 15; i++) {
      cache.getIfPresent(-1); // hot once, then never again
    }
    // a new popular set: each key read often enough, long enough for several aging periods (10 x 4 records each)
    for (int round = 0; round < 200; round++) {
      for (int key = 0; key < 4; key++) {
        if (cache.getIfPresent(key) == null) {
          cache.put(key, key);
        }
      }
    }
    cache.cleanUp();
    assertNull(cache.getIfPresent(-1), "the once-hot entry should have aged out");
    assertEquals(4, cache.estimatedSize());
  }

  @Test
  void sizeStaysWithinTheBoundOnceMaintenanceHasRun() {
    for (EvictionPolicy policy : EvictionPolicy.values()) {
      Cache<Integer, Integer> cache = CacheBuilder.<Integer, Integer>newBuilder().maximumSize(50).policy(policy).build();
      for (int i = 0; i < 10_000; i++) {
        cache.put(i % 777, i);
        cache.getIfPresent(i % 91);
      }
      cache.cleanUp();
      assertTrue(cache.estimatedSize() <= 50, policy + " " + cache.estimatedSize());
      assertEquals(cache.estimatedSize(), cache.policy().weightedSize());
    }
  }

  @Test
  void weightsBoundTheTotalAndAnEntryHeavierThanTheBoundIsNotKept() {
    List<RemovalCause> causes = new ArrayList<>();
    Cache<String, String> cache = CacheBuilder.<String, String>newBuilder()
        .maximumWeight(10, (k, v) -> v.length()).removalListener((k, v, c) -> causes.add(c)).build();
    cache.put("a", "12345");
    cache.put("b", "1234");
    cache.put("c", "12345678901");
    cache.cleanUp();
    assertNull(cache.getIfPresent("c"));
    assertEquals(9, cache.policy().weightedSize());
    cache.put("d", "12");
    cache.cleanUp();
    assertTrue(cache.policy().weightedSize() <= 10);
    assertEquals(List.of(RemovalCause.SIZE, RemovalCause.SIZE), causes);
    assertThrows(IllegalArgumentException.class,
        () -> CacheBuilder.<String, String>newBuilder().maximumWeight(10, (k, v) -> -1).build().put("x", "y"));
  }

  @Test
  void expiresAfterWriteAndAfterAccessOnTheTicker() {
    ManualTicker ticker = new ManualTicker();
    List<String> expired = new ArrayList<>();
    Cache<String, String> cache = CacheBuilder.<String, String>newBuilder().maximumSize(10).ticker(ticker)
        .expireAfterWrite(Duration.ofSeconds(10)).expireAfterAccess(Duration.ofSeconds(3))
        .removalListener((k, v, c) -> expired.add(k + ":" + c)).build();
    cache.put("w", "1");
    ticker.advance(2, TimeUnit.SECONDS);
    assertEquals("1", cache.getIfPresent("w"));
    ticker.advance(2, TimeUnit.SECONDS);
    assertEquals("1", cache.getIfPresent("w")); // access kept it alive
    ticker.advance(3, TimeUnit.SECONDS);
    assertNull(cache.getIfPresent("w"));
    cache.cleanUp();
    assertEquals(List.of("w:EXPIRED"), expired);
    assertEquals(0, cache.estimatedSize());
  }

  @Test
  void loadsOnceUnderConcurrencyAndDoesNotCacheFailures() throws Exception {
    Cache<String, Integer> cache = CacheBuilder.<String, Integer>newBuilder().maximumSize(10).recordStats().build();
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return cache.get("k", k -> loads.incrementAndGet());
        }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertEquals(1, result.get(5, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, loads.get());
    IllegalStateException boom = new IllegalStateException("boom");
    assertSame(boom, assertThrows(IllegalStateException.class, () -> cache.get("x", k -> { throw boom; })));
    assertEquals(7, cache.get("x", k -> 7));
    assertEquals(1, cache.stats().loadFailureCount());
    assertEquals(2, cache.stats().loadSuccessCount());
  }

  @Test
  void builderRejectsBadSettingsNamingThem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CacheBuilder.newBuilder().maximumSize(-1))
        .getMessage().contains("maximumSize"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> CacheBuilder.newBuilder().maximumSize(1).maximumWeight(5, (k, v) -> 1)).getMessage().contains("maximumWeight"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CacheBuilder.newBuilder().expireAfterWrite(Duration.ofSeconds(-1)))
        .getMessage().contains("expireAfterWrite"));
    assertTrue(assertThrows(IllegalStateException.class, () -> CacheBuilder.newBuilder().build()).getMessage().contains("maximumSize"));
    assertThrows(NullPointerException.class, () -> CacheBuilder.newBuilder().ticker(null));
    Cache<String, String> cache = Cache.lru(1);
    assertThrows(NullPointerException.class, () -> cache.put(null, "v"));
    assertThrows(NullPointerException.class, () -> cache.put("k", null));
    assertThrows(NullPointerException.class, () -> cache.getIfPresent(null));
  }

  @Test
  void asMapWritesThroughTheCache() {
    List<String> removals = new ArrayList<>();
    Cache<String, Integer> cache = CacheBuilder.<String, Integer>newBuilder().maximumSize(10)
        .removalListener((k, v, c) -> removals.add(k + "=" + v + ":" + c)).build();
    Map<String, Integer> map = cache.asMap();
    assertNull(map.put("a", 1));
    assertEquals(1, map.putIfAbsent("a", 2));
    assertTrue(map.replace("a", 1, 3));
    assertEquals(4, map.merge("a", 1, Integer::sum));
    assertTrue(map.remove("a", 4));
    assertEquals(List.of("a=1:REPLACED", "a=3:REPLACED", "a=4:EXPLICIT"), removals);
    map.put("b", 1);
    assertEquals(Map.of("b", 1), Map.copyOf(map));
  }
}
