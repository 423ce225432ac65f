package dev.trestle.core.bulkhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BulkheadConfigTest {

  @Test
  void defaults() {
    BulkheadConfig config = BulkheadConfig.builder().build();
    assertEquals("bulkhead", config.name());
    assertEquals(25, config.maxConcurrentCalls());
    assertEquals(Duration.ZERO, config.maxWait());
    assertTrue(config.fair());
    assertSame(Ticker.system(), config.ticker());
    assertSame(Scheduler.system(), config.scheduler());
    assertTrue(config.listeners().isEmpty());
  }

  @Test
  void aManualTickerIsAlsoTheScheduler() {
    ManualTicker ticker = new ManualTicker();
    assertSame(ticker, BulkheadConfig.builder().ticker(ticker).build().scheduler());
  }

  @Test
  void maxConcurrentCallsBelowOneIsRejectedWithTheValueAndTheRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BulkheadConfig.builder().maxConcurrentCalls(0));
    assertEquals("maxConcurrentCalls must be at least 1, was 0", e.getMessage());
  }

  @Test
  void aNegativeMaxWaitIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BulkheadConfig.builder().maxWait(Duration.ofMillis(-1)));
    assertEquals("maxWait must be zero or positive, was PT-0.001S", e.getMessage());
  }

  @Test
  void nullsAndBlankNamesAreRejectedNamingTheSetting() {
    BulkheadConfig.Builder builder = BulkheadConfig.builder();
    assertEquals("maxWait must not be null", assertThrows(NullPointerException.class, () -> builder.maxWait(null)).getMessage());
    assertEquals("ticker must not be null", assertThrows(NullPointerException.class, () -> builder.ticker(null)).getMessage());
    assertEquals("scheduler must not be null", assertThrows(NullPointerException.class, () -> builder.scheduler(null)).getMessage());
    assertEquals("listener must not be null", assertThrows(NullPointerException.class, () -> builder.listener(null)).getMessage());
    assertEquals("name must not be null", assertThrows(NullPointerException.class, () -> builder.name(null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.name(" "));
  }

  @Test
  void aWaitTooLongForNanosecondsSaturates() {
    BulkheadConfig config = BulkheadConfig.builder().maxWait(Duration.ofSeconds(Long.MAX_VALUE)).build();
    assertEquals(Long.MAX_VALUE, config.maxWaitNanos);
  }
}
