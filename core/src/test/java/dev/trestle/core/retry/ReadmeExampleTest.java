package dev.trestle.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trestle.core.Deadline;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's retry example, kept compiling and true. */
class ReadmeExampleTest {

  /** Stands in for the flaky dependency of the README: fails its first lookup of each sku. */
  private static final class Inventory {
    int lookups;

    String lookup(String sku) throws IOException {
      lookups++;
      if (sku.startsWith("gone")) {
        throw new FileNotFoundException(sku);
      }
      if (lookups == 1) {
        throw new IOException("connection reset");
      }
      return "in stock: " + sku;
    }
  }

  private final Inventory inventory = new Inventory();

  @Test
  void readmeExample() throws Exception {
    // --- README begins
    // One budget per dependency, shared by every retry that calls it: retries add at most 20%
    // to the load, plus 10 a second so that a quiet client can still retry.
    RetryBudget inventoryBudget = RetryBudget.ofDefaults();

    Retry retry = Retry.of(RetryConfig.builder()
        .name("inventory")
        .maxAttempts(4) // the first attempt and up to 3 retries
        .backoff(Backoff.fullJitter(Duration.ofMillis(50), Duration.ofSeconds(2)))
        .retryExceptions(IOException.class)
        .ignoreExceptions(FileNotFoundException.class) // never retried; wins over the retry list
        .maxDuration(Duration.ofSeconds(5))
        .budget(inventoryBudget)
        .build());

    // Under the caller's deadline no wait starts that would end after it.
    String stock = Deadline.after(Duration.ofSeconds(2)).call(() -> retry.call(() -> inventory.lookup("sku-42")));
    // --- README ends
    assertEquals("in stock: sku-42", stock);
    assertEquals(2, inventory.lookups);
    assertThrows(FileNotFoundException.class, () -> retry.call(() -> inventory.lookup("gone-7")));
    assertEquals(3, inventory.lookups);
    assertEquals(1, retry.metrics().succeededAfterRetry());
    assertEquals(1, retry.metrics().failedWithoutRetry());
  }
}
