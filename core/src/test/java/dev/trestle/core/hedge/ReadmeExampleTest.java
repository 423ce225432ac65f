package dev.trestle.core.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The hedging example of the README, run as written there. */
class ReadmeExampleTest {

  /** Stands in for a replicated price service. */
  private static final class Prices {
    CompletionStage<String> price(String sku) {
      return CompletableFuture.completedFuture("9.99 for " + sku);
    }

    String priceBlocking(String sku) {
      return "9.99 for " + sku;
    }
  }

  private final Prices prices = new Prices();

  @Test
  void readmeExample() throws Exception {
    // --- README begins
    Hedge hedge = Hedge.of(HedgeConfig.builder()
        .percentileDelay(95, Duration.ofMillis(5)) // hedge what is slower than the p95 seen, never before 5 ms
        .maxAttempts(2)
        .budget(0.05, 10)                          // at most 5% extra calls, plus 10 a second
        .build());
    CompletableFuture<String> price = hedge.callAsync(() -> prices.price("sku-42"));
    String now = hedge.call(() -> prices.priceBlocking("sku-42")); // attempts run on the config's executor
    // --- README ends
    assertEquals("9.99 for sku-42", price.get());
    assertEquals("9.99 for sku-42", now);
    assertEquals(2, hedge.metrics().calls());
  }
}
