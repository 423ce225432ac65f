package dev.trestle.core.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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

  @Test
  void timeWindowTotalsAreExactAfterConcurrentWritesAcrossExpiringSeconds() throws Exception {
    long second = 1_000_000_000L;
    for (int round = 0; round < 20; round++) {
      TimeWindow window = new TimeWindow(5);
      int threads = 4;
      int each = 5_000;
      int[][] codes = new int[threads][each];
      long[][] times = new long[threads][each];
      java.util.SplittableRandom random = new java.util.SplittableRandom(round);
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < each; i++) {
          int pick = random.nextInt(4);
          codes[t][i] = Outcomes.code(pick == 1 || pick == 3, pick >= 2);
          // times rise through 12 seconds, so buckets expire while others are written
          times[t][i] = (long) i * 12 * second / each + random.nextLong(second / 2);
        }
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int mine = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            window.record(codes[mine][i], times[mine][i]);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      long latest = 0;
      for (long[] row : times) {
        for (long time : row) {
          latest = Math.max(latest, Math.floorDiv(time, second));
        }
      }
      int calls = 0;
      int failures = 0;
      int slow = 0;
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < each; i++) {
          if (Math.floorDiv(times[t][i], second) > latest - 5) {
            calls += Outcomes.calls(codes[t][i]);
            failures += Outcomes.failures(codes[t][i]);
            slow += Outcomes.slow(codes[t][i]);
          }
        }
      }
      long now = latest * second;
      assertEquals(calls, window.calls(now), "calls, round " + round);
      assertEquals(failures, window.failures(now), "failures, round " + round);
      assertEquals(slow, window.slowCalls(now), "slow calls, round " + round);
    }
  }
}
