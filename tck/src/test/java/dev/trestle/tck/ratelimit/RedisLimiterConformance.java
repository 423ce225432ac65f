package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimitAlgorithm;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RedisRateLimiter;
import dev.trestle.ratelimit.RedisRateLimiterConfig;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The kit over {@link RedisRateLimiter} on the Redis at 127.0.0.1:6379 (services profile). Redis
 * decides on its own clock, so MANUAL_TICKER is not declared: the real-clock rules (1.2, 3.3) and
 * the bad-input rules run; every limiter gets keys of its own.
 */
abstract class RedisLimiterConformance extends RateLimiterTck {

  private static RedisClient client;
  private final RateLimitAlgorithm algorithm;

  RedisLimiterConformance(RateLimitAlgorithm algorithm) {
    this.algorithm = algorithm;
  }

  @BeforeAll
  static void connect() {
    client = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", 6379))
        .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000).socketTimeoutMillis(2_000).build())
        .build();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Override
  protected RateLimiter newLimiter(RateLimiterSpec spec) {
    RedisRateLimiterConfig config = RedisRateLimiterConfig.builder().algorithm(algorithm)
        .limit(spec.permits(), spec.period()).burst(spec.burst())
        .keyPrefix("trestle-tck:" + UUID.randomUUID() + ":").sleeper(spec.sleeper()).build();
    return RedisRateLimiter.of(client, config).forKey("client");
  }

  @Override
  protected RateContract contract() {
    return RateContract.TOKEN_BUCKET;
  }

  @Override
  protected Set<RateLimiterFeature> features() {
    return EnumSet.of(RateLimiterFeature.PROBE, RateLimiterFeature.WAITING);
  }

  @Override
  protected String implementationName() {
    return "RedisRateLimiter " + algorithm;
  }
}
