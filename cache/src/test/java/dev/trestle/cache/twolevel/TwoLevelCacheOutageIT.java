package dev.trestle.cache.twolevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.cache.twolevel.TwoLevelCacheConfig.FailureMode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * Redis cut, stalled and back, through a loopback proxy the test controls, and a subscription
 * killed while Redis answers: each failure mode does what it states, and the cache recovers.
 */
class TwoLevelCacheOutageIT {

  private static void await(BooleanSupplier condition, long millis, String what) {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() - start < millis * 1_000_000L, what + " within " + millis + " ms");
      TwoLevelCacheIT.sleep(5);
    }
  }

  @ParameterizedTest
  @EnumSource(FailureMode.class)
  void cutStalledAndRestoredRedisFollowsTheFailureModeAndRecovers(FailureMode mode) throws Exception {
    String name = TwoLevelRedis.freshName();
    try (TcpProxy proxy = new TcpProxy("127.0.0.1", 6379);
         TwoLevelCache<String, String> a = TwoLevelCache.of(TwoLevelRedis.strings(name, TwoLevelRedis.REDIS, 2_000).build());
         TwoLevelCache<String, String> b = TwoLevelCache.of(TwoLevelRedis.strings(name, new HostAndPort("127.0.0.1", proxy.port()), 300)
             .failureMode(mode).build())) {
      assertTrue(b.nearTrusted());
      a.put("k", "v1");
      a.put("k2", "w1");
      // b's near level keeps a value only once the invalidations of the writes before it are in
      await(() -> b.metrics().invalidationsReceived() >= 2, 1_000, "b received a's two invalidations");
      assertEquals("v1", b.getIfPresent("k"));
      assertEquals("w1", b.getIfPresent("k2"));
      assertEquals("v1", b.getIfPresent("k"));
      assertTrue(b.metrics().nearHits() >= 1, b.metrics().toString());

      proxy.cut();
      await(() -> !b.nearTrusted(), 1_000, "b stops trusting its near level once its subscription is cut");
      a.put("k", "v2"); // b cannot learn of it
      if (mode == FailureMode.FAIL) {
        assertThrows(CacheUnavailableException.class, () -> b.getIfPresent("k"));
        assertThrows(CacheUnavailableException.class, () -> b.get("other", k -> "loaded"));
      } else {
        assertEquals("v1", b.getIfPresent("k"), "SERVE_NEAR serves the near value while Redis is unreachable");
        assertEquals("loaded", b.get("other", k -> "loaded"), "and loads what the near level lacks");
        assertNull(b.getIfPresent("other"), "without caching it");
        assertTrue(b.metrics().servedNearWhileDown() >= 1, b.metrics().toString());
      }
      assertThrows(CacheUnavailableException.class, () -> b.put("k", "x"), "writes fail in every mode");
      long failures = b.metrics().redisFailures();
      assertTrue(failures >= 2, b.metrics().toString());

      proxy.stall();
      long start = System.nanoTime();
      if (mode == FailureMode.FAIL) {
        assertThrows(CacheUnavailableException.class, () -> b.getIfPresent("k2"));
      } else {
        assertEquals("w1", b.getIfPresent("k2"));
      }
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMillis >= 250 && tookMillis < 5_000, "decided after the client's 300 ms timeout, took " + tookMillis + " ms");

      proxy.restore();
      await(b::nearTrusted, 10_000, "b subscribed again");
      assertEquals("v2", b.getIfPresent("k"), "the write made during the outage is read, not the old near value");
      assertEquals("v2", b.getIfPresent("k"));
      a.put("k", "v3");
      await(() -> "v3".equals(b.getIfPresent("k")), 500, "invalidations flow again");
      assertTrue(b.metrics().subscriptionLosses() >= 1, b.metrics().toString());
    }
  }

  @Test
  void aKilledSubscriptionWhileRedisAnswersNeverLeavesAStaleValueBeyondTheBound() throws Exception {
    String name = TwoLevelRedis.freshName();
    String clientName = "trestle-it-" + UUID.randomUUID().toString().substring(0, 8);
    DefaultJedisClientConfig named = DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000).socketTimeoutMillis(2_000)
        .clientName(clientName).build();
    try (RedisClient admin = RedisClient.builder().hostAndPort(TwoLevelRedis.REDIS).build();
         TwoLevelCache<String, String> a = TwoLevelCache.of(TwoLevelRedis.strings(name, TwoLevelRedis.REDIS, 2_000).build());
         TwoLevelCache<String, String> b = TwoLevelCache.of(TwoLevelCacheConfig.<String, String>builder()
             .name(name).near(TwoLevelRedis.strings(name, TwoLevelRedis.REDIS, 2_000).build().near())
             .valueCodec(ValueCodec.utf8()).redis(TwoLevelRedis.REDIS, named)
             .invalidationBound(java.time.Duration.ofMillis(500)).build())) {
      long bound = 500;
      for (int round = 0; round < 5; round++) {
        a.put("k", "old" + round);
        await(() -> b.getIfPresent("k") != null && b.getIfPresent("k").startsWith("old"), bound, "b reads the old value");
        String subscription = null;
        for (String line : new String((byte[]) admin.sendCommand(Protocol.Command.CLIENT, "LIST"), StandardCharsets.UTF_8).split("\n")) {
          if (line.contains("name=" + clientName) && line.contains(" sub=2")) {
            subscription = line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id=")));
          }
        }
        assertTrue(subscription != null, "b's subscription in CLIENT LIST");
        admin.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", subscription);
        a.put("k", "new" + round); // may be published while b is not subscribed: b misses it
        long written = System.nanoTime();
        String expected = "new" + round;
        while (!expected.equals(b.getIfPresent("k"))) {
          assertTrue(System.nanoTime() - written <= bound * 1_000_000L, "b still returns " + b.getIfPresent("k") + " after the bound");
        }
        for (int i = 0; i < 3; i++) {
          assertEquals(expected, b.getIfPresent("k"));
        }
        await(b::nearTrusted, 5_000, "b subscribed again");
      }
      assertTrue(b.metrics().subscriptionLosses() >= 5, b.metrics().toString());
      assertFalse(b.metrics().redisFailures() > 0, "commands never failed: " + b.metrics());
    }
  }
}
