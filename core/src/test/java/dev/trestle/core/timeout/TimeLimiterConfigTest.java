package dev.trestle.core.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class TimeLimiterConfigTest {

  @Test
  void defaults() {
    TimeLimiterConfig config = TimeLimiterConfig.builder().timeout(Duration.ofMillis(250)).build();
    assertEquals(Duration.ofMillis(250), config.timeout());
    assertTrue(config.interruptOnTimeout());
    assertSame(Ticker.system(), config.ticker());
    assertSame(Scheduler.system(), config.scheduler());
  }

  @Test
  void aManualTickerAlsoSchedulesUnlessASchedulerIsSet() {
    ManualTicker ticker = new ManualTicker();
    assertSame(ticker, TimeLimiterConfig.builder().timeout(Duration.ofSeconds(1)).ticker(ticker).build().scheduler());
    assertSame(Scheduler.system(), TimeLimiterConfig.builder().timeout(Duration.ofSeconds(1)).ticker(ticker)
        .scheduler(Scheduler.system()).build().scheduler());
  }

  @Test
  void rejectsANonPositiveTimeoutNamingIt() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> TimeLimiterConfig.builder().timeout(Duration.ZERO));
    assertEquals("timeout must be positive, was PT0S", zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TimeLimiter.of(Duration.ofSeconds(-1)));
    NullPointerException missing = assertThrows(NullPointerException.class, () -> TimeLimiter.of((Duration) null));
    assertTrue(missing.getMessage().contains("timeout"));
  }

  @Test
  void refusesToBuildWithoutATimeout() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TimeLimiterConfig.builder().build());
    assertTrue(e.getMessage().contains("timeout"), e.getMessage());
  }

  @Test
  void rejectsAClosedExecutor() {
    ExecutorService closed = Executors.newSingleThreadExecutor();
    closed.shutdown();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TimeLimiterConfig.builder().executor(closed));
    assertTrue(e.getMessage().startsWith("executor has been shut down"), e.getMessage());
  }

  @Test
  void rejectsNullCollaboratorsNamingThem() {
    TimeLimiterConfig.Builder builder = TimeLimiterConfig.builder();
    assertEquals("ticker must not be null", assertThrows(NullPointerException.class, () -> builder.ticker(null)).getMessage());
    assertEquals("scheduler must not be null", assertThrows(NullPointerException.class, () -> builder.scheduler(null)).getMessage());
    assertEquals("executor must not be null", assertThrows(NullPointerException.class, () -> builder.executor(null)).getMessage());
    assertEquals("config must not be null", assertThrows(NullPointerException.class, () -> TimeLimiter.of((TimeLimiterConfig) null)).getMessage());
  }
}
