package dev.trestle.core.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class HedgeConfigTest {

  private static String message(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable action) {
    return assertThrows(type, action).getMessage();
  }

  @Test
  void defaultsWithAFixedDelay() {
    HedgeConfig config = HedgeConfig.builder().fixedDelay(Duration.ofMillis(20)).build();
    assertEquals(2, config.maxAttempts());
    assertEquals(Duration.ofMillis(20), config.delay());
    assertFalse(config.adaptiveDelay());
    assertEquals(0.1, config.budgetRatio());
    assertEquals(10, config.budgetMinPerSecond());
  }

  @Test
  void aPercentileDelayKeepsItsFloor() {
    ManualTicker ticker = new ManualTicker();
    HedgeConfig config = HedgeConfig.builder().percentileDelay(95, Duration.ofMillis(5)).ticker(ticker).build();
    assertTrue(config.adaptiveDelay());
    assertEquals(95, config.percentile());
    assertEquals(Duration.ofMillis(5), config.delay());
    assertSame(ticker, config.scheduler());
  }

  @Test
  void badSettingsAreRejectedNamingTheSettingTheValueAndTheRange() {
    HedgeConfig.Builder b = HedgeConfig.builder();
    assertEquals("maxAttempts must be between 1 and 16, was 0", message(IllegalArgumentException.class, () -> b.maxAttempts(0)));
    assertEquals("maxAttempts must be between 1 and 16, was 17", message(IllegalArgumentException.class, () -> b.maxAttempts(17)));
    assertEquals("fixedDelay must be positive, was PT0S", message(IllegalArgumentException.class, () -> b.fixedDelay(Duration.ZERO)));
    assertEquals("percentileDelay percentile must be in (0, 100), was 100.0",
        message(IllegalArgumentException.class, () -> b.percentileDelay(100, Duration.ofMillis(1))));
    assertEquals("percentileDelay floor must be positive, was PT-0.001S",
        message(IllegalArgumentException.class, () -> b.percentileDelay(50, Duration.ofMillis(-1))));
    assertEquals("latencyWindow must be between 16 and 65536, was 8", message(IllegalArgumentException.class, () -> b.latencyWindow(8)));
    assertEquals("budget ratio must be in [0, 1], was 1.5", message(IllegalArgumentException.class, () -> b.budget(1.5, 1)));
    assertEquals("budget minPerSecond must be zero or positive, was -1", message(IllegalArgumentException.class, () -> b.budget(0.1, -1)));
    assertTrue(message(IllegalArgumentException.class, () -> b.budget(0, 0)).contains("no hedge could ever be sent"));
    assertEquals("fixedDelay must not be null", message(NullPointerException.class, () -> b.fixedDelay(null)));
    assertEquals("ticker must not be null", message(NullPointerException.class, () -> b.ticker(null)));
    assertTrue(message(IllegalStateException.class, b::build).startsWith("a delay must be set"));
  }

  @Test
  void aShutDownExecutorIsRejected() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.shutdown();
    assertThrows(IllegalArgumentException.class, () -> HedgeConfig.builder().executor(executor));
  }
}
