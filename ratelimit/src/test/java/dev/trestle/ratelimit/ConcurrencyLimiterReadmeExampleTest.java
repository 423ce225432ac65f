package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The README's concurrency limiter example, run. */
class ConcurrencyLimiterReadmeExampleTest {

  private static String send(String request) throws TimeoutException {
    return "response to " + request;
  }

  @Test
  void readmeExample() throws Exception {
    ManualTicker ticker = new ManualTicker();
    // README begins
    ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimiterConfig.builder()
        .algorithm(LimitAlgorithm.VEGAS)      // the default: learns the limit from round-trip times and drops
        .initialLimit(20).limits(1, 500)
        .partition("checkout", 0.6)           // 60% of the limit is reserved for checkout calls
        .ticker(ticker)                       // tests only: the clock is Ticker.system() otherwise
        .build());

    Optional<ConcurrencyLimiter.Listener> call = limiter.acquire("checkout");
    if (call.isEmpty()) {
      // shed at once: HTTP 503, or a fallback; the dependency is at its limit
    } else {
      try {
        String response = send("order-42");
        call.get().onSuccess();                // the round trip since acquire feeds the limit
      } catch (TimeoutException e) {
        call.get().onDropped();                // overload: the limit backs off
      } catch (RuntimeException e) {
        call.get().onIgnore();                 // says nothing about capacity: just free the slot
      }
    }

    // Or let the limiter complete the call: LimitExceededException when refused.
    String response = limiter.call(() -> send("order-43"));
    // README ends
    assertTrue(call.isPresent());
    assertEquals("response to order-43", response);
    ConcurrencyLimiterMetrics metrics = limiter.metrics();
    assertEquals(2, metrics.accepted());
    assertEquals(2, metrics.succeeded());
    assertEquals(0, metrics.inflight());
  }
}
