package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.cache.Cache;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Codecs;
import dev.trestle.core.ManualTicker;
import dev.trestle.pool.Allocator;
import dev.trestle.pool.Lease;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolConfig;
import dev.trestle.ratelimit.RateLimitAlgorithm;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Uses each library module, resolved through trestle-bom without a version of its own. */
class EveryModuleTest {

  record Greeting(String to, int times) {}

  @Test
  void cacheKeepsWhatWasPut() {
    Cache<String, Integer> cache = Cache.lru(10);
    cache.put("a", 1);
    assertEquals(1, cache.getIfPresent("a"));
  }

  @Test
  void codecRoundTripsTheProjectsOwnRecord() {
    Codec<Greeting> json = Codecs.json(Greeting.class, CodecLimits.defaults());
    byte[] wire = json.encode(new Greeting("world", 2));
    assertEquals(new Greeting("world", 2), json.decode(wire));
    assertArrayEquals(wire, json.encode(json.decode(wire)));
  }

  @Test
  void limiterAdmitsItsBurstThenRefuses() {
    ManualTicker ticker = new ManualTicker();
    RateLimiter limiter = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.TOKEN_BUCKET)
        .limit(2, Duration.ofSeconds(1)).burst(2).ticker(ticker).build());
    assertTrue(limiter.tryAcquire());
    assertTrue(limiter.tryAcquire());
    assertFalse(limiter.tryAcquire());
  }

  @Test
  void poolLendsAndTakesBack() throws Exception {
    AtomicInteger created = new AtomicInteger();
    Allocator<Integer> allocator = new Allocator<>() {
      @Override public Integer create() { return created.incrementAndGet(); }
      @Override public void destroy(Integer object) {}
    };
    ObjectPool<Integer> pool = ObjectPool.create(allocator, PoolConfig.builder().maxSize(1).build());
    try {
      try (Lease<Integer> lease = pool.acquire()) {
        assertEquals(1, lease.get());
      }
      try (Lease<Integer> lease = pool.acquire()) {
        assertEquals(1, lease.get()); // the same object, lent again
      }
    } finally {
      pool.close();
    }
  }
}
