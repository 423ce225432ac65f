package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.ratelimit.RedisRateLimiterConfig.FailureMode;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The Redis limiter through a loopback proxy to the real Redis (services profile): a stalled Redis
 * costs one decision one socket timeout, not two; a restart (Redis gone, then answering LOADING, as it
 * does while it reads its data, played by {@link FakeRedis} behind the same proxy) is decided by the
 * failure mode throughout, counted, and the limit applies again once the real Redis answers.
 */
class RedisFaultIT {

  private static final int TIMEOUT_MILLIS = 300;

  private static RedisClient client(int port) {
    return RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", port))
        .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(TIMEOUT_MILLIS)
            .socketTimeoutMillis(TIMEOUT_MILLIS).build())
        .build();
  }

  private static RedisRateLimiter limiter(RedisClient client, FailureMode mode) {
    return RedisRateLimiter.of(client, RedisRateLimiterConfig.builder().keyPrefix("trestle-fault-it:" + UUID.randomUUID() + ":")
        .limit(2, Duration.ofMinutes(10)).failureMode(mode).build());
  }

  @ParameterizedTest
  @EnumSource(FailureMode.class)
  void aStalledRedisCostsADecisionOneSocketTimeout(FailureMode mode) throws Exception {
    try (TcpProxy proxy = new TcpProxy("127.0.0.1", 6379); RedisClient client = client(proxy.port())) {
      RedisRateLimiter limiter = limiter(client, mode);
      assertTrue(limiter.tryAcquire("k"));
      long worst = 0;
      proxy.stall();
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        RateLimitDecision decision = limiter.probe("k", 1);
        long took = (System.nanoTime() - start) / 1_000_000;
        worst = Math.max(worst, took);
        assertEquals(mode == FailureMode.FAIL_OPEN, decision.allowed(), decision.toString());
      }
      System.out.printf(Locale.ROOT, "RedisFaultIT %s: stalled, the slowest of 5 decisions took %d ms (socket timeout %d ms)%n",
          mode, worst, TIMEOUT_MILLIS);
      assertEquals(5, limiter.failures());
      assertTrue(worst < TIMEOUT_MILLIS * 3 / 2, "a decision waits one socket timeout, not two: " + worst + " ms");
      proxy.restore();
      assertTrue(awaitAnswer(limiter, true), "Redis answers again");
    }
  }

  @ParameterizedTest
  @EnumSource(FailureMode.class)
  void aRestartThatLoadsItsDataIsDecidedByTheFailureModeAndTheLimitReturns(FailureMode mode) throws Exception {
    try (TcpProxy proxy = new TcpProxy("127.0.0.1", 6379); FakeRedis loading = new FakeRedis();
        RedisClient client = client(proxy.port())) {
      RedisRateLimiter limiter = limiter(client, mode);
      assertTrue(limiter.tryAcquire("k"));
      assertTrue(limiter.tryAcquire("k"));
      assertFalse(limiter.tryAcquire("k"), "the limit holds");
      boolean open = mode == FailureMode.FAIL_OPEN;

      proxy.cut(); // Redis goes down
      for (int i = 0; i < 5; i++) {
        assertEquals(open, limiter.tryAcquire("k"), "down");
      }
      loading.errorReply = "LOADING Redis is loading the dataset in memory";
      proxy.retarget(loading.port());
      proxy.restore(); // Redis is up again but still loading
      int replies = 0;
      for (int i = 0; i < 20; i++) {
        assertEquals(open, limiter.tryAcquire("k"), "loading");
      }
      replies += loading.scripts.get();
      assertTrue(limiter.failures() >= 25, "every decision while down or loading is counted: " + limiter.failures());
      assertEquals(1, limiter.outage().begun(), "one outage, logged once");

      proxy.retarget(6379); // loaded: the real Redis answers
      assertTrue(awaitAnswer(limiter, false), "the limit, still spent in Redis, applies again");
      assertFalse(limiter.outage().down());
      System.out.printf(Locale.ROOT, "RedisFaultIT %s: restart - %d decisions by the failure mode (%d LOADING replies), then the "
          + "limit applied again%n", mode, limiter.failures(), replies);
    }
  }

  /** Probes until a decision comes from Redis (failures stop growing) and is {@code allowed}; at most 2 s. */
  private static boolean awaitAnswer(RedisRateLimiter limiter, boolean allowed) throws InterruptedException {
    for (int attempt = 0; attempt < 40; attempt++) {
      long before = limiter.failures();
      boolean decision = limiter.tryAcquire("k");
      if (limiter.failures() == before && decision == allowed) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return false;
  }
}
