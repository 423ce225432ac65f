package dev.trestle.cache.twolevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Several two-level caches in one JVM, each with its own connections, against the Redis on
 * 127.0.0.1:6379 (the services profile): invalidation between instances within the bound, one load
 * per key across the fleet, failed loads not cached.
 */
class TwoLevelCacheIT {

  private final List<TwoLevelCache<String, String>> opened = new ArrayList<>();
  private final String name = TwoLevelRedis.freshName();

  private TwoLevelCache<String, String> instance() {
    TwoLevelCache<String, String> cache = TwoLevelCache.of(TwoLevelRedis.strings(name, TwoLevelRedis.REDIS, 2_000).build());
    opened.add(cache);
    assertTrue(cache.nearTrusted(), "subscribed within the bound");
    return cache;
  }

  @AfterEach
  void close() {
    opened.forEach(TwoLevelCache::close);
  }

  @Test
  void aWriteOnOneInstanceIsSeenByTheOtherWithinTheBoundAndNeverUndone() {
    TwoLevelCache<String, String> a = instance();
    TwoLevelCache<String, String> b = instance();
    long boundNanos = a.config().invalidationBound().toNanos();
    long worst = 0;
    for (int i = 0; i < 300; i++) {
      String key = "k" + (i % 5);
      assertEquals(i < 5 ? null : Integer.toString(i - 5), b.getIfPresent(key), "b holds the previous value in its near level");
      a.put(key, Integer.toString(i));
      long written = System.nanoTime();
      String seen;
      while (!Integer.toString(i).equals(seen = b.getIfPresent(key))) {
        assertEquals(i < 5 ? null : Integer.toString(i - 5), seen, "only the previous value before the new one");
        assertTrue(System.nanoTime() - written <= boundNanos, "b still returns " + seen + " after the bound");
      }
      worst = Math.max(worst, System.nanoTime() - written);
      for (int again = 0; again < 3; again++) {
        assertEquals(Integer.toString(i), b.getIfPresent(key), "never the old value once the new one was seen");
      }
    }
    assertTrue(b.metrics().nearHits() > 0, b.metrics().toString());
    assertTrue(b.metrics().invalidationsReceived() >= 300, b.metrics().toString());
    System.out.printf("worst delay until b saw a's write: %.3f ms%n", worst / 1e6);

    a.invalidate("k0");
    long removed = System.nanoTime();
    while (b.getIfPresent("k0") != null) {
      assertTrue(System.nanoTime() - removed <= boundNanos, "b still returns k0 after the bound");
    }
    a.invalidateAll();
    long cleared = System.nanoTime();
    while (b.getIfPresent("k1") != null) {
      assertTrue(System.nanoTime() - cleared <= boundNanos, "b still returns k1 after invalidateAll");
    }
  }

