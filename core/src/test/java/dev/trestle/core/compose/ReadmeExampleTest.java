package dev.trestle.core.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trestle.core.breaker.CallNotPermittedException;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.timeout.TimeLimiter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The README's composition recipe, run. */
class ReadmeExampleTest {

  private static String fetchPrice(String sku) {
    return "9.99";
  }

  @Test
  void readmeRecipe() throws Exception {
    // README begins
    CallPolicy policy = CallPolicy.builder()
        .retry(Retry.of(RetryConfig.builder()
            .name("pricing")
            .maxAttempts(3)
            .backoff(Backoff.fullJitter(Duration.ofMillis(50), Duration.ofSeconds(1)))
            .retryExceptions(IOException.class, dev.trestle.core.DeadlineExceededException.class)
            .ignoreExceptions(CallNotPermittedException.class)   // required: never retry an open breaker
            .build()))
        .circuitBreaker(CircuitBreaker.of(CircuitBreakerConfig.builder().name("pricing").build()))
        .bulkhead(Bulkhead.of("pricing", 20))
        .timeLimiter(TimeLimiter.of(Duration.ofMillis(800)))     // per attempt
        .build();                                                // retry > breaker > bulkhead > time limiter

    String price = policy.call(() -> fetchPrice("sku-1"));
    CompletableFuture<String> later = policy.callAsync(() -> CompletableFuture.supplyAsync(() -> fetchPrice("sku-2")));
    // README ends
    assertEquals("9.99", price);
    assertEquals("9.99", later.get());
  }
}
