package dev.trestle.core.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.breaker.CallNotPermittedException;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.breaker.CircuitBreakerConfig.WindowType;
import dev.trestle.core.breaker.CircuitBreakerMetrics;
import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.bulkhead.BulkheadConfig;
import dev.trestle.core.bulkhead.BulkheadListener;
import dev.trestle.core.hedge.Hedge;
import dev.trestle.core.hedge.HedgeConfig;
import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallPolicyTest {

  private final ManualTicker ticker = new ManualTicker();
  private final AtomicInteger permitsTaken = new AtomicInteger();

  private RetryConfig.Builder retry(int attempts) {
    return RetryConfig.builder().name("r").maxAttempts(attempts).backoff(Backoff.fixed(Duration.ZERO))
        .ignoreExceptions(CallNotPermittedException.class);
  }

  private CircuitBreaker breaker(int window) {
    return CircuitBreaker.of(CircuitBreakerConfig.builder().name("b").slidingWindow(WindowType.COUNT_BASED, window)
        .minimumNumberOfCalls(window).failureRateThreshold(100).ticker(ticker).build());
  }

  private Bulkhead bulkhead(int max) {
    return Bulkhead.of(BulkheadConfig.builder().name("h").maxConcurrentCalls(max).ticker(ticker)
        .listener(new BulkheadListener() {
          @Override
          public void onCallPermitted(String bulkheadName) {
            permitsTaken.incrementAndGet();
          }
        }).build());
  }

  @Test
  void theBreakerCountsEachAttemptOfASyncCallAndTheValueComesBack() throws Exception {
    CircuitBreaker breaker = breaker(10);
    Bulkhead bulkhead = bulkhead(1);
    Retry retry = Retry.of(retry(3).build());
    CallPolicy policy = CallPolicy.builder().retry(retry).circuitBreaker(breaker).bulkhead(bulkhead)
        .timeLimiter(TimeLimiter.of(Duration.ofMinutes(1))).build();
    AtomicInteger attempts = new AtomicInteger();

    String value = policy.call(() -> {
      if (attempts.incrementAndGet() < 3) {
        throw new IOException("attempt " + attempts.get());
      }
      return "ok";
    });

    assertEquals("ok", value);
    CircuitBreakerMetrics window = breaker.metrics();
    assertEquals(3, window.bufferedCalls());
    assertEquals(2, window.failedCalls());
    assertEquals(3, permitsTaken.get());
    assertEquals(1, bulkhead.metrics().availablePermits());
    assertEquals(1, retry.metrics().succeededAfterRetry());
  }

  @Test
  void anOpenBreakerEndsTheRetriesBeforeTheBulkheadIsAsked() {
    CircuitBreaker breaker = breaker(2); // opens once two attempts have failed
    CallPolicy policy = CallPolicy.builder().retry(Retry.of(retry(5).build())).circuitBreaker(breaker).bulkhead(bulkhead(4))
        .build();
    AtomicInteger attempts = new AtomicInteger();

    CallNotPermittedException rejected = assertThrows(CallNotPermittedException.class, () -> policy.call(() -> {
      attempts.incrementAndGet();
      throw new IOException("down");
    }));

    assertEquals("b", rejected.breakerName());
    assertEquals(2, attempts.get());
    assertEquals(2, permitsTaken.get()); // the third attempt was refused by the breaker, not the bulkhead
    assertEquals(1, breaker.metrics().notPermittedCalls());
  }

  @Test
  void theCallsOwnExceptionComesBackUnwrappedWhenTheRetriesRunOut() {
    IOException last = new IOException("last");
    AtomicInteger attempts = new AtomicInteger();
    CallPolicy policy = CallPolicy.builder().retry(Retry.of(retry(2).build())).circuitBreaker(breaker(10))
        .timeLimiter(TimeLimiter.of(Duration.ofMinutes(1))).build();
    assertSame(last, assertThrows(IOException.class, () -> policy.call(() -> {
      throw attempts.incrementAndGet() == 2 ? last : new IOException("first");
    })));
  }

  @Test
  void theTimeLimiterBoundsEachAttemptOfAnAsyncCall() throws Exception {
    CircuitBreaker breaker = breaker(10);
    Retry retry = Retry.of(retry(2).backoff(Backoff.fixed(Duration.ofMillis(100))).ticker(ticker).build());
    CallPolicy policy = CallPolicy.builder().timeLimiter(TimeLimiter.of(TimeLimiterConfig.builder()
        .timeout(Duration.ofSeconds(1)).ticker(ticker).build())).circuitBreaker(breaker).retry(retry).build();
    List<CompletableFuture<String>> attempts = new ArrayList<>();

    CompletableFuture<String> result = policy.callAsync(() -> {
      CompletableFuture<String> attempt = attempts.isEmpty() ? new CompletableFuture<>() : CompletableFuture.completedFuture("second");
      attempts.add(attempt);
      return attempt;
    });
    ticker.advance(1, TimeUnit.SECONDS); // the first attempt's limit: it is cancelled and fails the attempt
    assertTrue(attempts.get(0).isCancelled());
    assertFalse(result.isDone());
    ticker.advance(100, TimeUnit.MILLISECONDS); // the backoff: the second attempt starts and answers

    assertEquals("second", result.get(0, TimeUnit.SECONDS));
    assertEquals(2, breaker.metrics().bufferedCalls());
    assertEquals(1, breaker.metrics().failedCalls());
  }

  @Test
  void anAsyncCallFailsWithTheTimeoutWhenEveryAttemptIsSlow() {
    CallPolicy policy = CallPolicy.builder().retry(Retry.of(retry(1).ticker(ticker).build())).circuitBreaker(breaker(10))
        .timeLimiter(TimeLimiter.of(TimeLimiterConfig.builder().timeout(Duration.ofSeconds(1)).ticker(ticker).build())).build();
    CompletableFuture<String> result = policy.callAsync(CompletableFuture::new);
    ticker.advance(1, TimeUnit.SECONDS);
    ExecutionException failed = assertThrows(ExecutionException.class, () -> result.get(0, TimeUnit.SECONDS));
    assertInstanceOf(DeadlineExceededException.class, failed.getCause());
  }

  @Test
  void aHedgedCallHoldsOneBulkheadPermitForAllItsAttempts() throws Exception {
    Bulkhead bulkhead = bulkhead(1);
    Hedge hedge = Hedge.of(HedgeConfig.builder().name("g").fixedDelay(Duration.ofMillis(50)).budget(1, 1000).ticker(ticker).build());
    CallPolicy policy = CallPolicy.builder().hedge(hedge).bulkhead(bulkhead).build();
    List<CompletableFuture<String>> attempts = new ArrayList<>();

    CompletableFuture<String> result = policy.callAsync(() -> {
      CompletableFuture<String> attempt = new CompletableFuture<>();
      attempts.add(attempt);
      return attempt;
    });
    ticker.advance(50, TimeUnit.MILLISECONDS);
    assertEquals(2, attempts.size());
    assertEquals(0, bulkhead.metrics().availablePermits());
    assertEquals(1, permitsTaken.get());
    attempts.get(1).complete("hedge");

    assertEquals("hedge", result.get(0, TimeUnit.SECONDS));
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void anAsyncFailureIsTheSameInstance() {
    IllegalStateException failure = new IllegalStateException("bad request");
    CallPolicy policy = CallPolicy.builder().circuitBreaker(breaker(10)).bulkhead(bulkhead(1)).build();
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> policy.<String>callAsync(() -> CompletableFuture.failedFuture(failure)).get(0, TimeUnit.SECONDS));
    assertSame(failure, failed.getCause());
  }

  @Test
  void theOrderIsFixedWhateverTheOrderOfTheSetters() {
    CallPolicy policy = CallPolicy.builder().timeLimiter(TimeLimiter.of(Duration.ofSeconds(2))).bulkhead(bulkhead(1))
        .circuitBreaker(breaker(10)).retry(Retry.of(retry(2).build())).build();
    assertEquals("CallPolicy[retry r > circuitBreaker b > bulkhead h > timeLimiter PT2S]", policy.toString());
  }

  @Test
  void aRetryThatWouldRetryAnOpenBreakerIsRefused() {
    CallPolicy.Builder builder = CallPolicy.builder().retry(Retry.of(RetryConfig.builder().name("r").build()))
        .circuitBreaker(breaker(10));
    assertEquals("retry 'r' would retry CallNotPermittedException, so an open circuit breaker 'b' would be asked again "
        + "until the attempts run out; build the retry with ignoreExceptions(CallNotPermittedException.class)",
        assertThrows(IllegalArgumentException.class, builder::build).getMessage());
    assertEquals("a CallPolicy needs at least one block: set a retry, circuitBreaker, bulkhead, hedge or timeLimiter",
        assertThrows(IllegalStateException.class, () -> CallPolicy.builder().build()).getMessage());
    assertEquals("retry must not be null", assertThrows(NullPointerException.class, () -> CallPolicy.builder().retry(null))
        .getMessage());
  }
}
