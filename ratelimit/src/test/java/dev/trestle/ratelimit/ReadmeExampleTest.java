package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's rate limiting example, run. */
class ReadmeExampleTest {

  @Test
  void readmeExample() {
    ManualTicker ticker = new ManualTicker();
    // README begins
    RateLimiter limiter = RateLimiter.of(RateLimiterConfig.builder()
        .algorithm(RateLimitAlgorithm.GCRA)
        .limit(100, Duration.ofMinutes(1))   // 100 requests a minute sustained...
        .burst(20)                           // ...of which 20 may come at once
        .ticker(ticker)                      // tests only: the clock is Ticker.system() otherwise
        .build());

    RateLimitDecision decision = limiter.probe(1);
    if (!decision.allowed()) {
      // HTTP 429 with Retry-After: decision.retryAfterSeconds(); the same request succeeds exactly then.
    }

    // One limit per API key, at most 100,000 keys held; idle keys are dropped without losing anything.
    KeyedRateLimiter<String> perClient = KeyedRateLimiter.of(RateLimiterConfig.builder()
        .algorithm(RateLimitAlgorithm.TOKEN_BUCKET).limit(10, Duration.ofSeconds(1)).ticker(ticker).build(), 100_000);
    boolean admitted = perClient.tryAcquire("api-key-7");
    // README ends
    assertTrue(decision.allowed());
    assertEquals(19, decision.remainingPermits());
    assertTrue(admitted);
    for (int i = 0; i < 19; i++) {
      assertTrue(limiter.tryAcquire());
    }
    RateLimitDecision refused = limiter.probe(1);
    assertFalse(refused.allowed());
    assertEquals(600_000_000L, refused.retryAfterNanos());
    assertEquals(1, refused.retryAfterSeconds());
  }
}
