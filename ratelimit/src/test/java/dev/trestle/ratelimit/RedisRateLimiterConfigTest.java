package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Redis limiter's settings, checked without a server (the rest is RedisRateLimiterIT). */
class RedisRateLimiterConfigTest {

  @Test
  void defaultsAreGcraFailOpenWithTheLimitAsBurst() {
    RedisRateLimiterConfig config = RedisRateLimiterConfig.builder().limit(50, Duration.ofSeconds(1)).build();
    assertEquals(RateLimitAlgorithm.GCRA, config.algorithm());
    assertEquals(RedisRateLimiterConfig.FailureMode.FAIL_OPEN, config.failureMode());
    assertEquals(50, config.burst());
    assertEquals(RedisRateLimiterConfig.DEFAULT_KEY_PREFIX, config.keyPrefix());
  }

  @Test
  void onlyGcraAndTheTokenBucketRunOnRedis() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RedisRateLimiterConfig.builder().algorithm(RateLimitAlgorithm.SLIDING_WINDOW_LOG));
    assertTrue(e.getMessage().contains("SLIDING_WINDOW_LOG"), e.getMessage());
  }

  @Test
  void badValuesNameTheSetting() {
    assertThrows(IllegalArgumentException.class, () -> RedisRateLimiterConfig.builder().limit(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> RedisRateLimiterConfig.builder().limit(1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> RedisRateLimiterConfig.builder().burst(0));
    IllegalArgumentException brace = assertThrows(IllegalArgumentException.class,
        () -> RedisRateLimiterConfig.builder().keyPrefix("rl:{x}:"));
    assertTrue(brace.getMessage().contains("keyPrefix"), brace.getMessage());
    assertThrows(NullPointerException.class, () -> RedisRateLimiterConfig.builder().failureMode(null));
    assertThrows(IllegalStateException.class, () -> RedisRateLimiterConfig.builder().build());
    IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
        () -> RedisRateLimiterConfig.builder().limit(Long.MAX_VALUE / 4, Duration.ofDays(1000)).build());
    assertTrue(tooBig.getMessage().contains("50 bits"), tooBig.getMessage());
  }

  @Test
  void nullArgumentsAreRejectedBeforeAnyCallToRedis() {
    RedisRateLimiterConfig config = RedisRateLimiterConfig.builder().limit(5, Duration.ofSeconds(1)).build();
    assertThrows(NullPointerException.class, () -> RedisRateLimiter.of(null, config));
  }
}
