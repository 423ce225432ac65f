package dev.trestle.core.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.breaker.CircuitBreakerConfig.WindowType;
import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.bulkhead.BulkheadConfig;
import dev.trestle.core.hedge.Hedge;
import dev.trestle.core.hedge.HedgeConfig;
import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoreMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ManualTicker ticker = new ManualTicker();

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void breakerMetersFollowTheWindowTheStateAndTheRejections() {
    CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder().name("payments")
        .slidingWindow(WindowType.COUNT_BASED, 4).minimumNumberOfCalls(4).failureRateThreshold(50)
        .waitInOpen(Duration.ofSeconds(10)).ticker(ticker).build());
    new CircuitBreakerMeters(breaker, Tags.of("region", "eu")).bindTo(registry);

    assertEquals(1, gauge("trestle.circuitbreaker.state", "name", "payments", "region", "eu", "state", "closed"));
    assertEquals(-1, gauge("trestle.circuitbreaker.failure.rate", "name", "payments"));
    breaker.onSuccess(1);
    breaker.onSuccess(1);
    breaker.onError(1, new IOException());
    assertEquals(2, gauge("trestle.circuitbreaker.buffered.calls", "kind", "successful"));
    assertEquals(1, gauge("trestle.circuitbreaker.buffered.calls", "kind", "failed"));
    breaker.onError(1, new IOException());

    assertEquals(0, gauge("trestle.circuitbreaker.state", "state", "closed"));
    assertEquals(1, gauge("trestle.circuitbreaker.state", "state", "open"));
    assertFalse(breaker.tryAcquirePermission());
    assertEquals(1, counter("trestle.circuitbreaker.not.permitted.calls", "kind", "not_permitted"));
    assertEquals(0, gauge("trestle.circuitbreaker.slow.calls"));
    assertEquals(-1, gauge("trestle.circuitbreaker.slow.call.rate"));
  }

  @Test
  void bulkheadMetersFollowThePermits() {
    Bulkhead bulkhead = Bulkhead.of(BulkheadConfig.builder().name("db").maxConcurrentCalls(2).ticker(ticker).build());
    new BulkheadMeters(bulkhead).bindTo(registry);
    assertEquals(2, gauge("trestle.bulkhead.available.concurrent.calls", "name", "db"));
    assertTrue(bulkhead.tryAcquirePermission());
    assertTrue(bulkhead.tryAcquirePermission());
    assertEquals(0, gauge("trestle.bulkhead.available.concurrent.calls"));
    assertEquals(2, gauge("trestle.bulkhead.max.allowed.concurrent.calls"));
    assertEquals(0, gauge("trestle.bulkhead.waiting.calls"));
    assertFalse(bulkhead.tryAcquirePermission());
    assertEquals(1, counter("trestle.bulkhead.rejected.calls", "name", "db"));
  }

  @Test
  void retryMetersCountCallsByOutcome() throws Exception {
    Retry retry = Retry.of(RetryConfig.builder().name("inventory").maxAttempts(2).backoff(Backoff.fixed(Duration.ofMillis(100)))
        .ticker(ticker).build());
    new RetryMeters(retry).bindTo(registry);

    assertEquals("ok", retry.call(() -> "ok"));
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> second = retry.callAsync(() -> attempts.incrementAndGet() == 1
        ? CompletableFuture.failedFuture(new IOException("first")) : CompletableFuture.completedFuture("second"));
    ticker.advance(100, TimeUnit.MILLISECONDS);
    assertEquals("second", second.get());
    CompletableFuture<String> failing = retry.callAsync(() -> CompletableFuture.failedFuture(new IOException("always")));
    ticker.advance(100, TimeUnit.MILLISECONDS);
    assertThrows(ExecutionException.class, failing::get);

    assertEquals(1, counter("trestle.retry.calls", "name", "inventory", "kind", "successful_without_retry"));
    assertEquals(1, counter("trestle.retry.calls", "kind", "successful_with_retry"));
    assertEquals(1, counter("trestle.retry.calls", "kind", "failed_with_retry"));
    assertEquals(0, counter("trestle.retry.calls", "kind", "failed_without_retry"));
    assertEquals(0, counter("trestle.retry.budget.denied"));
  }

  @Test
  void hedgeMetersCountCallsAndHedgesSentAndWon() throws Exception {
    Hedge hedge = Hedge.of(HedgeConfig.builder().name("search").fixedDelay(Duration.ofMillis(50)).budget(1, 1000)
        .ticker(ticker).build());
    new HedgeMeters(hedge).bindTo(registry);
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<String> result = hedge.callAsync(() -> sent.getAndIncrement() == 0 ? first : second);
    ticker.advance(50, TimeUnit.MILLISECONDS);
    second.complete("hedge");
    assertEquals("hedge", result.get());

    assertEquals(1, counter("trestle.hedge.calls", "name", "search"));
    assertEquals(1, counter("trestle.hedge.hedges", "kind", "sent"));
    assertEquals(1, counter("trestle.hedge.hedges", "kind", "won"));
    assertEquals(0, counter("trestle.hedge.hedges", "kind", "budget_denied"));
    assertEquals(0.05, registry.get("trestle.hedge.delay").timeGauge().value(TimeUnit.SECONDS), 1e-9);
  }

  @Test
  void timeLimiterMetersCountSuccessesFailuresAndTimeouts() throws Exception {
    TimeLimiter limiter = TimeLimiterMeters.monitor(registry,
        TimeLimiter.of(TimeLimiterConfig.builder().timeout(Duration.ofSeconds(1)).ticker(ticker).build()), "quotes");
    assertEquals("ok", limiter.call(() -> "ok"));
    IOException failure = new IOException("down");
    assertSame(failure, assertThrows(IOException.class, () -> limiter.call(() -> {
      throw failure;
    })));
    CompletableFuture<String> slow = limiter.callAsync(CompletableFuture::new);
    ticker.advance(1, TimeUnit.SECONDS);
    ExecutionException timedOut = assertThrows(ExecutionException.class, slow::get);
    assertTrue(timedOut.getCause() instanceof DeadlineExceededException);

    assertEquals(1, registry.get("trestle.timelimiter.calls").tags("name", "quotes", "kind", "successful").counter().count());
    assertEquals(1, registry.get("trestle.timelimiter.calls").tags("kind", "failed").counter().count());
    assertEquals(1, registry.get("trestle.timelimiter.calls").tags("kind", "timeout").counter().count());
  }

  @Test
  void badArgumentsAreNamed() {
    assertEquals("name must not be blank, was \" \"", assertThrows(IllegalArgumentException.class,
        () -> TimeLimiterMeters.monitor(registry, TimeLimiter.of(Duration.ofSeconds(1)), " ")).getMessage());
    assertThrows(NullPointerException.class, () -> new CircuitBreakerMeters(null));
  }
}
