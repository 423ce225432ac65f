package dev.trestle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache example of the README, kept compiling and true. */
class ReadmeExampleTest {

  static final class Product {
    final String sku;

    Product(String sku) {
      this.sku = sku;
    }
  }

  @Test
  void readmeExample() {
    ManualTicker ticker = new ManualTicker();
    List<String> removed = new ArrayList<>();
    // README begins
    Cache<String, Product> products = CacheBuilder.<String, Product>newBuilder()
        .maximumSize(10_000)
        .policy(EvictionPolicy.LFU)              // or LRU; ADAPTIVE is the default
        .expireAfterWrite(Duration.ofMinutes(5))
        .ticker(ticker)                          // tests drive time; production omits this
        .removalListener((sku, product, cause) -> removed.add(sku + ":" + cause))
        .recordStats()
        .build();
    Product p = products.get("sku-42", Product::new); // loaded once, however many threads ask
    ticker.advance(Duration.ofMinutes(5));
    products.getIfPresent("sku-42");                  // null: expired
    products.cleanUp();                               // removed: [sku-42:EXPIRED]
    // README ends
    assertEquals("sku-42", p.sku);
    assertNull(products.getIfPresent("sku-42"));
    assertEquals(List.of("sku-42:EXPIRED"), removed);
    assertEquals(1, products.stats().loadSuccessCount());
  }
}
