package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

  private final ManualTicker ticker = new ManualTicker();

  private KeyedRateLimiter<String> keyed(RateLimitAlgorithm algorithm, int maxKeys) {
    return KeyedRateLimiter.of(RateLimiterConfig.builder().algorithm(algorithm).limit(3, Duration.ofSeconds(1))
        .ticker(ticker).build(), maxKeys);
  }

  @Test
  void eachKeyHasItsOwnLimit() {
    KeyedRateLimiter<String> limiter = keyed(RateLimitAlgorithm.GCRA, 10);
    for (String key : List.of("a", "b")) {
      for (int i = 0; i < 3; i++) {
        assertTrue(limiter.tryAcquire(key));
      }
      assertFalse(limiter.tryAcquire(key));
    }
    assertEquals(2, limiter.keys());
  }

  @ParameterizedTest
  @EnumSource(RateLimitAlgorithm.class)
  void neverHoldsMoreThanMaxKeysAndDropsOnlyIdleOnes(RateLimitAlgorithm algorithm) {
    KeyedRateLimiter<String> limiter = keyed(algorithm, 100);
    for (int i = 0; i < 100; i++) {
      assertTrue(limiter.tryAcquire("busy-" + i));
    }
    RateLimitDecision full = limiter.probe("newcomer", 1);
    assertFalse(full.allowed(), "no idle key to drop: the newcomer waits rather than a busy key be forgotten");
    assertEquals(100, limiter.keys());
    ticker.advance(Duration.ofSeconds(3)); // every key idle again
    for (int i = 0; i < 10_000; i++) {
      assertTrue(limiter.tryAcquire("visitor-" + i), "visitor " + i);
      assertTrue(limiter.keys() <= 100);
      ticker.advance(Duration.ofSeconds(3));
    }
  }

  @Test
  void aDroppedKeyComesBackAsAFreshLimiterSoNoLimitIsLost() {
    KeyedRateLimiter<String> limiter = keyed(RateLimitAlgorithm.TOKEN_BUCKET, 1);
    assertTrue(limiter.tryAcquire("a", 3));
    assertFalse(limiter.tryAcquire("b"), "a is busy, b must wait");
    ticker.advance(Duration.ofSeconds(1));
    assertTrue(limiter.tryAcquire("b"));
    assertFalse(limiter.tryAcquire("a"), "b is busy now");
  }

  @Test
  void concurrentCallsOnManyKeysNeverAdmitMoreThanEachKeysLimit() throws InterruptedException {
    KeyedRateLimiter<Integer> limiter = KeyedRateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.GCRA)
        .limit(5, Duration.ofSeconds(1)).ticker(ticker).build(), 8);
    ConcurrentHashMap<Integer, AtomicLong> admitted = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 50_000; i++) {
          int key = i % 16;
          if (limiter.tryAcquire(key)) {
            admitted.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    // The clock is frozen: a key can be admitted 5 times, dropped only when idle, which at a frozen
    // clock after an admission it never is again; so each key gets at most 5.
    admitted.forEach((key, n) -> assertTrue(n.get() <= 5, "key " + key + " got " + n));
    assertTrue(limiter.keys() <= 8);
  }

  @Test
  void badPermitsAreRejectedWithoutHoldingAKey() {
    KeyedRateLimiter<String> limiter = keyed(RateLimitAlgorithm.GCRA, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire("a", 4));
    assertTrue(e.getMessage().contains("4") && e.getMessage().contains("3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> limiter.probe("a", 0));
    assertEquals(0, limiter.keys());
  }

  @Test
  void aNullKeyIsRejected() {
    KeyedRateLimiter<String> limiter = keyed(RateLimitAlgorithm.GCRA, 1);
    assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(null));
    assertThrows(IllegalArgumentException.class, () -> limiter.probe(null, 1));
    assertThrows(IllegalArgumentException.class, () -> keyed(RateLimitAlgorithm.GCRA, 0));
  }
}
