package dev.trestle.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.Deadline;
import dev.trestle.core.ManualTicker;
import dev.trestle.pool.CountingAllocator.Thing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefaultObjectPoolTest {

  private static final Duration GUARD = Duration.ofSeconds(10);

  private final ManualTicker ticker = new ManualTicker();
  private final CountingAllocator allocator = new CountingAllocator();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<ObjectPool<?>> pools = new ArrayList<>();

  @AfterEach
  void tearDown() {
    CountDownLatch gate = allocator.hang;
    if (gate != null) {
      gate.countDown();
    }
    pools.forEach(ObjectPool::close);
    threads.shutdownNow();
  }

  private PoolConfig.Builder config() {
    return PoolConfig.builder().name("test").maxSize(2).acquireTimeout(Duration.ofSeconds(1)).ticker(ticker)
        .validateAfterIdle(Duration.ofSeconds(1)).idleTimeout(Duration.ofMinutes(1)).maxLifetime(Duration.ofMinutes(30))
        .maxLifetimeJitter(Duration.ZERO).housekeepingPeriod(Duration.ofSeconds(10));
  }

  private ObjectPool<Thing> pool(PoolConfig.Builder builder) {
    ObjectPool<Thing> pool = ObjectPool.create(allocator, builder.build());
    pools.add(pool);
    return pool;
  }

  private static void eventually(BooleanSupplier condition, String what) {
    long end = System.nanoTime() + GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + GUARD + ": " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  @Test
  void aReturnedObjectIsLentAgainAndResetOnReturn() {
    ObjectPool<Thing> pool = pool(config());
    Thing first;
    try (Lease<Thing> lease = pool.acquire()) {
      first = lease.get();
    }
    assertEquals(1, allocator.resets.get());
    try (Lease<Thing> lease = pool.acquire()) {
      assertSame(first, lease.get());
    }
    PoolStats stats = pool.stats();
    assertEquals(1, stats.total());
    assertEquals(1, stats.idle());
    assertEquals(2, stats.acquires());
  }

  @Test
  void anEndedLeaseRefusesGetAndIgnoresASecondClose() {
    ObjectPool<Thing> pool = pool(config());
    Lease<Thing> lease = pool.acquire();
    assertTrue(lease.isOpen());
    lease.close();
    assertFalse(lease.isOpen());
    lease.close();
    lease.invalidate();
    assertFalse(lease.isOpen());
    IllegalStateException e = assertThrows(IllegalStateException.class, lease::get);
    assertTrue(e.getMessage().contains("has ended"), e.getMessage());
    assertEquals(0, allocator.destroyed.get());
  }

  @Test
  void aStaleLeaseEndsNothingOnceItsObjectIsLentAgain() {
    // both return paths: a reset in between (CountingAllocator) and the one-step return (no reset)
    List<Allocator<Thing>> allocators = List.of(allocator, new Allocator<>() {
      @Override
      public Thing create() throws Exception {
        return allocator.create();
      }

      @Override
      public void destroy(Thing object) {
        allocator.destroy(object);
      }
    });
    for (Allocator<Thing> each : allocators) {
      ObjectPool<Thing> pool = ObjectPool.create(each, config().maxSize(1).build());
      pools.add(pool);
      int destroyedBefore = allocator.destroyed.get();
      Lease<Thing> stale = pool.acquire();
      Thing object = stale.get();
      stale.close();
      Lease<Thing> current = pool.acquire();
      assertSame(object, current.get(), "the only object, lent again");
      stale.close();
      stale.invalidate();
      assertThrows(IllegalStateException.class, stale::get);
      assertFalse(stale.isOpen(), "the stale lease stays ended while its object is lent under a new one");
      assertTrue(current.isOpen());
      assertSame(object, current.get(), "the current lease still holds its object");
      assertEquals(1, pool.stats().active());
      assertEquals(destroyedBefore, allocator.destroyed.get(), "the stale invalidate destroyed nothing");
      assertTrue(pool.tryAcquire().isEmpty(), "the stale close freed nothing");
      current.close();
      assertEquals(1, pool.stats().idle());
      assertEquals(2, pool.stats().acquires());
      assertTrue(pool.shutdown(GUARD), "the object destroyed, before the next pool counts destructions");
    }
  }

  @Test
  void theTimeoutMessageGivesTheCountsAndTheLastCreationFailureAsCause() {
    ObjectPool<Thing> pool = pool(config().maxSize(1));
    allocator.failWith = new IllegalStateException("database down");
    Future<Throwable> waiter = threads.submit(() -> {
      try {
        pool.acquire();
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    eventually(() -> pool.stats().creationFailures() > 0 && pool.stats().waiting() == 1, "a creation to fail");
    ticker.advance(Duration.ofSeconds(1));
    Throwable failure = assertTimeoutPreemptively(GUARD, () -> waiter.get());
    assertTrue(failure instanceof PoolTimeoutException, String.valueOf(failure));
    assertTrue(failure.getMessage().contains("total=0, active=0, idle=0, waiting=0"), failure.getMessage());
    assertTrue(failure.getMessage().contains("within PT1S"), failure.getMessage());
    assertEquals("database down", failure.getCause().getMessage());
    assertEquals(1, pool.stats().timeouts());
  }

  @Test
  void creationBacksOffAfterFailuresAndRecovers() {
    ObjectPool<Thing> pool = pool(config().maxSize(1).creationBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4)));
    allocator.failWith = new IllegalStateException("down");
    assertTrue(pool.tryAcquire().isEmpty());
    eventually(() -> pool.stats().creationFailures() == 1 && pool.stats().pending() == 0, "the first failure, handled");
    assertTrue(pool.tryAcquire().isEmpty());
    assertEquals(1, pool.stats().creationFailures(), "no new attempt while backing off");
    allocator.failWith = null;
    ticker.advance(Duration.ofSeconds(1));
    // The back-off is over: the retry the pool scheduled for this instant may already have created
    // the object on the pool's thread, or this call's demand asks for it; either way it comes.
    pool.tryAcquire().ifPresent(Lease::close);
    eventually(() -> pool.stats().total() == 1, "the creation after the back-off");
    assertTrue(pool.tryAcquire().isPresent());
  }

  @Test
  void failFastCreatesMinIdleUpFrontOrThrows() {
    ObjectPool<Thing> pool = pool(config().maxSize(4).minIdle(3).failFast(true));
    assertEquals(3, pool.stats().idle());
    allocator.failWith = new IllegalStateException("bad password for <redacted>");
    PoolException e = assertThrows(PoolException.class, () -> pool(config().failFast(true)));
    assertTrue(e.getMessage().contains("could not create its first objects"), e.getMessage());
    assertEquals("bad password for <redacted>", e.getCause().getMessage());
  }

  @Test
  void lazyStartCreatesNothingUntilAskedUnlessMinIdle() {
    ObjectPool<Thing> lazy = pool(config());
    assertEquals(0, lazy.stats().total());
    ObjectPool<Thing> warm = pool(config().maxSize(3).minIdle(2));
    eventually(() -> warm.stats().idle() == 2, "minIdle objects");
  }

  @Test
  void anObjectIdleLongerThanTheThresholdIsValidatedAndReplacedWhenInvalid() {
    ObjectPool<Thing> pool = pool(config());
    Thing first;
    try (Lease<Thing> lease = pool.acquire()) {
      first = lease.get();
    }
    try (Lease<Thing> lease = pool.acquire()) {
      assertSame(first, lease.get());
    }
    assertEquals(0, allocator.validations.get(), "not validated when recently used");
    first.valid = false;
    ticker.advance(Duration.ofSeconds(2));
    try (Lease<Thing> lease = pool.acquire(Duration.ofSeconds(5))) {
      assertNotSame(first, lease.get());
    }
    assertTrue(first.destroyed);
  }

  @Test
  void aLeaseHeldPastTheThresholdIsReportedOnce() {
    ObjectPool<Thing> pool = pool(config().leakDetectionThreshold(Duration.ofSeconds(5)));
    Lease<Thing> leaked = pool.acquire();
    try (Lease<Thing> quick = pool.acquire()) {
      ticker.advance(Duration.ofSeconds(1));
    }
    ticker.advance(Duration.ofSeconds(10));
    ticker.advance(Duration.ofSeconds(10));
    assertEquals(1, pool.stats().leaks());
    leaked.close();
  }

  /** One leak report as a listener heard it. */
  private record Reported(String pool, String borrower, Throwable takenAt) {}

  private static Lease<Thing> borrowAndKeep(ObjectPool<Thing> pool) {
    return pool.acquire();
  }

  @Test
  void aLeaseHeldPastTheThresholdIsToldToTheListenersWithTheBorrowersStack() {
    List<Reported> reports = new CopyOnWriteArrayList<>();
    ObjectPool<Thing> pool = pool(config().leakDetectionThreshold(Duration.ofSeconds(5))
        .listener(new PoolListener() {
          @Override
          public void onLeak(String poolName, String borrower, Throwable takenAt) {
            reports.add(new Reported(poolName, borrower, takenAt));
          }
        }));
    try (Lease<Thing> returnedInTime = pool.acquire()) {
      ticker.advance(Duration.ofSeconds(4));
    }
    Lease<Thing> leaked = borrowAndKeep(pool);
    ticker.advance(Duration.ofSeconds(4));
    assertTrue(reports.isEmpty(), "nothing is told before the threshold or of a lease returned in time: " + reports);
    ticker.advance(Duration.ofSeconds(2));
    assertEquals(1, reports.size(), reports.toString());
    Reported report = reports.get(0);
    assertEquals("test", report.pool());
    assertEquals(Thread.currentThread().getName(), report.borrower());
    assertTrue(Arrays.stream(report.takenAt().getStackTrace())
            .anyMatch(frame -> frame.getMethodName().equals("borrowAndKeep")),
        "the stack names the method that took the lease");
    ticker.advance(Duration.ofSeconds(30));
    assertEquals(1, reports.size(), "told once per lease");
    leaked.close();
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheReportsOfLaterLeaks() {
    List<String> heard = new CopyOnWriteArrayList<>();
    ObjectPool<Thing> pool = pool(config().leakDetectionThreshold(Duration.ofSeconds(5))
        .listener(new PoolListener() {
          @Override
          public void onLeak(String poolName, String borrower, Throwable takenAt) {
            throw new IllegalStateException("a broken listener");
          }
        })
        .listener(new PoolListener() {
          @Override
          public void onLeak(String poolName, String borrower, Throwable takenAt) {
            heard.add(borrower);
          }
        }));
    Lease<Thing> first = pool.acquire();
    ticker.advance(Duration.ofSeconds(6));
    Lease<Thing> second = pool.acquire();
    ticker.advance(Duration.ofSeconds(6));
    assertEquals(2, heard.size(), heard.toString());
    assertEquals(2, pool.stats().leaks());
    first.close();
    second.close();
  }

  @Test
  void aNullListenerIsRefusedByName() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> PoolConfig.builder().listener(null));
    assertTrue(e.getMessage().contains("listener"), e.getMessage());
  }

  @Test
  void housekeepingRetiresIdleObjectsAboveMinIdleAndOldOnes() {
    ObjectPool<Thing> pool = pool(config().maxSize(3).minIdle(1));
    Lease<Thing> a = pool.acquire();
    Lease<Thing> b = pool.acquire();
    a.close();
    b.close();
    assertEquals(2, pool.stats().total());
    ticker.advance(Duration.ofSeconds(70));
    eventually(() -> pool.stats().total() == 1, "one idle object retired, minIdle kept");
    ticker.advance(Duration.ofMinutes(30));
    // Housekeeping re-arms itself when its run ends, which may come after the advance above (the run
    // that retired the idle object can still be finishing): while the old object is still the only
    // one (no replacement made, none removed), move time on by a period so that the next run comes due.
    eventually(() -> {
      if (allocator.destroyed.get() == 2 && pool.stats().total() == 1) {
        return true;
      }
      if (allocator.created.get() == 2 && pool.stats().total() == 1) {
        ticker.advance(Duration.ofSeconds(30));
      }
      return false;
    }, "the old object replaced");
  }

  @Test
  void anObjectInUseIsNeverRetiredButIsDestroyedOnReturnAfterItsLifetime() {
    ObjectPool<Thing> pool = pool(config().maxLifetime(Duration.ofMinutes(1)));
    Lease<Thing> lease = pool.acquire();
    ticker.advance(Duration.ofMinutes(5));
    assertFalse(lease.get().destroyed);
    Thing thing = lease.get();
    lease.close();
    assertTrue(thing.destroyed);
  }

  @Test
  void unfairReturnsInABurstServeEveryWaiter() throws Exception {
    // a release that finds a wake-up pending wakes nobody: the woken head must pass it on, or a waiter is stranded
    for (int round = 0; round < 20; round++) {
      ObjectPool<Thing> pool = pool(config().fair(false));
      Lease<Thing> first = pool.acquire();
      Lease<Thing> second = pool.acquire();
      List<Future<Lease<Thing>>> waiters = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        waiters.add(threads.submit(() -> pool.acquire(Duration.ofMinutes(1)))); // each keeps what it gets
      }
      eventually(() -> pool.stats().waiting() == 2, "two waiters");
      first.close();
      second.close();
      for (Future<Lease<Thing>> waiter : waiters) {
        assertTimeoutPreemptively(GUARD, () -> waiter.get()).close();
      }
    }
  }

  @Test
  void theWaitDistributionCountsImmediateAndParkedAcquires() {
    ObjectPool<Thing> pool = pool(config().maxSize(1));
    Lease<Thing> held = pool.acquire();
    Future<Thing> waiter = threads.submit(() -> {
      try (Lease<Thing> lease = pool.acquire(Duration.ofMinutes(1))) {
        return lease.get();
      }
    });
    eventually(() -> pool.stats().waiting() == 1, "a waiter");
    ticker.advance(Duration.ofMillis(300));
    held.close();
    assertTimeoutPreemptively(GUARD, () -> waiter.get());
    PoolStats stats = pool.stats();
    assertEquals(2, stats.acquires());
    assertEquals(Duration.ZERO, stats.waitTime(0.5));
    long p100 = stats.waitTime(1.0).toMillis();
    assertTrue(p100 >= 300 && p100 <= 340, "the parked wait, within a bucket: " + p100);
  }

  @Test
  void shutdownWaitsForLeasesThenReportsWhetherAllCameBack() throws Exception {
    ObjectPool<Thing> pool = pool(config());
    Lease<Thing> lease = pool.acquire();
    pool.acquire().close();
    Future<Boolean> shutdown = threads.submit(() -> pool.shutdown(Duration.ofMinutes(1)));
    eventually(() -> allocator.destroyed.get() == 1, "the idle object destroyed at once");
    assertThrows(PoolClosedException.class, pool::acquire);
    lease.close();
    assertTrue(assertTimeoutPreemptively(GUARD, () -> shutdown.get()));
    assertEquals(0, pool.stats().total());
    assertEquals(2, pool.stats().destroyed());
    ObjectPool<Thing> other = pool(config());
    Lease<Thing> kept = other.acquire();
    java.util.concurrent.FutureTask<Boolean> expires = new java.util.concurrent.FutureTask<>(() -> other.shutdown(Duration.ofSeconds(5)));
    Thread shutter = new Thread(expires, "shutter");
    shutter.setDaemon(true);
    shutter.start();
    // parked in shutdown: its timer is armed (close() cancelled housekeeping, so it is the one task)
    eventually(() -> shutter.getState() == Thread.State.WAITING && ticker.pendingTasks() == 1, "shutdown to wait");
    ticker.advance(Duration.ofSeconds(5));
    assertFalse(assertTimeoutPreemptively(GUARD, () -> expires.get()));
    kept.close();
  }

  @Test
  void configRejectsBadValuesNamingTheSetting() {
    assertEquals("maxSize must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> PoolConfig.builder().maxSize(0)).getMessage());
    assertEquals("minIdle must not exceed maxSize, was minIdle=5 with maxSize=2",
        assertThrows(IllegalArgumentException.class, () -> PoolConfig.builder().maxSize(2).minIdle(5).build()).getMessage());
    assertEquals("acquireTimeout must be zero or positive, was PT-1S",
        assertThrows(IllegalArgumentException.class, () -> PoolConfig.builder().acquireTimeout(Duration.ofSeconds(-1))).getMessage());
    assertEquals("ticker must not be null",
        assertThrows(NullPointerException.class, () -> PoolConfig.builder().ticker(null)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PoolConfig.builder().maxLifetime(Duration.ofSeconds(10)).maxLifetimeJitter(Duration.ofSeconds(10)).build())
        .getMessage().startsWith("maxLifetimeJitter must be shorter than maxLifetime"));
    ObjectPool<Thing> pool = pool(config());
    assertEquals("timeout must be zero or positive, was PT-0.001S",
        assertThrows(IllegalArgumentException.class, () -> pool.acquire(Duration.ofMillis(-1))).getMessage());
  }

  @Test
  void aZeroTimeoutFailsAtOnceWhenNothingIsIdle() {
    ObjectPool<Thing> pool = pool(config().maxSize(1));
    Lease<Thing> held = pool.acquire();
    assertThrows(PoolTimeoutException.class, () -> pool.acquire(Duration.ZERO));
    held.close();
    pool.acquire(Duration.ZERO).close();
  }

  /** Runs {@code body} on a pool thread under a deadline {@code deadline} from now on the test's ticker. */
  private Future<Object> underDeadline(Duration deadline, java.util.concurrent.Callable<Object> body) {
    Deadline fixedNow = Deadline.after(deadline, ticker);
    return threads.submit(() -> {
      try {
        return fixedNow.call(body);
      } catch (Throwable t) {
        return t;
      }
    });
  }

  @Test
  void aCallersDeadlineNearerThanTheTimeoutEndsAnAcquireOnTheDotForEveryVariant() throws Exception {
    ObjectPool<Thing> pool = pool(config().maxSize(1).acquireTimeout(Duration.ofSeconds(5)));
    Lease<Thing> held = pool.acquire();
    Thing object = held.get();
    Future<Object> configured = underDeadline(Duration.ofMillis(20), pool::acquire);
    Future<Object> explicit = underDeadline(Duration.ofMillis(20), () -> pool.acquire(Duration.ofSeconds(5)));
    eventually(() -> pool.stats().waiting() == 2, "both acquires to wait");
    ticker.advance(Duration.ofMillis(20).minusNanos(1));
    assertFalse(configured.isDone() || explicit.isDone(), "no wait may end before the deadline");
    ticker.advance(1, java.util.concurrent.TimeUnit.NANOSECONDS);
    for (Future<Object> waiter : List.of(configured, explicit)) {
      Object outcome = assertTimeoutPreemptively(GUARD, () -> waiter.get());
      PoolTimeoutException timeout = assertInstanceOf(PoolTimeoutException.class, outcome);
      assertTrue(timeout.getMessage().contains("within PT0.02S, when the caller's deadline came, before its timeout"),
          timeout.getMessage());
    }
    assertEquals(2, pool.stats().timeouts());
    assertEquals(0, pool.stats().waiting());
    held.close();
    try (Lease<Thing> again = pool.acquire(Duration.ZERO)) {
      assertSame(object, again.get(), "the object went back to the pool, not to an abandoned waiter");
    }
  }

  @Test
  void aDeadlineFartherThanTheTimeoutLeavesTheTimeoutInCharge() throws Exception {
    ObjectPool<Thing> pool = pool(config().maxSize(1).acquireTimeout(Duration.ofMillis(50)));
    Lease<Thing> held = pool.acquire();
    Future<Object> waiter = underDeadline(Duration.ofSeconds(10), pool::acquire);
    eventually(() -> pool.stats().waiting() == 1, "the acquire to wait");
    ticker.advance(Duration.ofMillis(50));
    Object outcome = assertTimeoutPreemptively(GUARD, () -> waiter.get());
    PoolTimeoutException timeout = assertInstanceOf(PoolTimeoutException.class, outcome);
    assertTrue(timeout.getMessage().contains("within PT0.05S ("), timeout.getMessage());
    held.close();
  }

  @Test
  void underAnExpiredDeadlineAnIdleObjectIsTakenButNoneIsAwaited() throws Exception {
    ObjectPool<Thing> pool = pool(config().maxSize(1));
    pool.acquire().close();
    Deadline expired = Deadline.after(Duration.ofNanos(1), ticker);
    ticker.advance(Duration.ofMillis(1));
    Lease<Thing> lease = (Lease<Thing>) expired.call(() -> pool.acquire());
    PoolTimeoutException none = assertThrows(PoolTimeoutException.class, () -> expired.call(() -> pool.acquire()));
    assertTrue(none.getMessage().contains("caller's deadline"), none.getMessage());
    lease.close();
  }

  @Test
  void shutdownWaitsNoLongerThanTheCallersDeadline() throws Exception {
    ObjectPool<Thing> pool = pool(config().maxSize(1));
    Lease<Thing> held = pool.acquire();
    Future<Object> shutdown = underDeadline(Duration.ofMillis(10), () -> pool.shutdown(Duration.ofSeconds(5)));
    eventually(() -> ticker.pendingTasks() == 1, "shutdown to wait (its timer is the only task once housekeeping stops)");
    ticker.advance(Duration.ofMillis(10).minusNanos(1));
    assertFalse(shutdown.isDone(), "shutdown may not give up before the deadline");
    ticker.advance(1, java.util.concurrent.TimeUnit.NANOSECONDS);
    assertEquals(Boolean.FALSE, assertTimeoutPreemptively(GUARD, () -> shutdown.get()));
    held.close();
  }
}
