package dev.trestle.core.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WindowTest {

  @Test
  void countWindowTotalsAreExactOnceWritersQuiesce() throws Exception {
    CountWindow window = new CountWindow(97);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 50_000; i++) {
            int pick = (i * 7 + seed) % 4;
            window.record(Outcomes.code(pick == 1 || pick == 3, pick >= 2), 0);
          }
        }));
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // the last 97 records are the slots' contents; the running totals must match them exactly
    java.lang.reflect.Field field = CountWindow.class.getDeclaredField("slots");
    field.setAccessible(true);
    java.util.concurrent.atomic.AtomicIntegerArray slots = (java.util.concurrent.atomic.AtomicIntegerArray) field.get(window);
    int calls = 0;
    int failures = 0;
    int slow = 0;
    for (int i = 0; i < slots.length(); i++) {
      calls += Outcomes.calls(slots.get(i));
      failures += Outcomes.failures(slots.get(i));
      slow += Outcomes.slow(slots.get(i));
    }
    assertEquals(97, window.calls(0));
    assertEquals(calls, window.calls(0));
    assertEquals(failures, window.failures(0));
    assertEquals(slow, window.slowCalls(0));
  }

  @Test
  void timeWindowDropsBucketsAsTimeMovesOnAndAfterLongIdleness() {
    TimeWindow window = new TimeWindow(3);
    long second = 1_000_000_000L;
    window.record(Outcomes.FAILURE, 0);
    window.record(Outcomes.SUCCESS, second);
    window.record(Outcomes.SUCCESS | Outcomes.SLOW, 2 * second);
    assertEquals(3, window.calls(2 * second));
    assertEquals(1, window.failures(2 * second));
    assertEquals(1, window.slowCalls(2 * second));
    assertEquals(2, window.calls(3 * second));
    assertEquals(0, window.failures(3 * second));
    assertEquals(0, window.calls(1_000 * second));
    window.record(Outcomes.FAILURE, 1_000 * second);
    assertEquals(1, window.failures(1_000 * second + second / 2));
  }
}
