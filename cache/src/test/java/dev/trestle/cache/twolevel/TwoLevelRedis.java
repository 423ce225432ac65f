package dev.trestle.cache.twolevel;

import dev.trestle.cache.CacheBuilder;
import java.time.Duration;
import java.util.UUID;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;

/** What the two-level ITs share: the Redis on 127.0.0.1:6379 and configs with a fresh name each. */
final class TwoLevelRedis {

  static final HostAndPort REDIS = new HostAndPort("127.0.0.1", 6379);

  private TwoLevelRedis() {}

  static String freshName() {
    return "it-" + UUID.randomUUID();
  }

  static DefaultJedisClientConfig client(int timeoutMillis) {
    return DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeoutMillis).socketTimeoutMillis(timeoutMillis).build();
  }

  static TwoLevelCacheConfig.Builder<String, String> strings(String name, HostAndPort address, int timeoutMillis) {
    return TwoLevelCacheConfig.<String, String>builder()
        .name(name)
        .near(CacheBuilder.<String, String>newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofMinutes(1)).buildConfig())
        .valueCodec(ValueCodec.utf8())
        .redis(address, client(timeoutMillis))
        .farTtl(Duration.ofMinutes(5))
        .invalidationBound(Duration.ofMillis(500));
  }
}
