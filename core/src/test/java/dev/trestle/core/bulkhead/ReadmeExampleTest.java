package dev.trestle.core.bulkhead;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The bulkhead example of the README, run as written there. */
class ReadmeExampleTest {

  /** Stands in for the dependency of the README. */
  private static final class Inventory {
    String lookup(String sku) {
      return "in stock: " + sku;
    }

    CompletionStage<String> lookupAsync(String sku) {
      return CompletableFuture.completedFuture(lookup(sku));
    }
  }

  private final Inventory inventory = new Inventory();

  @Test
  void readmeExample() throws Exception {
    String result = null;
    // --- README begins
    Bulkhead inventoryCalls = Bulkhead.of(BulkheadConfig.builder()
        .name("inventory")
        .maxConcurrentCalls(10)         // at most 10 calls inside the inventory client at once
        .maxWait(Duration.ofMillis(20)) // the 11th waits up to 20 ms for a permit
        .build());
    try {
      String stock = inventoryCalls.call(() -> inventory.lookup("sku-42"));
      result = stock;
    } catch (BulkheadFullException e) {
      // "bulkhead 'inventory' is full: all 10 permits in use and none freed within 20ms"
    }
    // Asynchronous work holds its permit until its stage completes; waiting never blocks the caller.
    CompletionStage<String> later = inventoryCalls.callAsync(() -> inventory.lookupAsync("sku-42"));
    // --- README ends
    assertEquals("in stock: sku-42", result);
    assertEquals("in stock: sku-42", later.toCompletableFuture().get());
    assertEquals(10, inventoryCalls.metrics().availablePermits());
  }
}
