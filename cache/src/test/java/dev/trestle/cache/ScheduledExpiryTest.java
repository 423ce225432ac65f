package dev.trestle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Trestle cache with a scheduler removes expired entries when they expire, with no call on the
 * cache. The ticker is the scheduler, so advancing it runs the scheduled maintenance at its due time.
 */
class ScheduledExpiryTest {

  private static final Duration TTL = Duration.ofSeconds(10);

  private final ManualTicker ticker = new ManualTicker();
  /** Each notice as key=value:CAUSE@seconds, the ticker's time when it was told. */
  private final List<String> notices = new CopyOnWriteArrayList<>();
  /** How many scheduled runs have started. */
  private final AtomicInteger runs = new AtomicInteger();
  private final Scheduler countingScheduler = (task, delayNanos) -> ticker.schedule(() -> {
    runs.incrementAndGet();
    task.run();
  }, delayNanos);

  private CacheBuilder<String, String> builder() {
    return CacheBuilder.<String, String>newBuilder().maximumSize(100).ticker(ticker)
        .removalListener((k, v, cause) -> notices.add(k + "=" + v + ":" + cause + "@" + seconds()));
  }

  private String seconds() {
    long nanos = ticker.read();
    return nanos % 1_000_000_000L == 0 ? Long.toString(nanos / 1_000_000_000L) : nanos / 1e9 + "";
  }

  private Cache<String, String> scheduled() {
    return builder().expireAfterWrite(TTL).scheduler(countingScheduler).build();
  }

  @Test
  void anEntryLeftAloneIsRemovedAndToldExpiredWhenTheSchedulerRunsAtItsExpiry() {
    Cache<String, String> cache = scheduled();
    cache.put("k", "v");
    assertEquals(1, ticker.pendingTasks(), "one run, armed by the write");
    ticker.advance(TTL.minusNanos(1));
    assertEquals(List.of(), notices);
    assertEquals(1, cache.estimatedSize());
    ticker.advance(Duration.ofNanos(1));
    assertEquals(List.of("k=v:EXPIRED@10"), notices);
    assertEquals(0, cache.estimatedSize());
    assertEquals(1, runs.get());
    assertEquals(0, ticker.pendingTasks(), "nothing left to expire, nothing scheduled");
    ticker.advance(Duration.ofMinutes(5));
    assertEquals(1, notices.size(), "told once");
  }

