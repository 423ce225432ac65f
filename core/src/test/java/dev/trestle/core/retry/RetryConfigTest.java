package dev.trestle.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryConfigTest {

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    RetryConfig config = RetryConfig.ofDefaults();
    assertEquals("default", config.name());
    assertEquals(3, config.maxAttempts());
    assertSame(RetryConfig.DEFAULT_BACKOFF, config.backoff());
    assertEquals(Backoff.Kind.FULL_JITTER, config.backoff().kind());
    assertTrue(config.retryExceptions().isEmpty());
    assertTrue(config.ignoreExceptions().isEmpty());
    assertFalse(config.retryOnResult().test(null));
    assertNull(config.maxDuration());
    assertNull(config.budget());
    assertSame(Ticker.system(), config.ticker());
    assertSame(Scheduler.system(), config.scheduler());
  }

  @Test
  void aManualTickerIsAlsoTheScheduler() {
    ManualTicker ticker = new ManualTicker();
    assertSame(ticker, RetryConfig.builder().ticker(ticker).build().scheduler());
  }

  @Test
  void theRetryRuleIgnoresFirstThenTheRetryListThenAllExceptions() {
    RetryConfig all = RetryConfig.ofDefaults();
    assertTrue(all.isRetryable(new IOException()));
    assertTrue(all.isRetryable(new RuntimeException()));
    assertFalse(all.isRetryable(new AssertionError()));
    assertFalse(all.isRetryable(new InterruptedException()));
    RetryConfig listed = RetryConfig.builder().retryExceptions(IOException.class, AssertionError.class)
        .ignoreExceptions(java.io.FileNotFoundException.class).build();
    assertTrue(listed.isRetryable(new IOException()));
    assertTrue(listed.isRetryable(new AssertionError()));
    assertFalse(listed.isRetryable(new java.io.FileNotFoundException()));
    assertFalse(listed.isRetryable(new IllegalStateException()));
  }

  @Test
  void badValuesAreRejectedAtOnceNamingTheSettingTheValueAndTheRange() {
    RetryConfig.Builder builder = RetryConfig.builder();
    assertEquals("maxAttempts must be at least 1 (it counts the first attempt), was 0",
        assertThrows(IllegalArgumentException.class, () -> builder.maxAttempts(0)).getMessage());
    assertEquals("maxDuration must be positive, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> builder.maxDuration(Duration.ZERO)).getMessage());
    assertEquals("name must not be blank, was \" \"",
        assertThrows(IllegalArgumentException.class, () -> builder.name(" ")).getMessage());
    assertEquals("backoff must not be null", assertThrows(NullPointerException.class, () -> builder.backoff(null)).getMessage());
    assertEquals("a retryExceptions class must not be null",
        assertThrows(NullPointerException.class, () -> builder.retryExceptions(IOException.class, null)).getMessage());
    assertEquals("ignoreExceptions must not be null",
        assertThrows(NullPointerException.class, () -> builder.ignoreExceptions((Class<? extends Throwable>[]) null)).getMessage());
    assertEquals("retryOnResult must not be null", assertThrows(NullPointerException.class, () -> builder.retryOnResult(null)).getMessage());
    assertEquals("budget must not be null", assertThrows(NullPointerException.class, () -> builder.budget(null)).getMessage());
    assertEquals("ticker must not be null", assertThrows(NullPointerException.class, () -> builder.ticker(null)).getMessage());
    assertEquals("scheduler must not be null", assertThrows(NullPointerException.class, () -> builder.scheduler(null)).getMessage());
    assertEquals("random must not be null", assertThrows(NullPointerException.class, () -> builder.random(null)).getMessage());
    assertEquals("listener must not be null", assertThrows(NullPointerException.class, () -> builder.listener(null)).getMessage());
    assertEquals(3, builder.build().maxAttempts()); // the rejected values left the builder as it was
  }
}
