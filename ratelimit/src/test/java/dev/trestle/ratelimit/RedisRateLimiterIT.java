package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/** RedisRateLimiter against the Redis on 127.0.0.1:6379 (the services profile). */
class RedisRateLimiterIT {

  private static final HostAndPort REDIS = new HostAndPort("127.0.0.1", 6379);
  private static RedisClient admin;

  @BeforeAll
  static void connect() {
    admin = client(REDIS, 2_000);
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  static RedisClient client(HostAndPort address, int timeoutMillis) {
    return RedisClient.builder().hostAndPort(address)
        .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeoutMillis)
            .socketTimeoutMillis(timeoutMillis).build())
        .build();
  }

  private static RedisRateLimiterConfig.Builder config(RateLimitAlgorithm algorithm) {
    return RedisRateLimiterConfig.builder().algorithm(algorithm).keyPrefix("trestle-it:" + UUID.randomUUID() + ":");
  }

  @ParameterizedTest
  @EnumSource(value = RateLimitAlgorithm.class, names = {"GCRA", "TOKEN_BUCKET"})
  void fourInstancesSharingOneKeyAdmitExactlyTheLimitTogether(RateLimitAlgorithm algorithm) throws Exception {
    // 1000 per day: no permit is refilled within the seconds the test runs, so together exactly 1000 pass.
    RedisRateLimiterConfig config = config(algorithm).limit(1_000, Duration.ofDays(1)).build();
    List<RedisClient> clients = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<RedisRateLimiter> instances = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        RedisClient client = client(REDIS, 2_000);
        clients.add(client);
        instances.add(RedisRateLimiter.of(client, config));
      }
      AtomicLong admitted = new AtomicLong();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        RedisRateLimiter limiter = instances.get(t % 4);
        workers.add(threads.submit(() -> {
          start.await();
          for (int i = 0; i < 400; i++) {
            if (limiter.tryAcquire("shared-client", 1 + i % 2)) {
              admitted.addAndGet(1 + i % 2);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
      assertTrue(admitted.get() <= 1_000, "admitted " + admitted.get());
      assertTrue(admitted.get() >= 999, "a refused request of 2 may leave one permit: admitted " + admitted.get());
      assertFalse(instances.get(0).tryAcquire("shared-client", 2));
      long left = 1_000 - admitted.get();
      assertEquals(left == 1, instances.get(1).tryAcquire("shared-client"));
      assertFalse(instances.get(2).tryAcquire("shared-client"));
    } finally {
      threads.shutdownNow();
      clients.forEach(RedisClient::close);
    }
  }

  @ParameterizedTest
  @EnumSource(value = RateLimitAlgorithm.class, names = {"GCRA", "TOKEN_BUCKET"})
  void keysAreHashTaggedAndExpireOnceTheBucketIsFull(RateLimitAlgorithm algorithm) {
    RedisRateLimiter limiter = RedisRateLimiter.of(admin, config(algorithm).limit(10, Duration.ofSeconds(1)).build());
    assertTrue(limiter.tryAcquire("user:42", 4));
    String key = limiter.redisKey("user:42");
    assertTrue(key.endsWith("{user:42}"), key);
    long ttl = admin.pttl(key);
    assertTrue(ttl > 0 && ttl <= 401, "4 permits at 10 per s refill in 400 ms; the key lives " + ttl + " ms");
  }

  @ParameterizedTest
  @EnumSource(value = RateLimitAlgorithm.class, names = {"GCRA", "TOKEN_BUCKET"})
  void theWaitIsReportedAndHonoured(RateLimitAlgorithm algorithm) throws InterruptedException {
    RedisRateLimiter limiter = RedisRateLimiter.of(admin, config(algorithm).limit(5, Duration.ofSeconds(1)).build());
    for (int i = 0; i < 5; i++) {
      assertTrue(limiter.tryAcquire("k"));
    }
    RateLimitDecision refused = limiter.probe("k", 1);
    assertFalse(refused.allowed());
    assertTrue(refused.retryAfterNanos() > 150_000_000L && refused.retryAfterNanos() <= 200_000_000L, refused.toString());
    TimeUnit.NANOSECONDS.sleep(refused.retryAfterNanos());
    assertTrue(limiter.tryAcquire("k"));
    assertTrue(limiter.forKey("k").tryAcquire(1, Duration.ofMillis(400)), "waits for the next permit");
  }

  @Test
  void aFlushedScriptIsLoadedAgain() {
    RedisRateLimiter limiter = RedisRateLimiter.of(admin, config(RateLimitAlgorithm.GCRA).limit(3, Duration.ofSeconds(10)).build());
    assertTrue(limiter.tryAcquire("k"));
    admin.scriptFlush();
    assertTrue(limiter.tryAcquire("k"));
    assertTrue(limiter.tryAcquire("k"));
    assertFalse(limiter.tryAcquire("k"));
    assertEquals(0, limiter.failures());
  }

  @Test
  void badInputIsRejected() {
    RedisRateLimiter limiter = RedisRateLimiter.of(admin, config(RateLimitAlgorithm.GCRA).limit(3, Duration.ofSeconds(1)).build());
    assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(null));
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire("k", 4));
    assertTrue(tooMany.getMessage().contains("4") && tooMany.getMessage().contains("3"), tooMany.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RedisRateLimiterConfig.builder().algorithm(RateLimitAlgorithm.FIXED_WINDOW));
  }

  @ParameterizedTest
  @EnumSource(RedisRateLimiterConfig.FailureMode.class)
  void whenRedisIsCutOrStalledTheFailureModeDecidesAndTheLimitComesBackWithIt(RedisRateLimiterConfig.FailureMode mode)
      throws Exception {
    try (TcpProxy proxy = new TcpProxy("127.0.0.1", 6379);
         RedisClient client = client(new HostAndPort("127.0.0.1", proxy.port()), 300)) {
      RedisRateLimiter limiter = RedisRateLimiter.of(client, config(RateLimitAlgorithm.GCRA)
          .limit(2, Duration.ofMinutes(10)).failureMode(mode).build());
      assertTrue(limiter.tryAcquire("k"));
      assertTrue(limiter.tryAcquire("k"));
      assertFalse(limiter.tryAcquire("k"), "the limit holds through the proxy");
      boolean open = mode == RedisRateLimiterConfig.FailureMode.FAIL_OPEN;

      proxy.cut();
      RateLimitDecision down = limiter.probe("k", 1);
      assertEquals(open, down.allowed(), "unreachable: " + down);
      if (!open) {
        assertEquals(Duration.ofMinutes(10).toNanos(), down.retryAfterNanos());
      }
      assertEquals(1, limiter.failures());

      proxy.stall();
      long start = System.nanoTime();
      RateLimitDecision slow = limiter.probe("k", 1);
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(open, slow.allowed(), "stalled: " + slow);
      assertTrue(tookMillis >= 250 && tookMillis < 5_000, "decided after the client's 300 ms timeout, took " + tookMillis + " ms");
      assertEquals(2, limiter.failures());

      proxy.restore();
      boolean recovered = false;
      for (int attempt = 0; attempt < 20 && !recovered; attempt++) {
        RateLimitDecision after = limiter.probe("k", 1);
        recovered = limiter.failures() == 2 + attempt && !after.allowed();
        if (!recovered) {
          TimeUnit.MILLISECONDS.sleep(50);
        }
      }
      assertTrue(recovered, "the limit (still spent in Redis) applies again once Redis answers");
    }
  }
}
