package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What is specific to Trestle's concurrency limiter: the config's checks and each algorithm's
 * arithmetic. The contract itself is checked by ConcurrencyLimiterTck in the tck module.
 */
class ConcurrencyLimiterTest {

  private final ManualTicker ticker = new ManualTicker();

  private ConcurrencyLimiter limiter(LimitAlgorithm algorithm, int initial, int min, int max) {
    return ConcurrencyLimiter.of(ConcurrencyLimiterConfig.builder().algorithm(algorithm).initialLimit(initial)
        .limits(min, max).ticker(ticker).build());
  }

  private List<ConcurrencyLimiter.Listener> fill(ConcurrencyLimiter limiter) {
    List<ConcurrencyLimiter.Listener> calls = new ArrayList<>();
    for (Optional<ConcurrencyLimiter.Listener> call; (call = limiter.acquire()).isPresent(); ) {
      calls.add(call.get());
    }
    return calls;
  }

  @Test
  void theBuilderNamesTheSettingAndTheValue() {
    ConcurrencyLimiterConfig.Builder builder = ConcurrencyLimiterConfig.builder();
    assertEquals("initialLimit must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> builder.initialLimit(0)).getMessage());
    assertEquals("maxLimit must be at least minLimit 5, was 4",
        assertThrows(IllegalArgumentException.class, () -> builder.limits(5, 4)).getMessage());
    assertEquals("backoffRatio must be in [0.5, 1), was 1.0",
        assertThrows(IllegalArgumentException.class, () -> builder.backoffRatio(1.0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.backoffRatio(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> builder.maxWait(Duration.ofNanos(-1)));
    assertThrows(NullPointerException.class, () -> builder.maxWait(null));
    assertEquals("partition 'a' share must be in (0, 1], was 0.0",
        assertThrows(IllegalArgumentException.class, () -> builder.partition("a", 0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.partition(" ", 0.5));
    builder.partition("a", 0.7);
    assertThrows(IllegalArgumentException.class, () -> builder.partition("a", 0.1));
    builder.partition("b", 0.4);
    assertTrue(assertThrows(IllegalArgumentException.class, builder::build).getMessage()
        .startsWith("the partitions' shares must add up to at most 1"));
    assertEquals("initialLimit must be within [minLimit 1, maxLimit 10], was 20",
        assertThrows(IllegalArgumentException.class, () -> ConcurrencyLimiterConfig.builder().initialLimit(20)
            .limits(1, 10).build()).getMessage());
  }

  @Test
  void aFixedLimitIgnoresTheBoundsAndNeverMoves() {
    ConcurrencyLimiter fixed = ConcurrencyLimiter.of(ConcurrencyLimiterConfig.builder().algorithm(LimitAlgorithm.FIXED)
        .initialLimit(50).limits(1, 10).ticker(ticker).build());
    for (int round = 0; round < 5; round++) {
      fill(fixed).forEach(ConcurrencyLimiter.Listener::onDropped);
    }
    assertEquals(50, fixed.limit());
  }

  @Test
  void aimdAddsOnePerSuccessAtTheLimitAndBacksOffPerDrop() {
    ConcurrencyLimiter aimd = limiter(LimitAlgorithm.AIMD, 10, 1, 100);
    List<ConcurrencyLimiter.Listener> calls = fill(aimd);
    calls.get(9).onSuccess(1_000_000); // admitted 10th of 10: at the limit
    assertEquals(11, aimd.limit());
    calls.get(0).onSuccess(1_000_000); // admitted 1st of 10: the client was not using the limit
    assertEquals(11, aimd.limit());
    calls.get(1).onDropped();
    assertEquals(9, aimd.limit()); // floor(11 x 0.9)
  }

  @Test
  void vegasGrowsWithoutAQueueAndShrinksWithOne() {
    ConcurrencyLimiter vegas = limiter(LimitAlgorithm.VEGAS, 100, 1, 1000);
    List<ConcurrencyLimiter.Listener> calls = fill(vegas);
    calls.get(99).onSuccess(10_000_000); // the first sample sets the no-load latency: no queue, +6 log10(100)
    assertEquals(112, vegas.limit());
    calls.get(98).onSuccess(20_000_000); // queue = ceil(112 x (1 - 10/20)) = 56 > 6 log10: -log10(112)
    assertEquals(109, vegas.limit());
  }

  @Test
  void gradient2TakesA0nsRoundTripAs1ns() {
    ConcurrencyLimiter gradient2 = limiter(LimitAlgorithm.GRADIENT2, 10, 3, 50);
    for (int round = 0; round < 50; round++) {
      fill(gradient2).forEach(ConcurrencyLimiter.Listener::onSuccess); // the ticker never moves: 0 ns
      assertTrue(gradient2.limit() >= 3 && gradient2.limit() <= 50, "limit " + gradient2.limit());
    }
  }

  @Test
  void callReportsATimeoutAsADropAndOtherFailuresAsIgnored() {
    ConcurrencyLimiter limiter = limiter(LimitAlgorithm.AIMD, 10, 1, 100);
    TimeoutException timeout = new TimeoutException();
    assertEquals(timeout, assertThrows(TimeoutException.class, () -> limiter.call(() -> {
      throw timeout;
    })));
    assertThrows(IllegalStateException.class, () -> limiter.call(() -> {
      throw new IllegalStateException();
    }));
    ConcurrencyLimiterMetrics metrics = limiter.metrics();
    assertEquals(1, metrics.dropped());
    assertEquals(1, metrics.ignored());
    assertEquals(9, limiter.limit());
    assertThrows(NullPointerException.class, () -> limiter.call(null));
    assertEquals(2, limiter.metrics().accepted());
  }

  @Test
  void anUnknownPartitionIsNamedInTheException() {
    ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimiterConfig.builder().name("orders")
        .partition("batch", 0.2).build());
    assertEquals("concurrency limiter 'orders' has no partition 'live'; its partitions are [batch]",
        assertThrows(IllegalArgumentException.class, () -> limiter.acquire("live")).getMessage());
    assertThrows(NullPointerException.class, () -> limiter.acquire(null));
  }

  @Test
  void aWaiterOnTheManualTickerIsRefusedWhenTheTickerPassesMaxWait() throws Exception {
    ConcurrencyLimiter limiter = ConcurrencyLimiter.of(ConcurrencyLimiterConfig.builder().algorithm(LimitAlgorithm.FIXED)
        .initialLimit(1).maxWait(Duration.ofMillis(50)).ticker(ticker).build());
    ConcurrencyLimiter.Listener holder = limiter.acquire().orElseThrow();
    Optional<?>[] result = new Optional<?>[1];
    Thread waiter = new Thread(() -> result[0] = limiter.acquire());
    waiter.start();
    while (ticker.pendingTasks() == 0) {
      Thread.onSpinWait();
    }
    ticker.advance(50, TimeUnit.MILLISECONDS);
    waiter.join(5_000);
    assertTrue(result[0].isEmpty());
    holder.onIgnore();
    assertEquals(1, limiter.metrics().rejected());
    assertEquals(0, limiter.inflight());
  }
}
