package dev.trestle.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.Deadline;
import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What is specific to Trestle's implementations; the contract itself is checked by RateLimiterTck. */
class RateLimiterTest {

  private final ManualTicker ticker = new ManualTicker();

  private RateLimiter limiter(RateLimitAlgorithm algorithm, long permits, Duration period) {
    return RateLimiter.of(RateLimiterConfig.builder().algorithm(algorithm).limit(permits, period).ticker(ticker)
        .sleeper(nanos -> ticker.advance(nanos, TimeUnit.NANOSECONDS)).build());
  }

  private static int drain(RateLimiter limiter) {
    int n = 0;
    while (limiter.tryAcquire()) {
      n++;
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(value = RateLimitAlgorithm.class, names = {"TOKEN_BUCKET", "GCRA", "LEAKY_BUCKET"})
  void aRateThatIsNotAWholeNumberOfNanosecondsPerPermitNeverDrifts(RateLimitAlgorithm algorithm) {
    RateLimiter limiter = limiter(algorithm, 3, Duration.ofSeconds(1)); // 333,333,333.3 ns per permit
    assertEquals(3, drain(limiter));
    long admitted = 0;
    for (int second = 0; second < 100_000; second++) {
      ticker.advance(1, TimeUnit.SECONDS);
      admitted += drain(limiter);
    }
    assertEquals(300_000, admitted);
  }

  @ParameterizedTest
  @EnumSource(value = RateLimitAlgorithm.class, names = {"TOKEN_BUCKET", "GCRA", "LEAKY_BUCKET", "LEAKY_BUCKET_SHAPER"})
  void theBaseMovesWhenUnitsWouldOverflowAndNothingIsLost(RateLimitAlgorithm algorithm) {
    // 1,000,003 per second: a nanosecond is 1,000,003 units, so 2^60 units pass in about 19 minutes.
    RateLimiter limiter = limiter(algorithm, 1_000_003, Duration.ofSeconds(1));
    for (int hour = 0; hour < 12; hour++) { // 2.8 hours: the base moves several times
      ticker.advance(Duration.ofMinutes(7));
      assertTrue(limiter.tryAcquire(), "hour " + hour);
      ticker.advance(Duration.ofMinutes(7));
      if (algorithm != RateLimitAlgorithm.LEAKY_BUCKET_SHAPER) {
        assertEquals(1_000_003, drain(limiter), "a full bucket after idle, at step " + hour);
        RateLimitDecision refused = limiter.probe(1);
        assertEquals(1_000_000_000L / 1_000_003 + 1, refused.retryAfterNanos());
      } else {
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RateLimitAlgorithm.class)
  void centuriesOfIdleTimeGiveOneFullLimitAndNoMore(RateLimitAlgorithm algorithm) {
    RateLimiter limiter = limiter(algorithm, 7, Duration.ofMillis(13));
    int first = drain(limiter);
    ticker.advance(Duration.ofDays(365L * 250));
    assertEquals(first, drain(limiter));
  }

  @Test
  void theTokenBucketStartsWithItsInitialPermits() {
    RateLimiter limiter = RateLimiter.of(RateLimiterConfig.builder().limit(10, Duration.ofSeconds(1)).burst(20)
        .initialPermits(4).ticker(ticker).build());
    assertEquals(4, drain(limiter));
    ticker.advance(Duration.ofSeconds(10));
    assertEquals(20, drain(limiter));
  }

  @Test
  void theShaperQueuesWaitersOneIntervalApart() throws InterruptedException {
    List<Long> released = new ArrayList<>();
    RateLimiter shaper = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.LEAKY_BUCKET_SHAPER)
        .limit(4, Duration.ofSeconds(1)).ticker(ticker).sleeper(nanos -> ticker.advance(nanos, TimeUnit.NANOSECONDS)).build());
    for (int i = 0; i < 4; i++) {
      assertTrue(shaper.tryAcquire(1, Duration.ofSeconds(1)));
      released.add(ticker.read());
    }
    assertEquals(List.of(0L, 250_000_000L, 500_000_000L, 750_000_000L), released);
    assertFalse(shaper.tryAcquire(1, Duration.ZERO));
  }

  @Test
  void anInterruptedShaperWaiterGivesItsSlotBack() {
    RateLimiter shaper = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.LEAKY_BUCKET_SHAPER)
        .limit(1, Duration.ofSeconds(1)).ticker(ticker).sleeper(nanos -> {
          throw new InterruptedException("stop");
        }).build());
    assertTrue(shaper.tryAcquire());
    assertThrows(InterruptedException.class, () -> shaper.tryAcquire(1, Duration.ofSeconds(5)));
    ticker.advance(Duration.ofSeconds(1));
    assertTrue(shaper.tryAcquire(), "the slot at 1 s is free again");
  }

