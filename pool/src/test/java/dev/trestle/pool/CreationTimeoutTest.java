package dev.trestle.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * creationTimeout on a manual ticker: a creation past it frees its slot, a replacement starts, what
 * arrives late is destroyed and never lent, and abandoned creations never number more than maxSize.
 * (Issue 16, defect 2: a creation held its slot for as long as the allocator hung.)
 */
class CreationTimeoutTest {

  private static final Duration GUARD = Duration.ofSeconds(10);
  private static final Duration CREATION_TIMEOUT = Duration.ofSeconds(2);

  private final ManualTicker ticker = new ManualTicker();
  private final GatedAllocator allocator = new GatedAllocator();
  private ObjectPool<Integer> pool;
  /**
   * The waiters' threads: not the common pool, whose parallelism is 1 on a 2-core machine, so that
   * (on JDK 25) one blocked waiter would keep the others from starting.
   */
  private final java.util.concurrent.ExecutorService waiterThreads = java.util.concurrent.Executors.newCachedThreadPool();

  /** Creation n (from 0) waits for gate n if there is one; objects are numbered from 1 in the order they are made. */
  private static final class GatedAllocator implements Allocator<Integer> {
    final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger made = new AtomicInteger();
    final List<Integer> destroyed = new CopyOnWriteArrayList<>();
    volatile boolean failAfterGate;

    @Override
    public Integer create() throws Exception {
      int call = calls.getAndIncrement();
      if (call < gates.size()) {
        gates.get(call).await();
        if (failAfterGate) {
          throw new IllegalStateException("injected failure after the deadline");
        }
      }
      return made.incrementAndGet();
    }

    @Override
    public void destroy(Integer object) {
      destroyed.add(object);
    }

    void hangFirst(int count) {
      for (int i = 0; i < count; i++) {
        gates.add(new CountDownLatch(1));
      }
    }
  }

  @AfterEach
  void tearDown() {
    allocator.gates.forEach(CountDownLatch::countDown);
    if (pool != null) {
      pool.close();
    }
    waiterThreads.shutdownNow();
  }

  private ObjectPool<Integer> pool(int maxSize) {
    pool = ObjectPool.create(allocator, PoolConfig.builder().name("creation").maxSize(maxSize)
        .acquireTimeout(Duration.ofSeconds(30)).creationTimeout(CREATION_TIMEOUT).ticker(ticker)
        .housekeepingPeriod(Duration.ofHours(1)).build());
    return pool;
  }

