package dev.trestle.ratelimit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.ratelimit.RateLimitAlgorithm;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import dev.trestle.ratelimit.RedisRateLimiter;
import dev.trestle.ratelimit.RedisRateLimiterConfig;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

class RateLimiterMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double count(String name, String result) {
    return registry.get(name).tags("result", result).counter().count();
  }

  @Test
  void theMonitoredLimiterCountsRequestsAndPermitsByDecision() {
    RateLimiter limiter = RateLimiterMeters.monitor(registry, RateLimiter.of(RateLimiterConfig.builder().name("api")
        .algorithm(RateLimitAlgorithm.TOKEN_BUCKET).limit(3, Duration.ofSeconds(1)).ticker(new ManualTicker()).build()));
    assertTrue(limiter.tryAcquire());
    assertTrue(limiter.tryAcquire(2));
    assertFalse(limiter.tryAcquire());
    assertFalse(limiter.probe(3).allowed());

    assertEquals(2, registry.get("trestle.ratelimiter.requests").tags("name", "api", "result", "permitted").counter().count());
    assertEquals(2, count("trestle.ratelimiter.requests", "rejected"));
    assertEquals(3, count("trestle.ratelimiter.permits", "permitted"));
    assertEquals(4, count("trestle.ratelimiter.permits", "rejected"));
    assertEquals("api", limiter.config().name());
  }

  @Test
  void redisFailuresAreCounted() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // nothing listens there once it is closed: every connection is refused
    }
    try (RedisClient client = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", closedPort))
        .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000).socketTimeoutMillis(2_000).build())
        .build()) {
      RedisRateLimiter redis = RedisRateLimiter.of(client, RedisRateLimiterConfig.builder().limit(10, Duration.ofSeconds(1)).build());
      new RedisRateLimiterMeters(redis, "edge", Tags.of("dc", "eu")).bindTo(registry);
      RateLimiter perUser = RateLimiterMeters.monitor(registry, redis.forKey("user-1"), "edge", Tags.empty());
      perUser.tryAcquire();
      redis.tryAcquire("user-2");
      assertEquals(2, registry.get("trestle.ratelimiter.redis.failures").tags("name", "edge", "dc", "eu").functionCounter().count());
      assertEquals(1, registry.get("trestle.ratelimiter.requests").tags("name", "edge").counters().stream()
          .mapToDouble(c -> c.count()).sum());
    }
  }

  @Test
  void badArgumentsAreNamed() {
    RateLimiter limiter = RateLimiter.tokenBucket(1, 1, Duration.ofSeconds(1));
    assertEquals("name must not be blank, was \"\"",
        assertThrows(IllegalArgumentException.class, () -> RateLimiterMeters.monitor(registry, limiter, "", Tags.empty())).getMessage());
    assertEquals("limiter must not be null",
        assertThrows(NullPointerException.class, () -> RateLimiterMeters.monitor(registry, null)).getMessage());
  }
}
