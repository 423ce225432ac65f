package dev.trestle.cache.twolevel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trestle.cache.CacheBuilder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;

/** The two-level cache example of the README, kept compiling and true (services profile: needs Redis). */
class ReadmeExampleIT {

  private final AtomicInteger queries = new AtomicInteger();

  private String loadFromDatabase(String sku) {
    queries.incrementAndGet();
    return "product " + sku;
  }

  @Test
  void readmeExample() {
    String name = TwoLevelRedis.freshName();
    // README begins
    TwoLevelCacheConfig<String, String> config = TwoLevelCacheConfig.<String, String>builder()
        .name(name)                                        // the same name on every instance of the service
        .near(CacheBuilder.<String, String>newBuilder()    // the in-process level: any Trestle cache config
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).buildConfig())
        .valueCodec(ValueCodec.utf8())                     // or ValueCodec.of(codec::encode, codec::decode)
        .redis(new HostAndPort("127.0.0.1", 6379), DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(200).socketTimeoutMillis(50).build())
        .farTtl(Duration.ofHours(1))                       // each entry's TTL in Redis
        .invalidationBound(Duration.ofSeconds(1))          // no instance serves a replaced value longer than this
        .failureMode(TwoLevelCacheConfig.FailureMode.FAIL) // or SERVE_NEAR: availability over consistency
        .build();
    try (TwoLevelCache<String, String> products = TwoLevelCache.of(config)) {
      String p = products.get("sku-42", this::loadFromDatabase); // one load in the whole fleet
      products.put("sku-42", "product sku-42, new price");      // every other instance drops its copy
    }
    // README ends
    assertEquals(1, queries.get());
    try (TwoLevelCache<String, String> other = TwoLevelCache.of(config)) {
      assertEquals("product sku-42, new price", other.get("sku-42", this::loadFromDatabase));
      assertEquals(1, queries.get());
    }
  }
}