  @Test
  void theSlidingCounterWeighsThePreviousWindow() {
    RateLimiter counter = limiter(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER, 10, Duration.ofSeconds(1));
    ticker.advance(Duration.ofMillis(900));
    assertEquals(10, drain(counter));
    ticker.advance(Duration.ofMillis(350)); // 25% into the next window: the estimate is 10 × 0.75 = 7.5
    assertEquals(2, drain(counter));
    RateLimitDecision refused = counter.probe(1);
    // 10 × (1 - e) + 2 + 1 <= 10 once e >= 0.3: 50 ms from now.
    assertEquals(50_000_000L, refused.retryAfterNanos());
  }

  @Test
  void badSettingsNameTheSettingAndTheValue() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> RateLimiterConfig.builder().limit(0, Duration.ofSeconds(1)));
    assertTrue(zero.getMessage().contains("permits") && zero.getMessage().contains("0"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RateLimiterConfig.builder().limit(1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> RateLimiterConfig.builder().limit(1, Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> RateLimiterConfig.builder().burst(0));
    assertThrows(IllegalArgumentException.class, () -> RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.FIXED_WINDOW)
        .limit(1, Duration.ofSeconds(1)).burst(3).build());
    assertThrows(IllegalArgumentException.class, () -> RateLimiterConfig.builder().limit(5, Duration.ofSeconds(1)).initialPermits(6).build());
    assertThrows(IllegalArgumentException.class, () -> RateLimiterConfig.builder().limit(Long.MAX_VALUE / 2, Duration.ofDays(3650)).build());
    assertThrows(IllegalStateException.class, () -> RateLimiterConfig.builder().build());
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
        () -> RateLimiter.tokenBucket(5, 1, Duration.ofSeconds(1)).tryAcquire(6));
    assertTrue(tooMany.getMessage().contains("6") && tooMany.getMessage().contains("5"), tooMany.getMessage());
  }

  @Test
  void theFixedWindowCountsExactlyWhenItsBaseMovesEveryFewWindows() {
    long limit = 1L << 58; // a window is 2^58 + 1 units: the base moves about every third window
    RateLimiter fixed = limiter(RateLimitAlgorithm.FIXED_WINDOW, limit, Duration.ofNanos(1L << 20));
    for (int window = 0; window < 40; window++) {
      ticker.advance(Duration.ofNanos((1L << 19) + (window == 0 ? 0 : 1L << 19)));
      RateLimitDecision half = fixed.probe(limit / 2);
      assertTrue(half.allowed(), "window " + window);
      assertEquals(limit / 2, half.remainingPermits(), "window " + window);
      assertFalse(fixed.tryAcquire(limit / 2 + 1), "window " + window);
      assertEquals(0, fixed.probe(limit / 2).remainingPermits(), "window " + window);
      assertFalse(fixed.tryAcquire(), "window " + window);
    }
  }

  @Test
  void theSlidingCounterCarriesThePreviousWindowWhenItsBaseMovesEveryFewWindows() {
    long limit = RateLimiterConfig.MAX_COUNTER_PERMITS; // 29 bits per count: the base moves every 4 windows
    long period = 1L << 20;
    RateLimiter counter = limiter(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER, limit, Duration.ofNanos(period));
    ticker.advance(Duration.ofNanos(period / 2));
    for (int window = 0; window < 40; window++) {
      RateLimitDecision quarter = counter.probe(limit / 4);
      assertTrue(quarter.allowed(), "window " + window);
      // Half-way into the window the previous quarter weighs half: L - L/8 - L/4 left, or L - L/4 at first.
      long expected = window == 0 ? limit - limit / 4 : limit - limit / 8 - limit / 4;
      assertEquals(expected, quarter.remainingPermits(), "window " + window);
      ticker.advance(Duration.ofNanos(period));
    }
    ticker.advance(Duration.ofNanos(period)); // two windows after the last request: nothing counts
    assertEquals(0, counter.probe(limit).remainingPermits());
  }

  @Test
  void theSlidingCounterRejectsALimitItCannotPack() {
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
        () -> RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER)
            .limit(RateLimiterConfig.MAX_COUNTER_PERMITS + 1, Duration.ofSeconds(1)).build());
    assertTrue(tooMany.getMessage().contains(Long.toString(RateLimiterConfig.MAX_COUNTER_PERMITS + 1)), tooMany.getMessage());
  }

  /**
   * Threads race at a frozen clock, which then moves by a random step, many times over: each race
   * must admit exactly what the same algorithm admits to one thread at that instant, whatever the
   * interleaving (lost updates, stale windows, unpublished log entries would each show).
   */
  @ParameterizedTest
  @EnumSource(RateLimitAlgorithm.class)
  void racesAcrossWindowsAdmitWhatOneThreadWould(RateLimitAlgorithm algorithm) throws Exception {
    int threads = 8;
    long period = 1_000_000;
    RateLimiter raced = limiter(algorithm, 500, Duration.ofNanos(period));
    RateLimiter alone = limiter(algorithm, 500, Duration.ofNanos(period));
    SplittableRandom random = new SplittableRandom(42);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 300; round++) {
        ticker.advance(random.nextLong(period / 2), TimeUnit.NANOSECONDS);
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicLong admitted = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(pool.submit(() -> {
            start.await();
            while (raced.tryAcquire()) {
              admitted.incrementAndGet();
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(drain(alone), admitted.get(), algorithm + " round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSlidingLogRingHoldsTheLimitInAPowerOfTwo() {
    for (long limit : new long[] {1, 2, 3, 4, 5, 7, 8, 9, 1000, 1024, 1025, RateLimiterConfig.MAX_LOG_PERMITS}) {
      int capacity = SlidingWindowLog.capacity(limit);
      assertEquals(0, capacity & (capacity - 1), "limit " + limit + ": capacity " + capacity);
      assertTrue(capacity >= limit && capacity < 2 * limit + 1, "limit " + limit + ": capacity " + capacity);
    }
  }

  @Test
  void theSlidingLogIsExactForEveryLimitAroundAPowerOfTwo() {
    for (long limit : new long[] {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33}) {
      RateLimiter log = limiter(RateLimitAlgorithm.SLIDING_WINDOW_LOG, limit, Duration.ofSeconds(1));
      for (int round = 0; round < 5; round++) {
        assertEquals(limit, drain(log), "limit " + limit + ", round " + round);
        ticker.advance(Duration.ofMillis(999));
        assertEquals(0, drain(log), "limit " + limit + ", round " + round + ": every permit still in the window");
        ticker.advance(Duration.ofMillis(1));
      }
    }
  }

  private static boolean waitingForAnEntry(Thread thread) {
    return isIn(thread, "timeOf");
  }

  private static boolean isIn(Thread thread, String method) {
    if (thread == null) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals(method)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A request that needs the time of a permit claimed but not yet written must wait for it, not
   * read what the entry held before: here that older value (nothing, time 0) would admit a request
   * the unwritten time (5 s) refuses.
   */
  @Test
  void theSlidingLogWaitsForAClaimedPermitsTime() throws Exception {
    SlidingWindowLog log = (SlidingWindowLog) limiter(RateLimitAlgorithm.SLIDING_WINDOW_LOG, 1, Duration.ofSeconds(1));
    java.util.concurrent.CountDownLatch claimed = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AtomicLong claims = new AtomicLong();
    log.afterClaim(() -> {
      claims.incrementAndGet();
      claimed.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    ticker.advance(Duration.ofSeconds(5));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> first = pool.submit(() -> log.tryAcquire());
      assertTrue(claimed.await(30, TimeUnit.SECONDS), "the first request claimed its permit");
      ticker.advance(Duration.ofMillis(500)); // the first permit (5 s) is still in the window at 5.5 s
      java.util.concurrent.atomic.AtomicReference<Thread> secondThread = new java.util.concurrent.atomic.AtomicReference<>();
      Future<RateLimitDecision> second = pool.submit(() -> {
        secondThread.set(Thread.currentThread());
        return log.probe(1);
      });
      // Until the second request is seen waiting for the entry, or (wrongly) done without it.
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a safety net only; no decision rests on it
      while (!second.isDone() && claims.get() == 1 && !waitingForAnEntry(secondThread.get()) && System.nanoTime() < giveUp) {
        Thread.onSpinWait();
      }
      assertEquals(1, claims.get(), "the second request must not claim on the entry's old time");
      assertFalse(second.isDone(), "the second request must wait for the first permit's time");
      assertTrue(waitingForAnEntry(secondThread.get()), "the second request waits for the unwritten entry");
      release.countDown();
      assertTrue(first.get(30, TimeUnit.SECONDS));
      RateLimitDecision decision = second.get(30, TimeUnit.SECONDS);
      assertFalse(decision.allowed(), "the window (4.5 s, 5.5 s] already holds the first permit");
      assertEquals(500_000_000L, decision.retryAfterNanos());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /**
   * A request of several permits may reach an entry whose previous permit's claimer has not yet
   * written it; it must wait, or that late claimer would overwrite the newer permit's time and
   * every later reader of it would wait forever.
   */
  @Test
  void theSlidingLogNeverLetsALateClaimerOverwriteANewerPermit() throws Exception {
    SlidingWindowLog log = (SlidingWindowLog) limiter(RateLimitAlgorithm.SLIDING_WINDOW_LOG, 3, Duration.ofSeconds(1));
    java.util.concurrent.CountDownLatch claimed = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AtomicLong claims = new AtomicLong();
    log.afterClaim(() -> {
      if (claims.incrementAndGet() == 1) { // hold only the first claimer, of permit 0
        claimed.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> late = pool.submit(() -> log.tryAcquire());
      assertTrue(claimed.await(30, TimeUnit.SECONDS));
      assertTrue(log.tryAcquire(2), "permits 1 and 2 need no permit to have left");
      ticker.advance(Duration.ofSeconds(1)); // permits 1 and 2 have left the window
      java.util.concurrent.atomic.AtomicReference<Thread> writer = new java.util.concurrent.atomic.AtomicReference<>();
      Future<Boolean> two = pool.submit(() -> {
        writer.set(Thread.currentThread());
        return log.tryAcquire(2); // permits 3 and 4; a ring of 4 entries puts permit 4 where permit 0 is
      });
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a safety net only
      while (!two.isDone() && !isIn(writer.get(), "awaitPublished") && System.nanoTime() < giveUp) {
        Thread.onSpinWait();
      }
      assertFalse(two.isDone(), "permit 4 must not be stored while permit 0 is unwritten in its entry");
      release.countDown();
      assertTrue(late.get(30, TimeUnit.SECONDS));
      assertTrue(two.get(30, TimeUnit.SECONDS));
      // Permits 3 and 4 at 1 s are in the window; permit 0 (at 0 s) has left: one permit is left.
      Future<RateLimitDecision> probe = pool.submit(() -> log.probe(1));
      RateLimitDecision decision = probe.get(30, TimeUnit.SECONDS);
      assertTrue(decision.allowed());
      assertEquals(0, decision.remainingPermits());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(value = RateLimitAlgorithm.class, names = {"TOKEN_BUCKET", "LEAKY_BUCKET_SHAPER", "FIXED_WINDOW"})
  void aWaitingAcquireNeverWaitsPastTheCallersDeadline(RateLimitAlgorithm algorithm) throws Exception {
    RateLimiter limiter = limiter(algorithm, 1, Duration.ofSeconds(1));
    assertTrue(limiter.tryAcquire());
    long before = ticker.read();
    // The next permit comes in 1 s; maxWait allows 5 s but the caller's deadline only 999,999,999 ns.
    Deadline tooSoon = Deadline.after(Duration.ofSeconds(1).minusNanos(1), ticker);
    assertFalse(tooSoon.call(() -> limiter.tryAcquire(1, Duration.ofSeconds(5))));
    assertEquals(before, ticker.read(), "refused at once, without waiting");
    Deadline justInTime = Deadline.after(Duration.ofSeconds(1), ticker);
    assertTrue(justInTime.call(() -> limiter.tryAcquire(1, Duration.ofSeconds(5))));
    assertEquals(before + 1_000_000_000L, ticker.read(), "waited exactly until the permit");
  }

  @Test
  void theDefaultSleeperParksOnTheManualTickerUntilItIsAdvanced() throws Exception {
    RateLimiter shaper = RateLimiter.of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.LEAKY_BUCKET_SHAPER)
        .limit(1, Duration.ofSeconds(1)).ticker(ticker).build());
    assertTrue(shaper.tryAcquire());
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> waiting = thread.submit(() -> shaper.tryAcquire(1, Duration.ofSeconds(2)));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (ticker.pendingTasks() == 0) { // the waiter's timer, armed when it starts to park
        assertTrue(System.nanoTime() < end, "the waiter never parked");
        Thread.onSpinWait();
      }
      ticker.advance(Duration.ofSeconds(1).minusNanos(1));
      assertFalse(waiting.isDone(), "released before its slot");
      ticker.advance(1, TimeUnit.NANOSECONDS);
      assertTrue(waiting.get(10, TimeUnit.SECONDS));
    } finally {
      thread.shutdownNow();
    }
  }
}
