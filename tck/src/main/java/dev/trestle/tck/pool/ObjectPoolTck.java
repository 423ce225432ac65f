package dev.trestle.tck.pool;

import dev.trestle.core.ManualTicker;
import dev.trestle.pool.Lease;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolException;
import dev.trestle.pool.PoolStats;
import dev.trestle.pool.PoolTimeoutException;
import dev.trestle.tck.ConformanceKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link ObjectPool}: the rules {@code POOL-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it, build a pool of the kit's allocator to the {@link PoolSpec} in {@link #newPool},
 * and declare your capabilities in {@link #features()}:
 *
 * <pre>{@code
 * class MyPoolConformanceTest extends ObjectPoolTck {
 *   protected ObjectPool<Probe> newPool(Allocator<Probe> allocator, PoolSpec spec) { return MyPools.create(allocator, spec); }
 *   protected Set<PoolFeature> features() { return EnumSet.allOf(PoolFeature.class); }
 * }
 * }</pre>
 *
 * <p>With {@link PoolFeature#MANUAL_TICKER} the kit moves time itself; otherwise timeouts are short
 * real ones (250 ms) and only hang guards are long. The kit tells that a caller waits from its
 * thread's state ({@code WAITING} or {@code TIMED_WAITING}), so it needs nothing from the pool for
 * that. Every pool and thread a test makes is released after it.
 */
public abstract class ObjectPoolTck extends ConformanceKit<PoolFeature> {

  private static final Duration MANUAL_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration REAL_TIMEOUT = Duration.ofMillis(250);
  /** How long the stress rules' threads may take in all: slow is allowed, stuck is not. */

  private ManualTicker ticker;
  private ProbeAllocator allocator;
  private final List<ObjectPool<Probe>> pools = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  /** Returns a new pool of the objects {@code allocator} makes, built to {@code spec}. */
  protected abstract ObjectPool<Probe> newPool(dev.trestle.pool.Allocator<Probe> allocator, PoolSpec spec);

  @BeforeEach
  void startKit() {
    ticker = new ManualTicker();
    allocator = new ProbeAllocator();
  }

  @AfterEach
  void stopKit() {
    if (allocator == null) {
      return;
    }
    CountDownLatch gate = allocator.hang;
    if (gate != null) {
      gate.countDown();
    }
    for (ObjectPool<Probe> pool : pools) {
      try {
        pool.close();
      } catch (RuntimeException ignored) {
        // a broken pool may fail to close; the test has its verdict
      }
    }
    threads.forEach(Thread::interrupt);
  }

  private boolean manual() {
    return declares(PoolFeature.MANUAL_TICKER);
  }

  private Duration timeout() {
    return manual() ? MANUAL_TIMEOUT : REAL_TIMEOUT;
  }

  private PoolSpec spec(int maxSize) {
    return new PoolSpec(maxSize, 0, timeout(), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), manual() ? ticker : null);
  }

  private ObjectPool<Probe> pool(PoolSpec spec) {
    ObjectPool<Probe> pool = implementation(newPool(allocator, spec));
    pools.add(pool);
    return pool;
  }

  /** A caller running on its own thread, so the kit can see it wait. */
  private final class Caller<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final Thread thread;

    Caller(Callable<T> action) {
      thread = new Thread(() -> {
        try {
          result.complete(action.call());
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      }, "tck-pool-caller");
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }

    void awaitWaiting(String rule) {
      eventually(() -> result.isDone() || thread.getState() == Thread.State.WAITING
          || thread.getState() == Thread.State.TIMED_WAITING, rule, "the caller to wait");
    }

    Outcome<T> outcome(String rule, String waitingFor) {
      return awaitOutcome(result, rule, waitingFor);
    }
  }

  private void eventually(BooleanSupplier condition, String rule, String what) {
    long end = System.nanoTime() + hangGuard().toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw violation(rule, what, "still not after " + hangGuard().toSeconds() + "s");
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** Lets the timeout of a waiting caller pass: moves the manual ticker, or lets real time run. */
  private void passTimeout(Caller<?> caller, String rule) {
    caller.awaitWaiting(rule);
    if (manual()) {
      ticker.advance(timeout());
    }
  }

  private void use(Lease<Probe> lease, String rule) {
    Probe probe = lease.get();
    if (!probe.inUse.compareAndSet(false, true)) {
      throw violation(rule, "an object lent to one borrower at a time", probe + " lent to two borrowers at once");
    }
    Thread.yield();
    probe.inUse.set(false);
  }

  private void expectNoAllocatorViolation(String rule) {
    expect(allocator.violations.isEmpty(), rule, "every object destroyed once, never while in use", allocator.violations.peek());
  }

  // ---- 1. Exclusive use and the size limit ----

  @Test
  @DisplayName("POOL-1.1 under stress an object is never leased to two borrowers at once")
  void neverLeasedTwice() {
    stress("POOL-1.1", 4, 8, 200, false);
  }

  @Test
  @DisplayName("POOL-1.2 under stress, invalidations included, the pool never holds more than maxSize objects")
  void neverMoreThanMaxSize() {
    stress("POOL-1.2", 3, 8, 200, true);
    expect(allocator.maxAlive.get() <= 3, "POOL-1.2", "at most 3 objects alive at once", allocator.maxAlive.get() + " alive at once");
  }

  private void stress(String rule, int maxSize, int threadCount, int operations, boolean invalidate) {
    ObjectPool<Probe> pool = pool(spec(maxSize));
    Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    CyclicBarrier go = new CyclicBarrier(threadCount);
    Duration wait = hangGuard().multipliedBy(2); // long: under a manual ticker the kit does not move time here
    List<Caller<Object>> callers = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      callers.add(new Caller<>(() -> {
        go.await();
        for (int i = 0; i < operations; i++) {
          try {
            Lease<Probe> lease = pool.acquire(wait);
            try {
              use(lease, rule);
            } finally { // a violation ends this thread: give the lease back so the others are not stuck
              if (invalidate && ThreadLocalRandom.current().nextInt(8) == 0) {
                lease.invalidate();
              } else {
                lease.close();
              }
            }
          } catch (AssertionError e) {
            throw e;
          } catch (Throwable e) {
            unexpected.add(e);
          }
        }
        return null;
      }));
    }
    long end = System.nanoTime() + hangGuard().multipliedBy(3).toNanos();
    while (System.nanoTime() - end < 0 && !callers.stream().allMatch(c -> c.result.isDone())) {
      for (Caller<Object> caller : callers) { // a violation anywhere is the verdict, even if others hang
        if (caller.result.isCompletedExceptionally()) {
          Outcome<Object> outcome = caller.outcome(rule, "the stress thread");
          if (outcome.failure() instanceof AssertionError) {
            throw (AssertionError) outcome.failure();
          }
        }
      }
      LockSupport.parkNanos(1_000_000);
    }
    for (Caller<Object> caller : callers) {
      Outcome<Object> outcome = caller.outcome(rule, "the stress threads to finish");
      if (outcome.failed() && outcome.failure() instanceof AssertionError) {
        throw (AssertionError) outcome.failure();
      }
    }
    expect(unexpected.isEmpty(), rule, "every acquire served within " + wait, unexpected.peek());
    expectNoAllocatorViolation(rule);
  }

  // ---- 2. The acquire-timeout contract ----

  @Test
  @DisplayName("POOL-2.1 with every object leased, acquire throws PoolTimeoutException once its timeout has passed")
  void exhaustedAcquireTimesOut() {
    ObjectPool<Probe> pool = pool(spec(1));
    Lease<Probe> held = pool.acquire();
    Caller<Lease<Probe>> caller = new Caller<>(pool::acquire);
    passTimeout(caller, "POOL-2.1");
    Outcome<Lease<Probe>> outcome = caller.outcome("POOL-2.1", "acquire to time out");
    expect(outcome.failure() instanceof PoolTimeoutException, "POOL-2.1", "PoolTimeoutException", outcome);
    held.close();
  }

  @Test
  @DisplayName("POOL-2.2 acquire throws PoolTimeoutException within its timeout even when the allocator hangs forever")
  void hangingAllocatorStillTimesOut() {
    allocator.hang = new CountDownLatch(1);
    ObjectPool<Probe> pool = pool(spec(2));
    Caller<Lease<Probe>> caller = new Caller<>(pool::acquire);
    passTimeout(caller, "POOL-2.2");
    Outcome<Lease<Probe>> outcome = caller.outcome("POOL-2.2", "acquire to time out although the allocator hangs");
    expect(outcome.failure() instanceof PoolTimeoutException, "POOL-2.2", "PoolTimeoutException", outcome);
    expect(allocator.maxAlive.get() <= 2, "POOL-2.2", "at most maxSize objects", allocator.maxAlive.get());
  }

  @Test
  @DisplayName("POOL-2.3 no acquire fails before its timeout: an object freed 1 ms before it is handed over")
  void noEarlyTimeout() {
    requireFeature(PoolFeature.MANUAL_TICKER);
    ObjectPool<Probe> pool = pool(spec(1));
    Lease<Probe> held = pool.acquire();
    Caller<Lease<Probe>> caller = new Caller<>(pool::acquire);
    caller.awaitWaiting("POOL-2.3");
    ticker.advance(timeout().minusMillis(1));
    held.close();
    Outcome<Lease<Probe>> outcome = caller.outcome("POOL-2.3", "acquire to get the freed object");
    expect(!outcome.failed(), "POOL-2.3", "a lease 1 ms before the timeout", outcome);
    outcome.value().close();
  }

  @Test
  @DisplayName("POOL-2.5 acquire(timeout) keeps its own timeout, not the configured one: zero fails at once, 300 ms fails once 300 ms passed (configured 1 s), 0.5 ms is not truncated to zero; a negative or null timeout is rejected")
  void acquireWithTimeoutKeepsItsOwn() {
    requireFeature(PoolFeature.MANUAL_TICKER);
    ObjectPool<Probe> pool = pool(spec(1));
    Lease<Probe> held = pool.acquire();
    Caller<Lease<Probe>> zero = new Caller<>(() -> pool.acquire(Duration.ZERO));
    Outcome<Lease<Probe>> none = zero.outcome("POOL-2.5", "acquire(0) on an exhausted pool to fail at once, with no time passing");
    expect(none.failure() instanceof PoolTimeoutException, "POOL-2.5", "PoolTimeoutException from acquire(0) with no object free", none);
    Duration shorter = Duration.ofMillis(300);
    Caller<Lease<Probe>> shortWait = new Caller<>(() -> pool.acquire(shorter));
    shortWait.awaitWaiting("POOL-2.5");
    ticker.advance(shorter);
    Outcome<Lease<Probe>> timedOut = shortWait.outcome("POOL-2.5",
        "acquire(300 ms) to time out once 300 ms passed (the configured timeout is " + timeout().toMillis() + " ms)");
    expect(timedOut.failure() instanceof PoolTimeoutException, "POOL-2.5", "PoolTimeoutException from acquire(300 ms) at 300 ms", timedOut);
    Caller<Lease<Probe>> subMilli = new Caller<>(() -> pool.acquire(Duration.ofNanos(500_000)));
    subMilli.awaitWaiting("POOL-2.5");
    held.close(); // no time has passed: the 0.5 ms are all still ahead
    Outcome<Lease<Probe>> served = subMilli.outcome("POOL-2.5", "acquire(0.5 ms) to get the object freed while it waits");
    expect(!served.failed(), "POOL-2.5", "a lease for acquire(0.5 ms) with no time passed (0.5 ms is not 0 ms)", served);
    served.value().close();
    Outcome<Lease<Probe>> negative = outcomeOf(() -> pool.acquire(Duration.ofNanos(-1)));
    expect(negative.failure() instanceof IllegalArgumentException, "POOL-2.5", "IllegalArgumentException from acquire(-1 ns)", negative);
    Outcome<Lease<Probe>> nothing = outcomeOf(() -> pool.acquire(null));
    expect(nothing.failure() instanceof NullPointerException, "POOL-2.5", "NullPointerException from acquire(null)", nothing);
    expectNoAllocatorViolation("POOL-2.5");
  }

  @Test
  @DisplayName("POOL-2.4 a creation past its creationTimeout frees its slot, and what it makes later is destroyed, never lent")
  void creationPastItsTimeoutFreesItsSlot() {
    requireFeature(PoolFeature.CREATION_TIMEOUT);
    CountDownLatch gate = new CountDownLatch(1);
    allocator.hangOnce.set(gate);
    try {
      ObjectPool<Probe> pool = pool(spec(1));
      Caller<Lease<Probe>> first = new Caller<>(pool::acquire);
      // the clock moves only once the creation hangs: moved earlier, the creation's deadline would start after it
      eventually(() -> allocator.hangOnce.get() == null, "POOL-2.4", "the first creation to start");
      passTimeout(first, "POOL-2.4"); // the acquire timeout and the creation timeout pass together
      Outcome<Lease<Probe>> firstOutcome = first.outcome("POOL-2.4", "the first acquire to end");
      if (!firstOutcome.failed()) {
        firstOutcome.value().close();
      }
      Caller<Lease<Probe>> second = new Caller<>(pool::acquire);
      long end = System.nanoTime() + hangGuard().toNanos();
      while (manual() && !second.result.isDone() && System.nanoTime() - end < 0) {
        second.awaitWaiting("POOL-2.4");
        // a back-off, if the pool has one, passes in small steps, each with real time for a creator thread to run
        ticker.advance(Duration.ofMillis(10));
        LockSupport.parkNanos(20_000_000);
      }
      Outcome<Lease<Probe>> outcome = second.outcome("POOL-2.4", "an acquire while the first creation still hangs");
      expect(!outcome.failed(), "POOL-2.4", "a lease from a new creation while the one past its timeout still hangs (maxSize 1)",
          outcome);
      outcome.value().close();
      gate.countDown();
      eventually(() -> allocator.late != null, "POOL-2.4", "the hung creation to finish once released");
      Probe late = allocator.late;
      eventually(late::isDestroyed, "POOL-2.4", late + ", made after its creation timed out, destroyed");
      for (int i = 0; i < 3; i++) {
        Lease<Probe> lease = pool.acquire(hangGuard());
        expect(lease.get() != late, "POOL-2.4", "the late object never lent", late + " lent");
        lease.close();
      }
      expectNoAllocatorViolation("POOL-2.4");
    } finally {
      gate.countDown();
    }
  }

  // ---- 3. Ending leases ----

  @Test
  @DisplayName("POOL-3.1 an invalidated object is destroyed exactly once and never lent again")
  void invalidatedDestroyedOnce() {
    ObjectPool<Probe> pool = pool(spec(1));
    Lease<Probe> lease = pool.acquire();
    Probe first = lease.get();
    lease.invalidate();
    lease.invalidate();
    lease.close();
    eventually(first::isDestroyed, "POOL-3.1", first + " destroyed after invalidate");
    Lease<Probe> next = pool.acquire(hangGuard());
    expect(next.get() != first, "POOL-3.1", "a new object after invalidate", next.get());
    next.close();
    expectEqual("POOL-3.1", "destructions of the invalidated object", 1, first.destroyed.get());
    expectNoAllocatorViolation("POOL-3.1");
  }

  @Test
  @DisplayName("POOL-3.2 closing a lease twice returns its object once, and get() on a closed lease throws IllegalStateException")
  void leaseEndsOnce() {
    ObjectPool<Probe> pool = pool(spec(2));
    Lease<Probe> lease = pool.acquire();
    lease.close();
    lease.close();
    Lease<Probe> a = pool.acquire(hangGuard());
    Lease<Probe> b = pool.acquire(hangGuard());
    expect(a.get() != b.get(), "POOL-3.2", "two different objects after a double close", a.get() + " twice");
    Outcome<Probe> stale = outcomeOf(lease::get);
    expect(stale.failure() instanceof IllegalStateException, "POOL-3.2", "IllegalStateException from get() after close", stale);
    a.close();
    b.close();
  }

  // ---- 4. Failures of the allocator ----

  @Test
  @DisplayName("POOL-4.1 a failing allocator never breaks the pool: acquires fail with PoolException, then recover with the allocator")
  void failingAllocatorNeverBreaksThePool() {
    allocator.failWith = new IllegalStateException("injected creation failure");
    ObjectPool<Probe> pool = pool(spec(2));
    for (int i = 0; i < 4; i++) {
      Caller<Lease<Probe>> caller = new Caller<>(pool::acquire);
      passTimeout(caller, "POOL-4.1");
      Outcome<Lease<Probe>> outcome = caller.outcome("POOL-4.1", "acquire to fail while the allocator fails");
      expect(outcome.failure() instanceof PoolException, "POOL-4.1", "PoolException while the allocator fails", outcome);
    }
    allocator.failWith = null;
    long end = System.nanoTime() + hangGuard().toNanos();
    Outcome<Lease<Probe>> last = null;
    while (System.nanoTime() - end < 0) {
      Caller<Lease<Probe>> caller = new Caller<>(pool::acquire);
      while (manual() && !caller.result.isDone() && System.nanoTime() - end < 0) {
        caller.awaitWaiting("POOL-4.1");
        ticker.advance(Duration.ofMillis(100)); // creation back-off and the acquire timeout both pass in steps
        LockSupport.parkNanos(1_000_000);
      }
      last = caller.outcome("POOL-4.1", "acquire after the allocator recovered");
      if (!last.failed()) {
        last.value().close();
        break;
      }
    }
    expect(last != null && !last.failed(), "POOL-4.1", "a lease once the allocator works again", last);
    expect(allocator.maxAlive.get() <= 2, "POOL-4.1", "at most maxSize objects", allocator.maxAlive.get());
  }

  @Test
  @DisplayName("POOL-4.2 an allocator that throws an Error (AssertionError, OutOfMemoryError, StackOverflowError) never breaks the pool: acquires fail with PoolException, then recover; no failed creation is counted as an object")
  void allocatorErrorsNeverBreakThePool() {
    for (Error error : List.of(new AssertionError("injected creation error"), new OutOfMemoryError("injected"),
        new StackOverflowError("injected"))) {
      // a pool of its own for each error: no object made before the error can answer an acquire
      int createdBefore = allocator.created.get();
      allocator.failWithError = error; // before the pool exists: a pool that creates ahead of demand meets it too
      ObjectPool<Probe> pool = pool(spec(1));
      Caller<Lease<Probe>> failing = new Caller<>(pool::acquire);
      passTimeout(failing, "POOL-4.2");
      Outcome<Lease<Probe>> outcome = failing.outcome("POOL-4.2", "acquire to fail while the allocator throws " + error);
      expect(outcome.failure() instanceof PoolException, "POOL-4.2", "PoolException while the allocator throws " + error, outcome);
      if (declares(PoolFeature.STATS)) {
        PoolStats stats = pool.stats();
        expect(stats.created() == 0 && stats.total() == 0 && stats.active() == 0, "POOL-4.2",
            "no object counted while every creation throws " + error, stats);
      }
      allocator.failWithError = null;
      Outcome<Lease<Probe>> last = acquireOnceRecovered("POOL-4.2", pool);
      expect(last != null && !last.failed(), "POOL-4.2", "a lease once the allocator stops throwing " + error, last);
      if (declares(PoolFeature.STATS)) {
        PoolStats stats = pool.stats();
        int made = allocator.created.get() - createdBefore;
        expect(stats.created() == made && stats.active() == 1, "POOL-4.2",
            "stats counting exactly the " + made + " objects made, 1 of them lent", stats);
      }
      last.value().close();
      pool.close();
    }
    expectNoAllocatorViolation("POOL-4.2");
  }

  /** Acquires until a lease comes, stepping a manual ticker past back-offs; the last outcome, within the hang guard. */
  private Outcome<Lease<Probe>> acquireOnceRecovered(String rule, ObjectPool<Probe> pool) {
    long end = System.nanoTime() + hangGuard().toNanos();
    Outcome<Lease<Probe>> last = null;
    while (System.nanoTime() - end < 0) {
      Caller<Lease<Probe>> caller = new Caller<>(pool::acquire);
      while (manual() && !caller.result.isDone() && System.nanoTime() - end < 0) {
        caller.awaitWaiting(rule);
        ticker.advance(Duration.ofMillis(100));
        LockSupport.parkNanos(1_000_000);
      }
      last = caller.outcome(rule, "acquire after the allocator recovered");
      if (!last.failed()) {
        break;
      }
    }
    return last;
  }

  // ---- 5. Idle timeout, lifetime, validation ----

  @Test
  @DisplayName("POOL-5.1 an object idle longer than idleTimeout is destroyed")
  void idleTimeout() {
    requireFeature(PoolFeature.IDLE_TIMEOUT);
    requireFeature(PoolFeature.MANUAL_TICKER);
    ObjectPool<Probe> pool = pool(spec(2).withIdleTimeout(Duration.ofSeconds(10)));
    Lease<Probe> lease = pool.acquire();
    Probe probe = lease.get();
    lease.close();
    ticker.advance(Duration.ofSeconds(5));
    expect(!probe.isDestroyed(), "POOL-5.1", "an object idle for half its idleTimeout kept", "destroyed");
    for (int i = 0; i < 10; i++) {
      ticker.advance(Duration.ofSeconds(1));
    }
    eventually(probe::isDestroyed, "POOL-5.1", probe + " destroyed after 15 s idle with idleTimeout 10 s");
    expectNoAllocatorViolation("POOL-5.1");
  }

  @Test
  @DisplayName("POOL-5.2 an object past maxLifetime is not lent again, but one in use is never destroyed before it is returned")
  void maxLifetime() {
    requireFeature(PoolFeature.MAX_LIFETIME);
    requireFeature(PoolFeature.MANUAL_TICKER);
    ObjectPool<Probe> pool = pool(spec(3).withMaxLifetime(Duration.ofSeconds(60)));
    Lease<Probe> held = pool.acquire();
    Lease<Probe> other = pool.acquire();
    Probe old = other.get();
    other.close();
    for (int i = 0; i < 12; i++) {
      ticker.advance(Duration.ofSeconds(10));
    }
    expect(!held.get().isDestroyed(), "POOL-5.2", "an object in use kept past maxLifetime", "destroyed while in use");
    Lease<Probe> fresh = pool.acquire(hangGuard());
    expect(fresh.get() != old && fresh.get() != held.get(), "POOL-5.2", "a new object after maxLifetime", fresh.get());
    fresh.close();
    eventually(old::isDestroyed, "POOL-5.2", old + " destroyed after its lifetime");
    Probe inUse = held.get();
    held.close();
    eventually(inUse::isDestroyed, "POOL-5.2", inUse + " destroyed when returned past its lifetime");
    expectNoAllocatorViolation("POOL-5.2");
  }

  @Test
  @DisplayName("POOL-5.3 an idle object that fails validation is destroyed and replaced by a new one")
  void validationFailureReplaces() {
    requireFeature(PoolFeature.VALIDATION);
    ObjectPool<Probe> pool = pool(spec(1));
    Lease<Probe> lease = pool.acquire();
    Probe first = lease.get();
    lease.close();
    if (manual()) {
      ticker.advance(Duration.ofSeconds(1));
    }
    first.valid = false;
    Lease<Probe> next = pool.acquire(hangGuard());
    expect(next.get() != first, "POOL-5.3", "a new object instead of the invalid one", next.get());
    next.close();
    eventually(first::isDestroyed, "POOL-5.3", first + " destroyed after failing validation");
    expectNoAllocatorViolation("POOL-5.3");
  }

  // ---- 6. Fairness ----

  @Test
  @DisplayName("POOL-6.1 waiters are served in arrival order")
  void fifo() {
    requireFeature(PoolFeature.FAIR);
    ObjectPool<Probe> pool = pool(spec(1));
    Lease<Probe> held = pool.acquire();
    List<Integer> served = new CopyOnWriteArrayList<>();
    List<Caller<Object>> waiters = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int index = i;
      Caller<Object> waiter = new Caller<>(() -> {
        try (Lease<Probe> lease = pool.acquire(hangGuard().multipliedBy(2))) {
          served.add(index);
          lease.get();
        }
        return null;
      });
      waiter.awaitWaiting("POOL-6.1");
      waiters.add(waiter);
    }
    held.close();
    for (Caller<Object> waiter : waiters) {
      waiter.outcome("POOL-6.1", "each waiter to be served");
    }
    expectEqual("POOL-6.1", "the order waiters were served in", List.of(0, 1, 2, 3), served);
  }

  // ---- 7. Shutdown ----

  @Test
  @DisplayName("POOL-7.1 after close, acquire throws PoolException, idle objects are destroyed, and a leased one when it is returned")
  void closeSemantics() {
    ObjectPool<Probe> pool = pool(spec(2));
    Lease<Probe> held = pool.acquire();
    Lease<Probe> idle = pool.acquire();
    Probe idleProbe = idle.get();
    idle.close();
    pool.close();
    Outcome<Lease<Probe>> after = outcomeOf(pool::acquire);
    expect(after.failure() instanceof PoolException, "POOL-7.1", "PoolException from acquire after close", after);
    eventually(idleProbe::isDestroyed, "POOL-7.1", "the idle object destroyed at close");
    Probe heldProbe = held.get();
    expect(!heldProbe.isDestroyed(), "POOL-7.1", "the leased object kept until returned", "destroyed while leased");
    held.close();
    eventually(heldProbe::isDestroyed, "POOL-7.1", "the leased object destroyed when returned after close");
    expectEqual("POOL-7.1", "objects destroyed (all created)", allocator.created.get(), allocator.destroyed.get());
    expectNoAllocatorViolation("POOL-7.1");
  }

  @Test
  @DisplayName("POOL-7.2 shutdown(timeout) waits for outstanding leases and reports that all came back")
  void gracefulShutdown() {
    requireFeature(PoolFeature.GRACEFUL_SHUTDOWN);
    ObjectPool<Probe> pool = pool(spec(2));
    Lease<Probe> held = pool.acquire();
    Caller<Boolean> shutdown = new Caller<>(() -> pool.shutdown(hangGuard().multipliedBy(2)));
    shutdown.awaitWaiting("POOL-7.2");
    expect(!shutdown.result.isDone(), "POOL-7.2", "shutdown to wait for the outstanding lease", "it returned at once");
    held.close();
    Outcome<Boolean> outcome = shutdown.outcome("POOL-7.2", "shutdown to return once the lease came back");
    expectEqual("POOL-7.2", "shutdown's answer", Boolean.TRUE, outcome.value());
    eventually(() -> allocator.destroyed.get() == allocator.created.get(), "POOL-7.2", "every object destroyed");
  }

  // ---- 8. Accounting under faults ----

  @Test
  @DisplayName("POOL-8.1 under N threads x M random operations with injected faults every object is accounted for")
  void accountingUnderFaults() {
    int maxSize = 4;
    ObjectPool<Probe> pool = pool(spec(maxSize));
    allocator.randomFailureRate = 0.2;
    int threadCount = 8;
    int operations = 200;
    Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread clock = null;
    if (manual()) {
      clock = new Thread(() -> {
        while (running.get()) {
          ticker.advance(Duration.ofMillis(50));
          LockSupport.parkNanos(500_000);
        }
      }, "tck-pool-clock");
      clock.setDaemon(true);
      threads.add(clock);
      clock.start();
    }
    CyclicBarrier go = new CyclicBarrier(threadCount);
    List<Caller<Object>> callers = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      callers.add(new Caller<>(() -> {
        go.await();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Lease<Probe>> held = new ArrayList<>();
        for (int i = 0; i < operations; i++) {
          try {
            int op = random.nextInt(10);
            if (op < 4 || held.isEmpty()) {
              Lease<Probe> lease = op == 0 ? pool.tryAcquire().orElse(null) : pool.acquire(Duration.ofMillis(op * 20L));
              if (lease != null) {
                use(lease, "POOL-8.1");
                held.add(lease);
              }
            } else if (op < 7) {
              held.remove(held.size() - 1).close();
            } else if (op < 8) {
              held.remove(held.size() - 1).invalidate();
            } else {
              Lease<Probe> lease = held.get(held.size() - 1);
              lease.get().valid = random.nextBoolean();
              held.remove(held.size() - 1).close();
            }
          } catch (PoolException expected) {
            // timeouts and creation failures are part of the game
          } catch (AssertionError e) {
            throw e;
          } catch (Throwable e) {
            unexpected.add(e);
          }
        }
        held.forEach(Lease::close);
        return null;
      }));
    }
    try {
      long end = System.nanoTime() + hangGuard().multipliedBy(3).toNanos();
      while (System.nanoTime() - end < 0 && !callers.stream().allMatch(c -> c.result.isDone())) {
        LockSupport.parkNanos(1_000_000);
      }
      for (Caller<Object> caller : callers) {
        Outcome<Object> outcome = caller.outcome("POOL-8.1", "the chaos threads to finish");
        if (outcome.failed() && outcome.failure() instanceof AssertionError) {
          throw (AssertionError) outcome.failure();
        }
      }
    } finally {
      running.set(false);
    }
    expect(unexpected.isEmpty(), "POOL-8.1", "only PoolExceptions from the pool", unexpected.peek());
    expect(allocator.maxAlive.get() <= maxSize, "POOL-8.1", "at most " + maxSize + " objects alive", allocator.maxAlive.get());
    allocator.randomFailureRate = 0;
    if (declares(PoolFeature.STATS)) {
      eventually(() -> {
        PoolStats stats = pool.stats();
        return stats.total() == allocator.created.get() - allocator.destroyed.get() && stats.active() == 0;
      }, "POOL-8.1", "stats().total() == created - destroyed, nothing active, once quiet (" + pool.stats() + ", created "
          + allocator.created.get() + ", destroyed " + allocator.destroyed.get() + ")");
    }
    pool.close();
    eventually(() -> allocator.destroyed.get() == allocator.created.get(), "POOL-8.1",
        "every created object destroyed after close (created " + allocator.created.get() + ", destroyed "
            + allocator.destroyed.get() + ")");
    expectNoAllocatorViolation("POOL-8.1");
  }

}