  private static void eventually(BooleanSupplier condition, String what) {
    long end = System.nanoTime() + GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("not within " + GUARD + ": " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private CompletableFuture<Lease<Integer>> acquireAsync() {
    return CompletableFuture.supplyAsync(() -> pool.acquire(), waiterThreads);
  }

  @Test
  void aCreationPastItsTimeoutFreesItsSlotAndAReplacementServesTheWaiter() throws Exception {
    allocator.hangFirst(1);
    pool(1);
    CompletableFuture<Lease<Integer>> waiter = acquireAsync();
    eventually(() -> allocator.calls.get() == 1 && pool.stats().waiting() == 1, "the first creation to start and hang");
    ticker.advance(CREATION_TIMEOUT.minusMillis(1));
    assertEquals(1, pool.stats().pending(), "the slot is held until the timeout");
    ticker.advance(Duration.ofMillis(1));
    Lease<Integer> lease = waiter.get(GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(1, lease.get(), "the replacement's object (the hung creation has made none)");
    assertEquals(2, allocator.calls.get());
    PoolStats stats = pool.stats();
    assertEquals(1, stats.total());
    assertEquals(0, stats.pending());
    assertEquals(1, stats.creationFailures(), "the timed-out creation counts as a failed one");
    lease.close();
  }

  @Test
  void anObjectThatArrivesAfterTheTimeoutIsDestroyedAndNeverLent() throws Exception {
    allocator.hangFirst(1);
    pool(1);
    CompletableFuture<Lease<Integer>> waiter = acquireAsync();
    eventually(() -> allocator.calls.get() == 1, "the first creation to start");
    ticker.advance(CREATION_TIMEOUT);
    Lease<Integer> lease = waiter.get(GUARD.toSeconds(), TimeUnit.SECONDS);
    lease.close(); // idle now: a late object would be the second one the pool could lend
    allocator.gates.get(0).countDown();
    eventually(() -> allocator.destroyed.size() == 1, "the late object to be destroyed");
    assertEquals(List.of(2), allocator.destroyed);
    for (int i = 0; i < 5; i++) {
      try (Lease<Integer> again = pool.acquire()) {
        assertEquals(1, again.get(), "only the object made in time is lent");
      }
    }
    assertEquals(1, pool.stats().total());
    assertEquals(1, pool.stats().created());
  }

  @Test
  void aCreationThatFailsAfterItsTimeoutChangesNoCount() throws Exception {
    allocator.hangFirst(1);
    allocator.failAfterGate = true;
    pool(1);
    CompletableFuture<Lease<Integer>> waiter = acquireAsync();
    eventually(() -> allocator.calls.get() == 1, "the first creation to start");
    ticker.advance(CREATION_TIMEOUT);
    Lease<Integer> lease = waiter.get(GUARD.toSeconds(), TimeUnit.SECONDS);
    allocator.gates.get(0).countDown();
    lease.close();
    eventually(() -> pool.tryAcquire().map(l -> {
      l.close();
      return true;
    }).orElse(false), "the pool to keep lending its object");
    PoolStats stats = pool.stats();
    assertEquals(1, stats.total());
    assertEquals(0, stats.pending());
    assertEquals(1, stats.creationFailures(), "the late failure is not counted a second time");
  }

  @Test
  void abandonedCreationsNeverNumberMoreThanMaxSize() throws Exception {
    allocator.hangFirst(3);
    pool(1);
    CompletableFuture<Lease<Integer>> waiter = CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofHours(1)), waiterThreads);
    eventually(() -> allocator.calls.get() == 1, "the first creation to start");
    ticker.advance(CREATION_TIMEOUT);
    eventually(() -> allocator.calls.get() == 2, "a replacement to start");
    assertEquals(1, pool.stats().pending());
    ticker.advance(CREATION_TIMEOUT);
    // both creator threads still hang: a third creation would be a third thread for a pool of one
    assertEquals(0, pool.stats().pending(), "no creation starts while 2 x maxSize are in flight");
    assertEquals(2, allocator.calls.get());
    allocator.gates.get(0).countDown(); // one abandoned creation ends: room for one more
    eventually(() -> allocator.calls.get() == 3, "a creation to start once an abandoned one ended");
    assertEquals(List.of(1), allocator.destroyed, "the object the first creation made late is destroyed");
    allocator.gates.get(2).countDown();
    Lease<Integer> lease = waiter.get(GUARD.toSeconds(), TimeUnit.SECONDS);
    assertEquals(2, lease.get());
    lease.close();
    assertFalse(waiter.isCompletedExceptionally());
  }

  @Test
  void afterATimeoutOneCreationAtATimeProbesUntilOneSucceeds() throws Exception {
    allocator.hangFirst(4); // three creations that time out, then the probe, held until the test lets it go
    pool(3);
    List<CompletableFuture<Lease<Integer>>> waiters = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiters.add(CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofHours(1)), waiterThreads));
    }
    eventually(() -> allocator.calls.get() == 3 && pool.stats().waiting() == 3, "three creations for three waiters");
    ticker.advance(CREATION_TIMEOUT);
    // The pool's timers let the timed-out creations go and start one probe, which hangs until released.
    eventually(() -> allocator.calls.get() == 4 && pool.stats().pending() == 1,
        "one probe in flight once the timed-out creations are let go");
    assertEquals(4, allocator.calls.get(), "one probe, not three new attempts at a server that did not answer");
    allocator.gates.get(3).countDown(); // the probe succeeds
    List<Integer> lent = new java.util.ArrayList<>();
    for (CompletableFuture<Lease<Integer>> waiter : waiters) {
      lent.add(waiter.get(GUARD.toSeconds(), TimeUnit.SECONDS).get()); // once the probe succeeded, the others are made
    }
    java.util.Collections.sort(lent);
    assertEquals(List.of(1, 2, 3), lent, "each waiter gets its own object, the probe's among them");
    assertEquals(3, pool.stats().total());
    assertEquals(6, allocator.calls.get(), "three timed out, one probe, two more once it succeeded");
  }

  @Test
  void theCreationTimeoutDefaultsToTheAcquireTimeoutButAtLeastOneSecond() {
    assertEquals(Duration.ofSeconds(30), PoolConfig.builder().build().creationTimeout());
    assertEquals(Duration.ofSeconds(5), PoolConfig.builder().acquireTimeout(Duration.ofSeconds(5)).build().creationTimeout());
    assertEquals(Duration.ofSeconds(1), PoolConfig.builder().acquireTimeout(Duration.ofMillis(200)).build().creationTimeout());
    assertEquals(Duration.ofSeconds(1), PoolConfig.builder().acquireTimeout(Duration.ZERO).build().creationTimeout());
    assertEquals(Duration.ofMillis(300), PoolConfig.builder().creationTimeout(Duration.ofMillis(300)).build().creationTimeout());
  }

  @Test
  void aCreationTimeoutThatIsNotPositiveIsRejectedNamingTheSetting() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> PoolConfig.builder().creationTimeout(Duration.ZERO));
    assertTrue(zero.getMessage().contains("creationTimeout"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PoolConfig.builder().creationTimeout(Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> PoolConfig.builder().creationTimeout(null));
  }
}