  /** CACHE-8.1 of the kit, at a scale Redis round trips allow: on the writers' instance and on another. */
  @Test
  void noReadReturnsAValueAfterItsInvalidationCompleted() throws Exception {
    TwoLevelCache<String, String> writer = instance();
    TwoLevelCache<String, String> other = instance();
    int keys = 4;
    java.util.concurrent.atomic.AtomicLongArray invalidated = new java.util.concurrent.atomic.AtomicLongArray(keys);
    java.util.concurrent.atomic.AtomicLongArray invalidatedAt = new java.util.concurrent.atomic.AtomicLongArray(keys);
    List<String> stale = new java.util.concurrent.CopyOnWriteArrayList<>();
    long boundNanos = writer.config().invalidationBound().toNanos();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      CyclicBarrier start = new CyclicBarrier(4);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(threads.submit(() -> {
          start.await();
          if (thread < 2) {
            for (long version = 1; version <= 400; version++) {
              for (int key = thread; key < keys; key += 2) {
                writer.put("k" + key, Long.toString(version));
                writer.invalidate("k" + key);
                invalidated.set(key, version);
                invalidatedAt.set(key, System.nanoTime());
              }
            }
          } else {
            TwoLevelCache<String, String> reader = thread == 2 ? writer : other;
            java.util.SplittableRandom random = new java.util.SplittableRandom(thread);
            for (int i = 0; i < 4_000 && stale.isEmpty(); i++) {
              int key = random.nextInt(keys);
              long version = invalidated.get(key);
              long at = invalidatedAt.get(key);
              String seen = reader.getIfPresent("k" + key);
              // the writers' instance: never after the invalidation returned; another: never after it plus the bound
              boolean late = thread == 2 || System.nanoTime() - at > boundNanos;
              if (seen != null && Long.parseLong(seen) <= version && late) {
                stale.add((thread == 2 ? "writer" : "other") + ": k" + key + " returned " + seen + " after version " + version
                    + "'s invalidation completed");
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertTrue(stale.isEmpty(), stale.toString());
  }

  @Test
  void theWriterReadsItsOwnValueFromItsNearLevel() {
    TwoLevelCache<String, String> a = instance();
    a.put("k", "v");
    String first = a.getIfPresent("k");
    assertSame(first, a.getIfPresent("k"));
    assertEquals(0, a.metrics().farHits(), "served by the near level: " + a.metrics());
  }

  @Test
  void fourInstancesLoadingOneKeyCallTheLoaderOnce() throws Exception {
    List<TwoLevelCache<String, String>> fleet = List.of(instance(), instance(), instance(), instance());
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 5; round++) {
        String key = "hot" + round;
        AtomicInteger loads = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(16);
        List<Future<String>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          TwoLevelCache<String, String> cache = fleet.get(t % 4);
          results.add(callers.submit(() -> {
            start.await();
            return cache.get(key, k -> {
              loads.incrementAndGet();
              sleep(100);
              return "value-of-" + k;
            });
          }));
        }
        Set<String> values = ConcurrentHashMap.newKeySet();
        for (Future<String> result : results) {
          values.add(result.get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, loads.get(), "one load of " + key + " by 16 callers on 4 instances");
        assertEquals(Set.of("value-of-" + key), values);
      }
      long waits = fleet.stream().mapToLong(c -> c.metrics().leaseWaits()).sum();
      assertTrue(waits > 0, "instances waited for another's lease");
      assertEquals(0, fleet.stream().mapToLong(c -> c.metrics().leaseTimeouts()).sum());
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aFailedLoadIsNotCachedAndReleasesTheLeaseAtOnce() {
    TwoLevelCache<String, String> a = instance();
    TwoLevelCache<String, String> b = instance();
    IllegalStateException failure = new IllegalStateException("database down");
    assertSame(failure, assertThrows(IllegalStateException.class, () -> a.get("k", k -> {
      throw failure;
    })));
    assertNull(a.getIfPresent("k"));
    assertNull(b.getIfPresent("k"));
    long start = System.nanoTime();
    assertEquals("loaded", b.get("k", k -> "loaded"));
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "no wait for the failed load's lease");
    assertEquals(0, b.metrics().leaseWaits());
    assertEquals("loaded", a.getIfPresent("k"));
    assertNull(a.get("absent", k -> null), "a loader's null is returned");
    assertNull(b.getIfPresent("absent"), "and not cached");
  }

  @Test
  void conditionalWritesAreAtomicAcrossInstances() throws Exception {
    List<TwoLevelCache<String, String>> fleet = List.of(instance(), instance(), instance());
    ExecutorService workers = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        TwoLevelCache<String, String> cache = fleet.get(t % 3);
        done.add(workers.submit(() -> {
          for (int i = 0; i < 200; i++) {
            cache.asMap().merge("counter", "1", (x, y) -> Integer.toString(Integer.parseInt(x) + Integer.parseInt(y)));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      workers.shutdownNow();
    }
    for (TwoLevelCache<String, String> cache : fleet) {
      long start = System.nanoTime();
      while (!"1200".equals(cache.getIfPresent("counter"))) {
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "1200 merges, seen " + cache.getIfPresent("counter"));
      }
    }
  }

  @Test
  void keysCarryThePrefixTheNameAndTheFarTtl() {
    TwoLevelCache<String, String> a = instance();
    a.put("k", "v");
    try (RedisClient admin = RedisClient.builder().hostAndPort(TwoLevelRedis.REDIS).build()) {
      String key = "trestle:cache:" + name + ":k";
      assertEquals("v", admin.get(key));
      long ttl = admin.pttl(key);
      assertTrue(ttl > 290_000 && ttl <= 300_000, "farTtl 5 min, pttl " + ttl);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
