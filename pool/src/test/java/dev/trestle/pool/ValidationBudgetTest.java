package dev.trestle.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Validation gets at most what is left of the borrower's wait, so a silent server cannot hold an acquire past its timeout. */
class ValidationBudgetTest {

  private final List<Duration> timeouts = new CopyOnWriteArrayList<>();
  private final ManualTicker ticker = new ManualTicker();

  private final Allocator<Object> allocator = new Allocator<>() {
    @Override
    public Object create() {
      return new Object();
    }

    @Override
    public boolean validate(Object object, Duration timeout) {
      timeouts.add(timeout);
      return true;
    }

    @Override
    public void destroy(Object object) {}
  };

  private ObjectPool<Object> pool(Duration acquireTimeout) {
    return ObjectPool.create(allocator, PoolConfig.builder().maxSize(1).acquireTimeout(acquireTimeout)
        .validationTimeout(Duration.ofSeconds(5)).validateAfterIdle(Duration.ZERO).ticker(ticker).build());
  }

  @Test
  void validationIsCutToTheAcquireTimeout() {
    try (ObjectPool<Object> pool = pool(Duration.ofMillis(300))) {
      pool.acquire(Duration.ofSeconds(30)).close();
      pool.acquire().close();
      pool.acquire(Duration.ofSeconds(30)).close();
      assertEquals(List.of(Duration.ofMillis(300), Duration.ofSeconds(5)), timeouts);
    }
  }

  @Test
  void aNearlyOverWaitStillGivesValidationItsFloor() {
    try (ObjectPool<Object> pool = pool(Duration.ZERO)) {
      pool.acquire(Duration.ofSeconds(1)).close();
      pool.acquire().close();
      assertEquals(List.of(Duration.ofMillis(25)), timeouts);
    }
  }

  @Test
  void tryAcquireValidatesWithTheFullTimeout() {
    try (ObjectPool<Object> pool = pool(Duration.ofMillis(300))) {
      pool.acquire().close();
      pool.tryAcquire().orElseThrow().close();
      assertEquals(List.of(Duration.ofSeconds(5)), timeouts);
    }
  }
}
