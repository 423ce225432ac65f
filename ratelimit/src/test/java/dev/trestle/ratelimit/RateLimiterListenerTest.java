package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The listener told of each decision of a listening limiter, on a manual ticker. */
class RateLimiterListenerTest {

  private final ManualTicker ticker = new ManualTicker();
  private final RateLimiter limiter = RateLimiter.of(RateLimiterConfig.builder().name("api")
      .algorithm(RateLimitAlgorithm.TOKEN_BUCKET).limit(1, Duration.ofSeconds(1)).burst(5).ticker(ticker)
      .sleeper(nanos -> ticker.advance(nanos, TimeUnit.NANOSECONDS)).build());
  private final List<String> told = new ArrayList<>();
  private final RateLimiterListener recording = new RateLimiterListener() {
    @Override
    public void onPermitted(long permits) {
      told.add("permitted " + permits);
    }

    @Override
    public void onRejected(long permits) {
      told.add("rejected " + permits);
    }
  };

  @Test
  void everyKindOfRequestIsToldOnceWithThePermitsAskedFor() throws InterruptedException {
    RateLimiter listening = RateLimiter.listening(limiter, recording);
    assertTrue(listening.tryAcquire());
    assertTrue(listening.tryAcquire(3));
    assertFalse(listening.tryAcquire(2));
    assertTrue(listening.probe(1).allowed());
    assertFalse(listening.probe(1).allowed());
    assertFalse(listening.tryAcquire(4, Duration.ofSeconds(3))); // needs 4 s
    assertTrue(listening.tryAcquire(2, Duration.ofSeconds(2))); // waits 2 s on the ticker
    assertEquals(List.of("permitted 1", "permitted 3", "rejected 2", "permitted 1", "rejected 1", "rejected 4", "permitted 2"), told);
    assertSame(limiter.config(), listening.config());
  }

  @Test
  void aThrowingListenerChangesNoDecisionAndLosesNoPermit() {
    RateLimiter listening = RateLimiter.listening(limiter, new RateLimiterListener() {
      @Override
      public void onPermitted(long permits) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onRejected(long permits) {
        throw new AssertionError("listener bug");
      }
    });
    assertTrue(listening.tryAcquire(5));
    assertFalse(listening.tryAcquire());
    RateLimitDecision after = limiter.probe(1);
    assertFalse(after.allowed(), "the five permits the first request took stay taken");
    assertEquals(Duration.ofSeconds(1), after.retryAfter());
  }

  @Test
  void aRequestThatThrowsIsNotTold() {
    RateLimiter listening = RateLimiter.listening(limiter, recording);
    assertThrows(IllegalArgumentException.class, () -> listening.tryAcquire(6));
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> listening.tryAcquire(1, Duration.ofSeconds(1)));
    assertEquals(List.of(), told);
  }

  @Test
  void nullArgumentsAreNamed() {
    assertEquals("limiter must not be null",
        assertThrows(NullPointerException.class, () -> RateLimiter.listening(null, recording)).getMessage());
    assertEquals("listener must not be null",
        assertThrows(NullPointerException.class, () -> RateLimiter.listening(limiter, null)).getMessage());
  }
}
