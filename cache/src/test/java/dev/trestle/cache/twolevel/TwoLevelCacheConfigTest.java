package dev.trestle.cache.twolevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.cache.CacheBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;

/** The two-level cache's config checks each setting at the boundary, and its codecs round-trip. */
class TwoLevelCacheConfigTest {

  private static TwoLevelCacheConfig.Builder<String, String> complete() {
    return TwoLevelCacheConfig.<String, String>builder().name("products")
        .near(CacheBuilder.<String, String>newBuilder().maximumSize(10).buildConfig())
        .valueCodec(ValueCodec.utf8())
        .redis(new HostAndPort("127.0.0.1", 6379), DefaultJedisClientConfig.builder().build());
  }

  @Test
  void keysAndChannelCarryThePrefixAndTheName() {
    TwoLevelCacheConfig<String, String> plain = complete().build();
    assertEquals("trestle:cache:products:k", plain.redisKey("k"));
    assertEquals("trestle:cache:products:lease:k", plain.leaseKey("k"));
    assertEquals("trestle:cache:products:~invalidations", plain.channel());
    TwoLevelCacheConfig<String, String> slotted = complete().sameSlot(true).keyPrefix("app:").build();
    assertEquals("app:{products}:k", slotted.redisKey("k"));
    assertEquals("app:{products}:*", slotted.keyPattern());
    assertEquals("trestle:cache:a\\*b:*", complete().name("a*b").build().keyPattern(), "glob characters of the name are escaped");
    assertEquals(Duration.ofSeconds(1), plain.invalidationBound());
    assertEquals(TwoLevelCacheConfig.FailureMode.FAIL, plain.failureMode());
  }

  @Test
  void badSettingsAreRejectedNamingTheSetting() {
    IllegalArgumentException braces = assertThrows(IllegalArgumentException.class, () -> complete().name("a{b}"));
    assertTrue(braces.getMessage().contains("name"), braces.getMessage());
    assertThrows(IllegalArgumentException.class, () -> complete().name(" "));
    assertThrows(IllegalArgumentException.class, () -> complete().keyPrefix("x{"));
    IllegalArgumentException bound = assertThrows(IllegalArgumentException.class,
        () -> complete().invalidationBound(Duration.ofMillis(5)));
    assertTrue(bound.getMessage().contains("invalidationBound") && bound.getMessage().contains("PT0.005S"), bound.getMessage());
    assertThrows(IllegalArgumentException.class, () -> complete().farTtl(Duration.ofNanos(10)));
    assertThrows(IllegalArgumentException.class, () -> complete().leaseWait(Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> complete().failureMode(null));
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> complete().redis(new HostAndPort("127.0.0.1", 6379), DefaultJedisClientConfig.builder().build()));
    assertTrue(twice.getMessage().contains("127.0.0.1:6379"), twice.getMessage());
    IllegalArgumentException listener = assertThrows(IllegalArgumentException.class, () -> complete().near(
        CacheBuilder.<String, String>newBuilder().maximumSize(1).removalListener((k, v, c) -> { }).buildConfig()));
    assertTrue(listener.getMessage().contains("removal listener"), listener.getMessage());
  }

  @Test
  void combinationsAreCheckedByBuild() {
    assertThrows(IllegalStateException.class, () -> TwoLevelCacheConfig.<String, String>builder().name("x").build());
    IllegalStateException serveNear = assertThrows(IllegalStateException.class,
        () -> complete().failureMode(TwoLevelCacheConfig.FailureMode.SERVE_NEAR).build());
    assertTrue(serveNear.getMessage().contains("expiry"), serveNear.getMessage());
    complete().failureMode(TwoLevelCacheConfig.FailureMode.SERVE_NEAR)
        .near(CacheBuilder.<String, String>newBuilder().maximumSize(10).expireAfterWrite(Duration.ofMinutes(1)).buildConfig())
        .build();
    assertEquals(Duration.ofSeconds(3), complete().leaseTtl(Duration.ofSeconds(3)).build().leaseWait);
  }

  @Test
  void codecsRoundTrip() {
    assertEquals("héllo", ValueCodec.utf8().decode(ValueCodec.utf8().encode("héllo")));
    ValueCodec<Integer> ints = ValueCodec.of(i -> Integer.toString(i).getBytes(StandardCharsets.US_ASCII),
        b -> Integer.valueOf(new String(b, StandardCharsets.US_ASCII)));
    assertEquals(42, ints.decode(ints.encode(42)));
    byte[] raw = {1, 2, 3};
    byte[] copy = ValueCodec.bytes().encode(raw);
    raw[0] = 9;
    assertEquals(1, copy[0], "encode copies");
  }
}
