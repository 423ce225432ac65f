package dev.trestle.core.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trestle.core.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's circuit-breaker example, kept compiling and true. */
class ReadmeExampleTest {

  private String fetchPrice(String sku) throws IOException {
    throw new IOException("pricing service unreachable");
  }

  @Test
  void theReadmeExampleWorks() {
    ManualTicker ticker = new ManualTicker();
    // README begins
    CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder()
        .name("pricing")
        .slidingWindow(CircuitBreakerConfig.WindowType.COUNT_BASED, 20)
        .minimumNumberOfCalls(10)
        .failureRateThreshold(50)                                  // open at 50% failures...
        .slowCallDuration(Duration.ofSeconds(2))                   // ...or when calls of 2 s or more
        .slowCallRateThreshold(80)                                 //    reach 80%
        .waitInOpen(Duration.ofSeconds(30))                        // then fail fast for 30 s
        .permittedCallsInHalfOpen(3)                               // and try 3 calls
        .ignoreExceptions(IllegalArgumentException.class)          // a caller's mistake is not an outage
        .ticker(ticker)                                            // omit: the system ticker
        .build());

    for (int i = 0; i < 10; i++) {
      assertThrows(IOException.class, () -> breaker.call(() -> fetchPrice("sku-1")));
    }
    // Now OPEN: calls fail at once without touching the pricing service.
    CallNotPermittedException rejected =
        assertThrows(CallNotPermittedException.class, () -> breaker.call(() -> fetchPrice("sku-1")));
    // rejected.retryAfter() -> Optional[PT30S], for a Retry-After header
    // README ends
    assertEquals(CircuitState.OPEN, rejected.state());
    assertEquals(Duration.ofSeconds(30), rejected.retryAfter().orElseThrow());
  }
}