  @Test
  void entriesExpiringTogetherLeaveInOneRunAndTheNextIsArmedForTheRest() {
    Cache<String, String> cache = scheduled();
    cache.put("a", "1");
    cache.put("b", "2");
    cache.put("c", "3");
    ticker.advance(3, TimeUnit.SECONDS);
    cache.put("d", "4");
    assertEquals(1, ticker.pendingTasks(), "the later entry does not add a second run");
    ticker.advance(7, TimeUnit.SECONDS);
    assertEquals(List.of("a=1:EXPIRED@10", "b=2:EXPIRED@10", "c=3:EXPIRED@10"), notices);
    assertEquals(1, runs.get());
    assertEquals(1, ticker.pendingTasks());
    ticker.advance(3, TimeUnit.SECONDS);
    assertEquals("d=4:EXPIRED@13", notices.get(3));
    assertEquals(2, runs.get());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void entriesExpiringInQuickSuccessionAreRemovedInRunsPacedASecondApart() {
    Cache<String, String> cache = scheduled();
    cache.put("a", "1");
    ticker.advance(200, TimeUnit.MILLISECONDS);
    cache.put("b", "2");
    ticker.advance(TTL);
    assertEquals(List.of("a=1:EXPIRED@10"), notices, "b expired at 10.2 s, but the next run is due a second after the last");
    ticker.advance(800, TimeUnit.MILLISECONDS);
    assertEquals(List.of("a=1:EXPIRED@10", "b=2:EXPIRED@11"), notices);
    assertNull(cache.getIfPresent("b"));
  }

  @Test
  void anEntryAddedToAnEmptiedCacheArmsANewRun() {
    Cache<String, String> cache = scheduled();
    cache.put("a", "1");
    ticker.advance(TTL);
    assertEquals(0, ticker.pendingTasks());
    ticker.advance(30, TimeUnit.SECONDS);
    cache.put("b", "2");
    assertEquals(1, ticker.pendingTasks());
    ticker.advance(TTL);
    assertEquals(List.of("a=1:EXPIRED@10", "b=2:EXPIRED@50"), notices);
  }

  @Test
  void aRewriteMovesTheRemovalToTheNewExpiry() {
    Cache<String, String> cache = scheduled();
    cache.put("k", "v1");
    ticker.advance(5, TimeUnit.SECONDS);
    cache.put("k", "v2");
    ticker.advance(TTL.minusNanos(1));
    assertEquals(List.of("k=v1:REPLACED@5"), notices, "the run at 10 s finds k written at 5 s and keeps it");
    assertEquals(1, ticker.pendingTasks(), "and asks for a run at 15 s");
    ticker.advance(Duration.ofNanos(1));
    assertEquals(List.of("k=v1:REPLACED@5", "k=v2:EXPIRED@15"), notices);
    assertEquals(2, runs.get());
  }

  @Test
  void withExpireAfterAccessAReadMovesTheRemovalToItsNewExpiry() {
    Cache<String, String> cache = builder().expireAfterAccess(TTL).scheduler(countingScheduler).build();
    cache.put("k", "v");
    ticker.advance(8, TimeUnit.SECONDS);
    assertEquals("v", cache.getIfPresent("k"));
    ticker.advance(TTL.minusNanos(1));
    assertEquals(List.of(), notices);
    ticker.advance(Duration.ofNanos(1));
    assertEquals(List.of("k=v:EXPIRED@18"), notices);
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void invalidateAllThenCleanUpLeavesNoRunAndNothingIsToldExpired() {
    Cache<String, String> cache = scheduled();
    cache.put("a", "1");
    cache.put("b", "2");
    cache.invalidateAll();
    cache.cleanUp();
    assertEquals(0, ticker.pendingTasks(), "an empty cache keeps no run pending");
    ticker.advance(Duration.ofMinutes(1));
    assertEquals(List.of("a=1:EXPLICIT@0", "b=2:EXPLICIT@0"), notices);
    assertEquals(0, runs.get());
  }

  @Test
  void aRunPendingWhenTheCacheWasEmptiedFindsNothingAndLeavesNothingPending() {
    Cache<String, String> cache = scheduled();
    cache.put("a", "1");
    cache.invalidateAll(); // no maintenance yet: the run armed for a at 10 s stays pending
    ticker.advance(TTL);
    assertEquals(List.of("a=1:EXPLICIT@0"), notices);
    assertEquals(1, runs.get());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void cleanUpNeverAddsASecondRunAndNothingIsToldTwice() {
    Cache<String, String> cache = scheduled();
    cache.put("a", "1");
    ticker.advance(5, TimeUnit.SECONDS);
    cache.cleanUp();
    cache.put("b", "2");
    cache.cleanUp();
    assertEquals(1, ticker.pendingTasks());
    ticker.advance(5, TimeUnit.SECONDS);
    cache.cleanUp();
    assertEquals(List.of("a=1:EXPIRED@10"), notices);
    assertEquals(1, ticker.pendingTasks(), "the run for b at 15 s");
    ticker.advance(5, TimeUnit.SECONDS);
    cache.cleanUp();
    assertEquals(List.of("a=1:EXPIRED@10", "b=2:EXPIRED@15"), notices);
    assertEquals(2, runs.get());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void withoutASchedulerNothingIsScheduledAndExpiredEntriesWaitForMaintenance() {
    Cache<String, String> cache = builder().expireAfterWrite(TTL).build();
    cache.put("k", "v");
    assertEquals(0, ticker.pendingTasks(), "the ticker is a scheduler too, but the cache was not given it");
    ticker.advance(Duration.ofMinutes(1));
    assertEquals(List.of(), notices);
    assertEquals(1, cache.estimatedSize(), "still held: nothing ran maintenance");
    cache.cleanUp();
    assertEquals(List.of("k=v:EXPIRED@60"), notices);
  }

  @Test
  void withAnExecutorTheRunHandsTheMaintenanceToIt() {
    List<Runnable> queued = new ArrayList<>();
    Cache<String, String> cache = builder().expireAfterWrite(TTL).scheduler(countingScheduler).executor(queued::add).build();
    cache.put("k", "v");
    runAll(queued); // the write's maintenance, which arms the run
    ticker.advance(TTL);
    assertEquals(List.of(), notices, "the run only queued the maintenance");
    assertEquals(1, queued.size());
    runAll(queued);
    assertEquals(List.of("k=v:EXPIRED@10"), notices);
    assertEquals(0, ticker.pendingTasks());
  }

  private static void runAll(List<Runnable> queued) {
    while (!queued.isEmpty()) {
      queued.remove(0).run();
    }
  }

  @Test
  void aCacheNoLongerUsedIsCollectedWhileItsRunIsPending() {
    WeakReference<Cache<String, String>> ref = cacheWithAPendingRunThenDropped();
    assertEquals(1, ticker.pendingTasks());
    assertTrue(GarbageCollection.collect(ref), "the pending run kept the cache reachable");
    ticker.advance(TTL);
    assertEquals(List.of(), notices, "the run of a collected cache does nothing");
    assertEquals(0, ticker.pendingTasks());
  }

  private WeakReference<Cache<String, String>> cacheWithAPendingRunThenDropped() {
    Cache<String, String> cache = scheduled();
    cache.put("k", "v");
    return new WeakReference<>(cache);
  }

  @Test
  void entriesWrittenWhileRunsRaceWithWritersAllLeaveOnceTimePasses() throws Exception {
    AtomicInteger expired = new AtomicInteger();
    AtomicInteger otherwise = new AtomicInteger();
    Cache<Integer, Integer> cache = CacheBuilder.<Integer, Integer>newBuilder().maximumSize(1_000_000).ticker(ticker)
        .expireAfterWrite(TTL).scheduler(countingScheduler)
        .removalListener((k, v, cause) -> (cause == RemovalCause.EXPIRED ? expired : otherwise).incrementAndGet()).build();
    int writers = 4;
    int perWriter = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int base = w * perWriter;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perWriter; i++) {
            cache.put(base + i, i);
          }
          return null;
        }));
      }
      start.countDown();
      // Meanwhile this thread moves time in 1 ms steps, so scheduled runs race with the writers' maintenance.
      while (!done.stream().allMatch(Future::isDone)) {
        ticker.advance(1, TimeUnit.MILLISECONDS);
      }
      for (Future<?> writer : done) {
        writer.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // No call on the cache from here: only the scheduler can remove what is left.
    ticker.advance(TTL.plusSeconds(2));
    assertEquals(0, cache.estimatedSize(), "entries left behind with no run pending: " + ticker.pendingTasks() + " pending");
    assertEquals(writers * perWriter, expired.get());
    assertEquals(0, otherwise.get());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void anEntryAddedWhileAnotherThreadMaintainsAnEmptyCacheIsStillRemovedOnTime() throws Exception {
    // The maintaining thread stops inside maintenance, at its read of the ticker under the lock.
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread[] maintainer = new Thread[1];
    Ticker stopsTheMaintainer = () -> {
      if (Thread.currentThread() == maintainer[0] && reached.getCount() > 0) {
        reached.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return ticker.read();
    };
    Cache<String, String> cache = builder().ticker(stopsTheMaintainer).expireAfterWrite(TTL).scheduler(ticker).build();
    maintainer[0] = new Thread(cache::cleanUp, "maintainer");
    maintainer[0].start();
    assertTrue(reached.await(10, TimeUnit.SECONDS));
    cache.put("k", "v"); // its tryLock fails: the maintainer holds the lock, with nothing in the policy to expire
    release.countDown();
    maintainer[0].join(10_000);
    assertEquals(1, ticker.pendingTasks(), "the maintainer saw the entry's event after unlocking and asked for a run");
    ticker.advance(TTL); // no call on the cache: the run applies the event and arms the expiry
    assertEquals(List.of("k=v:EXPIRED@10"), notices);
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void builderRequiresAnExpiryWithASchedulerAndRejectsNull() {
    IllegalStateException noExpiry = assertThrows(IllegalStateException.class,
        () -> CacheBuilder.newBuilder().maximumSize(10).scheduler(ticker).build());
    assertTrue(noExpiry.getMessage().contains("scheduler") && noExpiry.getMessage().contains("expireAfterWrite"),
        noExpiry.getMessage());
    assertThrows(IllegalStateException.class, () -> CaffeineCache.build(CacheBuilder.newBuilder().maximumSize(10).scheduler(ticker)));
    assertEquals("scheduler must not be null", assertThrows(NullPointerException.class, () -> CacheBuilder.newBuilder().scheduler(null)).getMessage());
    CacheBuilder.newBuilder().maximumSize(10).scheduler(ticker).expireAfterAccess(TTL).build(); // either expiry will do
  }
}
