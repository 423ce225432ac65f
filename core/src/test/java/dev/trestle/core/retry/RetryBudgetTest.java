package dev.trestle.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

  private final ManualTicker ticker = new ManualTicker();

  private static int drain(RetryBudget budget) {
    int granted = 0;
    while (budget.tryAcquireRetry()) {
      granted++;
    }
    return granted;
  }

  @Test
  void aFreshBudgetGrantsTheFloorTimesTheTtl() {
    RetryBudget budget = RetryBudget.of(0.2, 3, Duration.ofSeconds(10), ticker);
    assertEquals(30, budget.available());
    assertEquals(30, drain(budget));
  }

  @Test
  void eachRequestAddsTheRatio() {
    RetryBudget budget = RetryBudget.of(0.5, 0, Duration.ofSeconds(10), ticker);
    for (int i = 0; i < 7; i++) {
      budget.recordRequest();
    }
    assertEquals(3, drain(budget)); // floor(0.5 x 7)
    budget.recordRequest();
    assertEquals(1, drain(budget)); // floor(0.5 x 8) - 3
  }

  @Test
  void aZeroBudgetGrantsNothing() {
    RetryBudget budget = RetryBudget.of(0, 0, Duration.ofSeconds(1), ticker);
    budget.recordRequest();
    assertFalse(budget.tryAcquireRetry());
  }

  @Test
  void retriesAreGrantedAgainOnceTheTtlHasPassed() {
    RetryBudget budget = RetryBudget.of(0, 1, Duration.ofSeconds(10), ticker);
    assertEquals(10, drain(budget));
    ticker.advance(Duration.ofSeconds(9));
    assertEquals(0, budget.available());
    ticker.advance(Duration.ofSeconds(1));
    assertEquals(10, drain(budget));
  }

  @Test
  void requestsStopCountingOnceTheTtlHasPassed() {
    RetryBudget budget = RetryBudget.of(1, 0, Duration.ofSeconds(10), ticker);
    for (int i = 0; i < 5; i++) {
      budget.recordRequest();
    }
    ticker.advance(Duration.ofSeconds(10));
    assertEquals(0, budget.available());
  }

  @Test
  void theWindowSlidesStepByStep() {
    RetryBudget budget = RetryBudget.of(1, 0, Duration.ofSeconds(10), ticker);
    budget.recordRequest();
    ticker.advance(Duration.ofSeconds(5));
    budget.recordRequest();
    ticker.advance(Duration.ofSeconds(5));
    assertEquals(1, budget.available()); // the first request has expired, the second counts
  }

  @Test
  void concurrentRetriesNeverExceedTheAllowance() throws Exception {
    RetryBudget budget = RetryBudget.of(0.25, 0, Duration.ofSeconds(10), ticker);
    for (int i = 0; i < 4000; i++) {
      budget.recordRequest();
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> granted = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        granted.add(threads.submit(() -> {
          go.await();
          int mine = 0;
          for (int i = 0; i < 1000; i++) {
            if (budget.tryAcquireRetry()) {
              mine++;
            }
          }
          return mine;
        }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> f : granted) {
        total += f.get(30, TimeUnit.SECONDS);
      }
      assertEquals(1000, total);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void badValuesAreRejectedNamingTheSetting() {
    assertEquals("budget ratio must be in [0, 10.0], was -0.1",
        assertThrows(IllegalArgumentException.class, () -> RetryBudget.of(-0.1, 0, Duration.ofSeconds(1), ticker)).getMessage());
    assertEquals("budget ratio must be in [0, 10.0], was NaN",
        assertThrows(IllegalArgumentException.class, () -> RetryBudget.of(Double.NaN, 0, Duration.ofSeconds(1), ticker)).getMessage());
    assertEquals("budget minRetriesPerSecond must be at least 0, was -1",
        assertThrows(IllegalArgumentException.class, () -> RetryBudget.of(0.1, -1, Duration.ofSeconds(1), ticker)).getMessage());
    assertEquals("budget ttl must be in [PT1S, PT1H], was PT0.5S",
        assertThrows(IllegalArgumentException.class, () -> RetryBudget.of(0.1, 1, Duration.ofMillis(500), ticker)).getMessage());
    assertThrows(NullPointerException.class, () -> RetryBudget.of(0.1, 1, Duration.ofSeconds(1), null));
    assertTrue(RetryBudget.ofDefaults().available() >= 100);
  }
}
