package dev.trestle.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void saturatesInsteadOfOverflowing() {
    assertEquals(Long.MAX_VALUE, Durations.saturatedNanos(Duration.ofSeconds(Long.MAX_VALUE)));
    assertEquals(Long.MIN_VALUE, Durations.saturatedNanos(Duration.ofSeconds(Long.MIN_VALUE)));
    assertEquals(Long.MAX_VALUE, Durations.saturatedNanos(Duration.ofDays(300 * 365L)));
  }

  @Test
  void isExactWhereTheValueFits() {
    assertEquals(1_500_000_001L, Durations.saturatedNanos(Duration.ofSeconds(1, 500_000_001)));
    assertEquals(-7L, Durations.saturatedNanos(Duration.ofNanos(-7)));
    Duration edge = Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L); // 9,223,372,036 s fits exactly
    assertEquals(9_223_372_036_000_000_000L, Durations.saturatedNanos(edge));
    assertEquals(Long.MAX_VALUE, Durations.saturatedNanos(Duration.ofNanos(Long.MAX_VALUE)));
    assertEquals(Long.MAX_VALUE, Durations.saturatedNanos(Duration.ofNanos(Long.MAX_VALUE).plusNanos(1)));
    assertEquals(Long.MIN_VALUE, Durations.saturatedNanos(Duration.ofNanos(Long.MIN_VALUE)));
    assertEquals(Long.MIN_VALUE, Durations.saturatedNanos(Duration.ofNanos(Long.MIN_VALUE).minusNanos(1)));
  }

  @Test
  void nonNegativeNamesTheSettingAndValue() {
    assertEquals(0, Durations.nonNegativeNanos(Duration.ZERO, "maxWait"));
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> Durations.nonNegativeNanos(Duration.ofMillis(-1), "maxWait"));
    assertEquals("maxWait must be zero or positive, was PT-0.001S", negative.getMessage());
    NullPointerException missing = assertThrows(NullPointerException.class, () -> Durations.nonNegativeNanos(null, "maxWait"));
    assertEquals("maxWait must not be null", missing.getMessage());
  }

  @Test
  void positiveRefusesZero() {
    assertEquals(1, Durations.positiveNanos(Duration.ofNanos(1), "timeout"));
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> Durations.positiveNanos(Duration.ZERO, "timeout"));
    assertTrue(zero.getMessage().startsWith("timeout must be positive, was PT0S"), zero.getMessage());
  }

  @Test
  void formatsDurationsForPeople() {
    assertEquals("250ms", Durations.format(250_000_000));
    assertEquals("1.5s", Durations.format(1_500_000_000));
    assertEquals("12µs", Durations.format(12_000));
    assertEquals("7ns", Durations.format(7));
  }
}
