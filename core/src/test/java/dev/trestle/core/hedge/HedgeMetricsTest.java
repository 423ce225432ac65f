package dev.trestle.core.hedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HedgeMetricsTest {

  @Test
  void ofKeepsTheValuesItIsGiven() {
    HedgeMetrics metrics = HedgeMetrics.of(10, 4, 3, 2, Duration.ofMillis(7));
    assertEquals(10, metrics.calls());
    assertEquals(4, metrics.hedgesSent());
    assertEquals(3, metrics.hedgesWon());
    assertEquals(2, metrics.budgetDenials());
    assertEquals(Duration.ofMillis(7), metrics.currentDelay());
  }

  @Test
  void ofRejectsImpossibleSnapshotsNamingTheValues() {
    assertEquals("counts must be zero or positive, were calls=-1, hedgesSent=0, hedgesWon=0, budgetDenials=0",
        assertThrows(IllegalArgumentException.class, () -> HedgeMetrics.of(-1, 0, 0, 0, Duration.ZERO)).getMessage());
    assertEquals("hedgesWon must be at most hedgesSent (1), was 2",
        assertThrows(IllegalArgumentException.class, () -> HedgeMetrics.of(5, 1, 2, 0, Duration.ZERO)).getMessage());
    assertEquals("currentDelay must be zero or positive, was PT-0.001S",
        assertThrows(IllegalArgumentException.class, () -> HedgeMetrics.of(0, 0, 0, 0, Duration.ofMillis(-1))).getMessage());
    assertEquals("currentDelay must not be null",
        assertThrows(NullPointerException.class, () -> HedgeMetrics.of(0, 0, 0, 0, null)).getMessage());
  }

  @Test
  void aDelayTooLongForNanosecondsSaturates() {
    assertEquals(Duration.ofNanos(Long.MAX_VALUE), HedgeMetrics.of(0, 0, 0, 0, Duration.ofDays(400 * 365L)).currentDelay());
  }
}
