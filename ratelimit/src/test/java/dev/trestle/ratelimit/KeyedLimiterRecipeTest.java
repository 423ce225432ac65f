package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's recipe "A limit per API key": the code between the markers is the README's. */
class KeyedLimiterRecipeTest {

  // README begins
  /** Answers 200 or 429 for one request of {@code apiKey}, setting the rate-limit headers. */
  static int admit(KeyedRateLimiter<String> perKey, String apiKey, Map<String, String> headers) {
    RateLimitDecision decision = perKey.probe(apiKey, 1); // takes the permit when allowed: a decision, not a look
    headers.put("RateLimit-Remaining", Long.toString(decision.remainingPermits()));
    if (!decision.allowed()) {
      headers.put("Retry-After", Long.toString(decision.retryAfterSeconds())); // whole seconds, rounded up
      return 429;
    }
    return 200;
  }
  // README ends

  private final ManualTicker ticker = new ManualTicker();

  private KeyedRateLimiter<String> perKey(int maxKeys) {
    // README begins
    KeyedRateLimiter<String> perKey = KeyedRateLimiter.of(RateLimiterConfig.builder()
        .algorithm(RateLimitAlgorithm.GCRA)
        .limit(10, Duration.ofSeconds(1))  // each key: 10 requests a second sustained...
        .burst(5)                          // ...of which 5 may come at once
        .ticker(ticker)                    // tests only: Ticker.system() otherwise
        .build(), maxKeys);                // at most maxKeys keys held, say 100_000: memory stays bounded
    // README ends
    return perKey;
  }

  @Test
  void aKeyGetsItsBurstThen429WithARetryAfterThatIsExactlyEnough() {
    KeyedRateLimiter<String> perKey = perKey(100_000);
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      assertEquals(200, admit(perKey, "key-a", headers));
    }
    assertEquals("0", headers.get("RateLimit-Remaining"));
    assertEquals(429, admit(perKey, "key-a", headers));
    assertEquals("1", headers.get("Retry-After")); // 100 ms, rounded up to a whole second
    assertEquals(200, admit(perKey, "key-b", new HashMap<>()), "keys never share permits");
    ticker.advance(Duration.ofMillis(100));
    assertEquals(200, admit(perKey, "key-a", new HashMap<>()));
  }

  @Test
  void whenEveryHeldKeyIsActiveANewKeyIsRefusedRatherThanAnyLimitForgotten() {
    KeyedRateLimiter<String> perKey = perKey(2);
    assertEquals(200, admit(perKey, "a", new HashMap<>()));
    assertEquals(200, admit(perKey, "b", new HashMap<>()));
    Map<String, String> headers = new HashMap<>();
    assertEquals(429, admit(perKey, "c", headers));
    assertTrue(headers.containsKey("Retry-After"));
    ticker.advance(Duration.ofMillis(100)); // a and b are idle again (full bursts): dropping them loses nothing
    assertEquals(200, admit(perKey, "c", new HashMap<>()));
    assertTrue(perKey.keys() <= 2);
    assertFalse(perKey.keys() > perKey.maxKeys());
  }
}
