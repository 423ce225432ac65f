package dev.trestle.pool;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.FlightRecorderGate;
import dev.trestle.core.internal.TimedPark;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool: borrowing (claim, check, lend) and giving back. Who gets which entry, and the waiting, is
 * the {@link Handoff}'s; creating, retiring and destroying objects is the {@link Lifecycle}'s.
 *
 * <p>The cycle allocates nothing shared and nothing per call that escapes: acquire claims the thread's
 * hinted entry with one compare-and-set (else scans, else waits in the hand-off), checks it, and lends
 * it under the entry's next lease number; the lease holds only the entry and that number, and close
 * ends it with one compare-and-set that names the number, so a lease closed twice or after its object
 * was lent again does nothing. Release resets the object and offers the entry to the hand-off, which
 * gives it to the longest waiter if there is one; when there is nothing to reset and no waiter is owed
 * the entry, the lease ends straight into IDLE ({@link #release}). A cycle reads the ticker twice, on
 * claim (maxLifetime, validateAfterIdle) and on return (the idle time housekeeping and the next claim
 * measure); on a VM whose clock source makes {@code System.nanoTime} a system call, these two reads
 * are most of its cost.
 */
final class DefaultObjectPool<T> implements ObjectPool<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectPool.class);
  /** The shortest validation timeout: a check cut shorter would condemn healthy objects. */
  private static final long MIN_VALIDATION_NANOS = 25_000_000L;

  final PoolConfig config;
  private final Allocator<T> allocator;
  private final Ticker ticker;
  private final Scheduler scheduler;
  private final Handoff<T> handoff;
  private final Lifecycle<T> lifecycle;
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder leaks = new LongAdder();
  // the allocator resets nothing and leak detection is off: a return can free the entry in one step
  private final boolean quickReturns;

  DefaultObjectPool(Allocator<T> allocator, PoolConfig config) {
    this.allocator = allocator;
    this.config = config;
    this.ticker = config.ticker;
    this.scheduler = config.scheduler;
    this.handoff = new Handoff<>(this, config.fair);
    this.lifecycle = new Lifecycle<>(allocator, config, handoff);
    this.quickReturns = config.leakDetectionNanos == 0 && resetsNothing(allocator);
    if (config.failFast) {
      try {
        lifecycle.startEagerly();
      } catch (PoolException failed) {
        close();
        throw failed;
      }
    }
    lifecycle.armHousekeeping();
    lifecycle.fillDemand();
  }

  /** Whether the allocator keeps Allocator's reset, which does nothing. */
  private static boolean resetsNothing(Allocator<?> allocator) {
    try {
      return allocator.getClass().getMethod("reset", Object.class).getDeclaringClass() == Allocator.class;
    } catch (NoSuchMethodException | SecurityException e) {
      return false;
    }
  }

  // ---- acquiring ----

  @Override
  public Lease<T> acquire() {
    return acquire(config.acquireTimeoutNanos);
  }

  @Override
  public Lease<T> acquire(Duration timeout) {
    return acquire(Durations.nonNegativeNanos(timeout, "timeout"));
  }

  // small, and one allocation site for the lease: inlined into the borrower, the lease need not be allocated
  private Lease<T> acquire(long timeoutNanos) {
    if (handoff.closed()) {
      throw closedException();
    }
    long start = ticker.read();
    Entry<T> entry = handoff.mayClaim() ? takeIdle(start, timeoutNanos) : null;
    if (entry == null) {
      entry = acquireSlowly(start, timeoutNanos);
    }
    return lease(entry);
  }

  @Override
  public Optional<Lease<T>> tryAcquire() {
    if (handoff.closed()) {
      throw closedException();
    }
    if (handoff.mayClaim()) {
      long now = ticker.read();
      Entry<T> entry = takeIdle(now, config.validationTimeoutNanos);
      if (entry != null) {
        return Optional.of(lease(entry));
      }
    }
    lifecycle.fillDemand(1);
    return Optional.empty();
  }

  /**
   * Claims an idle, usable entry without waiting: the thread's last one first, then a scan. The wait
   * (bounded by the thread's deadline, which costs a thread-local read) is only looked at when an
   * entry needs a check.
   */
  private Entry<T> takeIdle(long now, long timeoutNanos) {
    Entry<T> hint = handoff.claimHinted();
    if (hint != null && fresh(hint, now)) {
      return hint;
    }
    long budgetNanos = TimedPark.bound(timeoutNanos);
    if (hint != null) {
      if (usable(hint, now, now, budgetNanos)) {
        return hint;
      }
      if (ticker.read() - now >= budgetNanos) {
        return null; // a failed validation used up the wait: the caller times out rather than check another
      }
    }
    while (true) {
      Entry<T> entry = handoff.claimAny();
      if (entry == null || usable(entry, now, now, budgetNanos)) {
        return entry;
      }
      if (ticker.read() - now >= budgetNanos) {
        return null;
      }
    }
  }

  /** Whether a claimed entry may be lent without a check: not retired, and not idle long enough to validate. */
  private boolean fresh(Entry<T> entry, long now) {
    return !entry.retired(now) && config.validateAfterIdleNanos != 0 && now - entry.lastReturned <= config.validateAfterIdleNanos;
  }

  /**
   * Checks a claimed idle entry; destroys it and returns false if it must not be lent. Validation
   * gets at most what is left of the borrower's wait (but {@code MIN_VALIDATION_NANOS}, so that a
   * healthy object is not condemned for a wait nearly over): a server that stopped answering
   * cannot hold an acquire much past its timeout.
   */
  boolean usable(Entry<T> entry, long now, long waitStart, long budgetNanos) {
    if (entry.retired(now)) {
      destroy(entry, "it is past its maxLifetime");
      return false;
    }
    long idle = now - entry.lastReturned;
    if (config.validateAfterIdleNanos == 0 || idle > config.validateAfterIdleNanos) {
      boolean valid;
      Throwable failure = null;
      try {
        long left = budgetNanos - (ticker.read() - waitStart);
        long timeout = Math.min(config.validationTimeoutNanos, Math.max(left, MIN_VALIDATION_NANOS));
        valid = allocator.validate(entry.object, timeout == config.validationTimeoutNanos ? config.validationTimeout
            : Duration.ofNanos(timeout));
      } catch (Throwable e) {
        valid = false;
        failure = e;
      }
      if (!valid) {
        destroy(entry, failure == null ? "validation failed" : "validation threw " + failure);
        return false;
      }
    }
    return true;
  }

  private Entry<T> acquireSlowly(long start, long timeoutNanos) {
    // The park (and on a clock not the system's, its timer) starts before the waiter can be seen
    // waiting: whoever sees it wait and then advances the clock must also reach the end of its wait.
    // null unless a JFR recording enables the event; the gate keeps the event class unloaded until JFR is on
    AcquireWaitEvent event = FlightRecorderGate.open() ? AcquireWaitEvent.start() : null;
    boolean acquired = false;
    try (TimedPark park = TimedPark.start(ticker, scheduler, start, timeoutNanos)) {
      Entry<T> entry = handoff.acquireSlowly(park);
      acquired = true;
      return entry;
    } finally {
      if (event != null) {
        AcquireWaitEvent.finish(event, config.name, acquired, handoff.waiting());
      }
    }
  }

  /** Lends a claimed, usable entry under its next lease number. */
  private Lease<T> lease(Entry<T> entry) {
    long number = entry.lend();
    if (config.leakDetectionNanos > 0) {
      watch(entry, number);
    }
    return new PooledLease<>(entry, number);
  }

  private void watch(Entry<T> entry, long number) {
    entry.borrower = Thread.currentThread().getName();
    entry.origin = new Throwable("lease taken here by thread '" + entry.borrower + "'");
    entry.leakTimer = scheduler.schedule(() -> reportLeak(entry, number), config.leakDetectionNanos);
  }

  private void reportLeak(Entry<T> entry, long number) {
    String borrower = entry.borrower;
    Throwable origin = entry.origin;
    if (entry.leasedAs(number)) { // read after the fields: they belong to this lease, or a later one is open
      leaks.increment();
      LOG.warn("pool '{}': a lease has been held for more than {} by thread '{}' and may have leaked; it was taken at:",
          config.name, Duration.ofNanos(config.leakDetectionNanos), borrower, origin);
      for (PoolListener listener : config.listeners) {
        try {
          listener.onLeak(config.name, borrower, origin);
        } catch (RuntimeException ignored) {
          // a listener must not stop the leak checks of the leases after this one
        }
      }
    }
  }

  // ---- returning ----

  /**
   * Ends lease {@code number} of {@code entry} and takes the entry back. When the return needs no work
   * between ending the lease and freeing the entry (no reset, no leak timer, no waiter owed it in fair
   * mode, pool open, entry not retired), the lease ends straight into IDLE with one compare-and-set;
   * else it ends into HELD and {@link #giveBack} does the work. Only two threads closing the same lease
   * at once both get past the first check: one compare-and-set wins, and the loser has only written the
   * return time, which the winner writes too.
   */
  void release(Entry<T> entry, long number) {
    if (!quickReturns || !entry.leasedAs(number)) {
      if (entry.end(number)) {
        giveBack(entry, false);
      }
      return;
    }
    long now = ticker.read();
    if (handoff.closed() || entry.retired(now) || !handoff.mayClaim()) {
      if (entry.end(number)) {
        giveBack(entry, false);
      }
      return;
    }
    entry.lastReturned = now;
    if (entry.endIdle(number)) {
      handoff.freed(entry);
    }
  }

  /** Takes back an entry whose lease the caller has just ended (the entry is HELD by the caller). */
  void giveBack(Entry<T> entry, boolean invalidate) {
    Cancellable leakTimer = entry.leakTimer;
    if (leakTimer != null) {
      entry.leakTimer = null;
      leakTimer.cancel();
    }
    if (invalidate) {
      destroy(entry, "its lease was invalidated");
      return;
    }
    try {
      allocator.reset(entry.object);
    } catch (Throwable failure) {
      destroy(entry, "reset failed: " + failure);
      return;
    }
    long now = ticker.read();
    if (handoff.closed()) {
      destroy(entry, "the pool is closed");
      return;
    }
    if (entry.retired(now)) {
      destroy(entry, "it is past its maxLifetime");
      return;
    }
    entry.lastReturned = now;
    handoff.offer(entry);
  }

  // ---- what the hand-off asks of the pool ----

  void destroy(Entry<T> entry, String why) {
    lifecycle.destroy(entry, why);
  }

  void fillDemand() {
    lifecycle.fillDemand();
  }

  long now() {
    return ticker.read();
  }

  /** Counts a timed-out acquire and returns its exception. */
  PoolTimeoutException timedOut(TimedPark park) {
    timeouts.increment();
    PoolStats stats = stats();
    String within = park.deadlineFirst()
        ? Duration.ofNanos(park.limitNanos()) + ", when the caller's deadline came, before its timeout"
        : Duration.ofNanos(park.limitNanos()).toString();
    Throwable lastFailure = lifecycle.lastFailure;
    return new PoolTimeoutException("pool '" + config.name + "': no object available within " + within
        + " (total=" + stats.total() + ", active=" + stats.active() + ", idle=" + stats.idle() + ", waiting="
        + stats.waiting() + ", pending=" + stats.pending() + ", maxSize=" + config.maxSize + ")"
        + (lastFailure != null ? "; the last creation failed, see the cause" : ""), lastFailure);
  }

  PoolClosedException closedException() {
    return new PoolClosedException("pool '" + config.name + "' is closed");
  }

  // ---- closing ----

  @Override
  public void close() {
    if (handoff.close()) {
      lifecycle.close();
    }
  }

  @Override
  public boolean shutdown(Duration timeout) {
    long timeoutNanos = Durations.nonNegativeNanos(timeout, "timeout");
    close();
    return lifecycle.awaitEmpty(timeoutNanos);
  }

  // ---- reporting ----

  @Override
  public PoolStats stats() {
    Entry<T>[] all = handoff.entries();
    int idle = 0;
    int active = 0;
    long leases = lifecycle.leasesOfDestroyed.sum();
    for (Entry<T> entry : all) {
      int state = entry.state();
      if (state == Entry.IDLE) {
        idle++;
      } else if (state != Entry.REMOVED) {
        active++; // lent, or held by the pool while it is checked, returned or handed to a waiter
      }
      leases += entry.leases();
    }
    WaitTimes waitTimes = handoff.waitTimes;
    long immediate = Math.max(0, leases - waitTimes.recorded());
    return new PoolStats(all.length, idle, active, handoff.waiting(), lifecycle.pending(), lifecycle.created.sum(),
        lifecycle.destroyed.sum(), timeouts.sum(), leaks.sum(), lifecycle.creationFailures.sum(), waitTimes.snapshot(immediate));
  }

  @Override
  public PoolConfig config() {
    return config;
  }

  @Override
  public String toString() {
    return "ObjectPool[" + config.name + ", " + stats() + "]";
  }
}
