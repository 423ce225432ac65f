package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/** The README's Redis limiter recipe, run against the Redis on 127.0.0.1:6379 (the services profile). */
class RedisReadmeExampleIT {

  @Test
  void readmeRecipe() {
    try (RedisClient admin = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", 6379)).build()) {
      admin.del("myapp:ratelimit:{api-key-7}"); // tests only: start from a full bucket however often the test runs
    }
    // README begins
    // Jedis 8: one pooled, thread-safe client per Redis (RedisClusterClient for a cluster), shared by the app.
    RedisClient redis = RedisClient.builder()
        .hostAndPort(new HostAndPort("127.0.0.1", 6379))
        .clientConfig(DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(200)                      // a limiter must answer fast...
            .socketTimeoutMillis(200)                          // ...or fall back to the failure mode
            .build())
        .build();

    RedisRateLimiter limiter = RedisRateLimiter.of(redis, RedisRateLimiterConfig.builder()
        .algorithm(RateLimitAlgorithm.GCRA)
        .limit(100, Duration.ofMinutes(1))                     // 100 a minute per client key, across all servers
        .burst(10)
        .keyPrefix("myapp:ratelimit:")                         // default "trestle:ratelimit:"
        .failureMode(RedisRateLimiterConfig.FailureMode.FAIL_OPEN) // Redis down: admit (FAIL_CLOSED: refuse)
        .build());

    RateLimitDecision decision = limiter.probe("api-key-7", 1);
    if (!decision.allowed()) {
      // HTTP 429 with Retry-After: decision.retryAfterSeconds()
    }
    RateLimiter perKey = limiter.forKey("api-key-7");         // the RateLimiter interface for one key
    // README ends
    assertTrue(decision.allowed());
    for (int i = 0; i < 9; i++) {
      assertTrue(perKey.tryAcquire());
    }
    assertFalse(perKey.tryAcquire());
    assertEquals(0, limiter.failures());
    redis.close();
  }
}
