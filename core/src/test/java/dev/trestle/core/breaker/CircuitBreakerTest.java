package dev.trestle.core.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final ManualTicker ticker = new ManualTicker();

  private CircuitBreakerConfig.Builder config() {
    return CircuitBreakerConfig.builder().name("inventory").ticker(ticker)
        .slidingWindow(CircuitBreakerConfig.WindowType.COUNT_BASED, 10).minimumNumberOfCalls(4)
        .failureRateThreshold(50).waitInOpen(Duration.ofSeconds(30)).permittedCallsInHalfOpen(2);
  }

  private static void fail(CircuitBreaker breaker) {
    assertTrue(breaker.tryAcquirePermission());
    breaker.onError(1, new IOException("down"));
  }

  private static void succeed(CircuitBreaker breaker) {
    assertTrue(breaker.tryAcquirePermission());
    breaker.onSuccess(1);
  }

  @Test
  void durationsBeyondNanosecondRangeMeanForever() {
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
    CircuitBreaker breaker = CircuitBreaker.of(config().waitInOpen(forever).slowCallDuration(forever)
        .maxWaitInHalfOpen(forever).build());
    for (int i = 0; i < 4; i++) {
      fail(breaker);
    }
    assertEquals(CircuitState.OPEN, breaker.state());
    ticker.advance(Duration.ofDays(365 * 100));
    assertFalse(breaker.tryAcquirePermission());
  }

  @Test
  void decidesNothingBelowTheMinimumNumberOfCalls() {
    CircuitBreaker breaker = CircuitBreaker.of(config().build());
    fail(breaker);
    fail(breaker);
    fail(breaker);
    assertEquals(CircuitState.CLOSED, breaker.state());
    assertEquals(-1f, breaker.metrics().failureRate());
    fail(breaker);
    assertEquals(CircuitState.OPEN, breaker.state());
  }

  @Test
  void opensExactlyWhenTheRateReachesTheThreshold() {
    CircuitBreaker breaker = CircuitBreaker.of(config().build());
    succeed(breaker);
    succeed(breaker);
    succeed(breaker);
    fail(breaker); // 25%
    fail(breaker); // 40%
    assertEquals(CircuitState.CLOSED, breaker.state());
    fail(breaker); // 3 of 6 = 50%
    assertEquals(CircuitState.OPEN, breaker.state());
  }

  @Test
  void openRejectsUntilTheWaitHasPassedThenLetsExactlyTheTrialCallsThrough() {
    CircuitBreaker breaker = CircuitBreaker.of(config().build());
    for (int i = 0; i < 4; i++) {
      fail(breaker);
    }
    ticker.advance(Duration.ofSeconds(10));
    CallNotPermittedException rejected = assertThrows(CallNotPermittedException.class, breaker::acquirePermission);
    assertEquals(CircuitState.OPEN, rejected.state());
    assertEquals(Duration.ofSeconds(20), rejected.retryAfter().orElseThrow());
    assertTrue(rejected.getMessage().contains("'inventory' is OPEN") && rejected.getMessage().contains("20000 ms"), rejected.getMessage());
    ticker.advance(Duration.ofSeconds(20).minusNanos(1));
    assertFalse(breaker.tryAcquirePermission());
    ticker.advance(Duration.ofNanos(1));
    assertTrue(breaker.tryAcquirePermission());
    assertEquals(CircuitState.HALF_OPEN, breaker.state());
    assertTrue(breaker.tryAcquirePermission());
    assertFalse(breaker.tryAcquirePermission());
    assertEquals(3, breaker.metrics().notPermittedCalls(), "two rejections in OPEN, one in HALF_OPEN");
  }

  @Test
  void halfOpenClosesOnGoodTrialsAndReopensWithBackoffOnBadOnes() {
    CircuitBreaker breaker = CircuitBreaker.of(config().waitBackoff(2, Duration.ofSeconds(100)).build());
    for (int i = 0; i < 4; i++) {
      fail(breaker);
    }
    ticker.advance(Duration.ofSeconds(30));
    fail(breaker);
    fail(breaker);
    assertEquals(CircuitState.OPEN, breaker.state());
    ticker.advance(Duration.ofSeconds(59));
    assertFalse(breaker.tryAcquirePermission(), "the second wait is doubled to 60 s");
    ticker.advance(Duration.ofSeconds(1));
    succeed(breaker);
    succeed(breaker);
    assertEquals(CircuitState.CLOSED, breaker.state());
    assertEquals(0, breaker.metrics().bufferedCalls(), "closing starts an empty window");
  }

  @Test
  void exactlyTheTrialCallsArePermittedHoweverManyThreadsRace() throws Exception {
    CircuitBreaker breaker = CircuitBreaker.of(config().permittedCallsInHalfOpen(5).build());
    for (int i = 0; i < 4; i++) {
      fail(breaker);
    }
    ticker.advance(Duration.ofSeconds(30));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger granted = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 1000; i++) {
            if (breaker.tryAcquirePermission()) {
              granted.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(10, TimeUnit.SECONDS);
      }
      assertEquals(5, granted.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ignoredExceptionsNeverCountAndIgnoringWinsOverRecording() {
    CircuitBreaker breaker = CircuitBreaker.of(config()
        .recordExceptions(IOException.class).ignoreExceptions(FileNotFoundException.class).build());
    for (int i = 0; i < 10; i++) {
      assertTrue(breaker.tryAcquirePermission());
      breaker.onError(1, new FileNotFoundException("ignored"));
      assertTrue(breaker.tryAcquirePermission());
      breaker.onError(1, new IllegalStateException("not recorded: a success"));
    }
    assertEquals(CircuitState.CLOSED, breaker.state());
    assertEquals(10, breaker.metrics().bufferedCalls());
    assertEquals(0, breaker.metrics().failedCalls());
  }

  @Test
  void slowCallsOpenTheBreakerAtTheirOwnThreshold() {
    CircuitBreaker breaker = CircuitBreaker.of(config().slowCallDuration(Duration.ofMillis(100)).slowCallRateThreshold(75).build());
    for (int i = 0; i < 3; i++) {
      assertTrue(breaker.tryAcquirePermission());
      breaker.onSuccess(Duration.ofMillis(100).toNanos());
    }
    assertEquals(CircuitState.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquirePermission());
    breaker.onSuccess(Duration.ofMillis(99).toNanos());
    assertEquals(CircuitState.OPEN, breaker.state(), "3 of 4 slow = 75%");
  }

  @Test
  void aTimeBasedWindowForgetsCallsOlderThanItsSpan() {
    CircuitBreaker breaker = CircuitBreaker.of(config().slidingWindow(CircuitBreakerConfig.WindowType.TIME_BASED, 10).build());
    fail(breaker);
    fail(breaker);
    fail(breaker);
    ticker.advance(Duration.ofSeconds(10));
    assertEquals(0, breaker.metrics().bufferedCalls());
    fail(breaker);
    assertEquals(CircuitState.CLOSED, breaker.state(), "the old failures left the window");
    ticker.advance(Duration.ofSeconds(9));
    fail(breaker);
    fail(breaker);
    fail(breaker);
    assertEquals(CircuitState.OPEN, breaker.state());
  }

  @Test
  void aHalfOpenVerdictThatTakesTooLongOpensAgain() {
    CircuitBreaker breaker = CircuitBreaker.of(config().maxWaitInHalfOpen(Duration.ofSeconds(5)).build());
    for (int i = 0; i < 4; i++) {
      fail(breaker);
    }
    ticker.advance(Duration.ofSeconds(30));
    assertTrue(breaker.tryAcquirePermission());
    ticker.advance(Duration.ofSeconds(5));
    assertFalse(breaker.tryAcquirePermission());
    assertEquals(CircuitState.OPEN, breaker.state());
  }

  @Test
  void explicitStatesHoldUntilLeft() {
    List<String> events = new ArrayList<>();
    CircuitBreaker breaker = CircuitBreaker.of(config().listener(new CircuitBreakerListener() {
      @Override
      public void onStateTransition(String name, CircuitState from, CircuitState to) {
        events.add(from + "->" + to);
      }
    }).build());
    breaker.transitionToForcedOpen();
    CallNotPermittedException rejected = assertThrows(CallNotPermittedException.class, breaker::acquirePermission);
    assertTrue(rejected.retryAfter().isEmpty());
    breaker.transitionToDisabled();
    for (int i = 0; i < 20; i++) {
      fail(breaker);
    }
    assertEquals(CircuitState.DISABLED, breaker.state());
    breaker.transitionToMetricsOnly();
    for (int i = 0; i < 20; i++) {
      fail(breaker);
    }
    assertEquals(CircuitState.METRICS_ONLY, breaker.state());
    assertEquals(10, breaker.metrics().failedCalls());
    breaker.transitionToClosed();
    assertEquals(List.of("CLOSED->FORCED_OPEN", "FORCED_OPEN->DISABLED", "DISABLED->METRICS_ONLY", "METRICS_ONLY->CLOSED"), events);
  }

  @Test
  void decoratorsReturnValuesAndExceptionsUnchanged() throws Exception {
    CircuitBreaker breaker = CircuitBreaker.of(config().recordResult(result -> "bad".equals(result)).build());
    Object value = new Object();
    assertSame(value, breaker.call(() -> value));
    IOException thrown = new IOException("down");
    assertSame(thrown, assertThrows(IOException.class, () -> breaker.call(() -> {
      throw thrown;
    })));
    assertEquals("bad", breaker.get(() -> "bad"));
    assertEquals(2, breaker.metrics().failedCalls());
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> decorated = breaker.callAsync(() -> pending).toCompletableFuture();
    pending.completeExceptionally(new IOException("later"));
    assertTrue(decorated.isCompletedExceptionally());
    assertEquals(CircuitState.OPEN, breaker.state(), "3 failures of 4 calls");
    CompletableFuture<String> rejected = breaker.callAsync(() -> CompletableFuture.completedFuture("x")).toCompletableFuture();
    assertTrue(rejected.isCompletedExceptionally());
  }

  @Test
  void badSettingsAreRejectedNamingTheSetting() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CircuitBreakerConfig.builder().failureRateThreshold(0))
        .getMessage().startsWith("failureRateThreshold must be a percentage in (0, 100], was 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CircuitBreakerConfig.builder().slowCallRateThreshold(101))
        .getMessage().startsWith("slowCallRateThreshold"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CircuitBreakerConfig.builder().waitInOpen(Duration.ZERO))
        .getMessage().startsWith("waitInOpen must be positive"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> CircuitBreakerConfig.builder().slidingWindow(CircuitBreakerConfig.WindowType.TIME_BASED, 3601))
        .getMessage().contains("between 1 and 3600"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> CircuitBreakerConfig.builder().slidingWindow(CircuitBreakerConfig.WindowType.COUNT_BASED, 10).minimumNumberOfCalls(11).build())
        .getMessage().contains("could never decide"));
    assertThrows(IllegalArgumentException.class, () -> CircuitBreakerConfig.builder().permittedCallsInHalfOpen(0));
    assertThrows(IllegalArgumentException.class, () -> CircuitBreakerConfig.builder().waitBackoff(0.5, Duration.ofSeconds(1)));
    assertThrows(NullPointerException.class, () -> CircuitBreakerConfig.builder().ticker(null));
    assertThrows(NullPointerException.class, () -> CircuitBreaker.of(null));
  }
}
