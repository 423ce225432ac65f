package dev.trestle.pool;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.FlightRecorderGate;
import dev.trestle.core.internal.TimedPark;
import dev.trestle.core.internal.WaiterQueue;
import dev.trestle.core.internal.WaiterQueue.ParkedWaiter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool: a copy-on-write array of entries claimed by compare-and-set, a per-thread hint of the
 * entry last returned, and a FIFO queue of waiters under a lock that is taken only when someone
 * waits (or an entry changes the array).
 *
 * <p>Fast path: when nobody waits, acquire claims the thread's last entry or scans the array; release
 * writes IDLE. Fairness: an acquire that finds waiters queues behind them, and a release that finds
 * waiters hands its entry to the head of the queue under the lock, never making it IDLE. The race
 * between a release that writes IDLE and a waiter that scans is closed Dekker-style: the waiter
 * counts itself in {@code waiting} before it scans, the releaser reads {@code waiting} after it writes
 * IDLE (both volatile), so either the waiter sees the IDLE entry or the releaser sees the waiter and
 * hands the entry over under the lock, where the queue cannot change under it.
 *
 * <p>Waiting: the queue, its decide-once states and the spin-then-park are core's {@code WaiterQueue},
 * shared with the bulkhead, and every wait ends through a {@code TimedPark}: at the earlier of its
 * timeout and the caller's deadline. A queued waiter checks its state {@code WaiterQueue.SPINS} times
 * with {@code Thread.onSpinWait()} before it parks, and a granter unparks it only if it has announced that it may park, so a hand-off
 * to a waiter that is still running costs no park/unpark round trip. In unfair mode a release wakes the
 * head only if no wake-up is pending (the woken head clears the flag before it looks), so returns that
 * come in a burst wake one waiter, not one per return.
 *
 * <p>Objects are created only on the creator executor, so a hanging allocator can never hold a
 * borrower past its timeout. {@code reserved} (live + being created) never exceeds maxSize; a slot is
 * freed only after its object is destroyed, or when its creation passes creationTimeout (a
 * {@link Creation} decides which comes first, once; an object that arrives late is destroyed at once).
 * So the pool never holds more than maxSize objects, and the resource behind it sees at most maxSize
 * live objects plus the creations the pool has given up on, which {@code inFlight} caps at maxSize
 * more: a server that accepts and never answers costs at most 2 x maxSize creator threads.
 */
final class DefaultObjectPool<T> implements ObjectPool<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectPool.class);
  /** The shortest validation timeout: a check cut shorter would condemn healthy objects. */
  private static final long MIN_VALIDATION_NANOS = 25_000_000L;

  @SuppressWarnings("rawtypes")
  private static final Entry[] NONE = new Entry[0];

  final PoolConfig config;
  private final Allocator<T> allocator;
  private final Ticker ticker;
  private final boolean fair;
  private final Scheduler scheduler;
  private final Executor creator;
  private final ExecutorService ownCreator;

  // its lock also guards every change of the entries array
  private final WaiterQueue<Waiter<T>> waiters = new WaiterQueue<>();
  @SuppressWarnings("unchecked")
  private volatile Entry<T>[] entries = NONE; // written under the queue's lock
  private final ThreadLocal<Entry<T>> lastReturned = new ThreadLocal<>();

  private final AtomicInteger reserved = new AtomicInteger(); // live + being created
  private final AtomicInteger pending = new AtomicInteger(); // being created, holding a slot
  private final AtomicInteger inFlight = new AtomicInteger(); // creator tasks running, abandoned ones included
  private final int maxInFlight;
  private final AtomicInteger waiting = new AtomicInteger(); // queued, or about to scan under the lock
  // unfair mode: a release has woken the head waiter, which has not yet looked for an entry
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final LongAdder created = new LongAdder();
  private final LongAdder destroyed = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder leaks = new LongAdder();
  private final LongAdder creationFailures = new LongAdder();
  private final LongAdder leasesOfDestroyed = new LongAdder();
  private final WaitTimes waitTimes = new WaitTimes();

  private volatile boolean closed;
  private volatile Throwable lastFailure; // since the last successful creation
  // the last creation failed or timed out: one creation at a time probes until one succeeds, so a server that
  // is down or frozen is not sent maxSize attempts per round, to be answered all at once when it comes back
  private volatile boolean failing;
  private final AtomicLong backoffNanos = new AtomicLong(); // 0: not backing off
  private volatile long nextCreationAt;
  private final AtomicBoolean retryArmed = new AtomicBoolean();
  private volatile Cancellable housekeeping;
  private final List<Thread> shutdownWaiters = new java.util.concurrent.CopyOnWriteArrayList<>();

  DefaultObjectPool(Allocator<T> allocator, PoolConfig config) {
    this.allocator = allocator;
    this.config = config;
    this.ticker = config.ticker;
    this.fair = config.fair;
    this.scheduler = config.scheduler;
    this.maxInFlight = config.maxSize > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : 2 * config.maxSize;
    if (config.creator != null) {
      this.creator = config.creator;
      this.ownCreator = null;
    } else {
      AtomicInteger threads = new AtomicInteger();
      String prefix = "trestle-pool-" + config.name + "-creator-";
      this.ownCreator = Executors.newCachedThreadPool(task -> {
        // String.concat, not +: no call site to link on a borrower's (maybe virtual) thread
        Thread thread = new Thread(task, prefix.concat(Integer.toString(threads.incrementAndGet())));
        thread.setDaemon(true);
        return thread;
      });
      this.creator = ownCreator;
    }
    if (config.failFast) {
      startEagerly();
    }
    armHousekeeping();
    fillDemand();
  }

  private void startEagerly() {
    int count = Math.max(1, config.minIdle);
    for (int i = 0; i < count; i++) {
      reserved.incrementAndGet();
      T object;
      try {
        object = createObject();
      } catch (Throwable failure) {
        reserved.decrementAndGet();
        creationFailures.increment();
        close();
        throw new PoolException("pool '" + config.name + "' could not create its first objects (failFast): created " + i
            + " of " + count, failure);
      }
      Entry<T> entry = register(object);
      entry.state = Entry.IDLE;
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

  private Lease<T> acquire(long timeoutNanos) {
    if (closed) {
      throw closedException();
    }
    long start = ticker.read();
    if (!fair || waiting.get() == 0) {
      Entry<T> entry = takeIdle(start, TimedPark.bound(timeoutNanos));
      if (entry != null) {
        return lease(entry);
      }
    }
    return acquireSlowly(start, timeoutNanos);
  }

  @Override
  public Optional<Lease<T>> tryAcquire() {
    if (closed) {
      throw closedException();
    }
    if (!fair || waiting.get() == 0) {
      long now = ticker.read();
      Entry<T> entry = takeIdle(now, TimedPark.bound(config.validationTimeoutNanos));
      if (entry != null) {
        return Optional.of(lease(entry));
      }
    }
    fillDemand(1);
    return Optional.empty();
  }

  /** Claims an idle, usable entry without waiting: the thread's last one first, then a scan. */
  private Entry<T> takeIdle(long now, long budgetNanos) {
    Entry<T> hint = lastReturned.get();
    if (hint != null && hint.claim()) {
      if (usable(hint, now, now, budgetNanos)) {
        return hint;
      }
      if (ticker.read() - now >= budgetNanos) {
        return null; // a failed validation used up the wait: the caller times out rather than check another
      }
    }
    while (true) {
      Entry<T> entry = claimAny();
      if (entry == null || usable(entry, now, now, budgetNanos)) {
        return entry;
      }
      if (ticker.read() - now >= budgetNanos) {
        return null;
      }
    }
  }

  private Entry<T> claimAny() {
    Entry<T>[] all = entries;
    int n = all.length;
    if (n == 0) {
      return null;
    }
    int from = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
    for (int i = 0; i < n; i++) {
      Entry<T> entry = all[(from + i) % n];
      if (entry.claim()) {
        return entry;
      }
    }
    return null;
  }

  /**
   * Checks a claimed idle entry; destroys it and returns false if it must not be lent. Validation
   * gets at most what is left of the borrower's wait (but {@code MIN_VALIDATION_NANOS}, so that a
   * healthy object is not condemned for a wait nearly over): a server that stopped answering
   * cannot hold an acquire much past its timeout.
   */
  private boolean usable(Entry<T> entry, long now, long waitStart, long budgetNanos) {
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

  private Lease<T> acquireSlowly(long start, long timeoutNanos) {
    // The park (and on a clock not the system's, its timer) starts before the waiter can be seen
    // waiting: whoever sees it wait and then advances the clock must also reach the end of its wait.
    // null unless a JFR recording enables the event; the gate keeps the event class unloaded until JFR is on
    AcquireWaitEvent event = FlightRecorderGate.open() ? AcquireWaitEvent.start() : null;
    boolean acquired = false;
    try (TimedPark park = TimedPark.start(ticker, scheduler, start, timeoutNanos)) {
      Lease<T> lease = acquireSlowly(park);
      acquired = true;
      return lease;
    } finally {
      if (event != null) {
        AcquireWaitEvent.finish(event, config.name, acquired, waiting.get());
      }
    }
  }

  private Lease<T> acquireSlowly(TimedPark park) {
    Waiter<T> waiter = park.expired() ? null : new Waiter<>();
    while (true) {
      Entry<T> entry;
      boolean queued = false;
      waiters.lock();
      try {
        if (closed) {
          throw closedException();
        }
        waiting.incrementAndGet();
        entry = !fair || waiters.isEmpty() ? claimAny() : null;
        if (entry != null || waiter == null) {
          waiting.decrementAndGet();
        } else {
          waiters.add(waiter);
          queued = true;
        }
      } finally {
        waiters.unlock();
      }
      if (entry != null) {
        if (usable(entry, park.startNanos(), park.startNanos(), park.limitNanos())) {
          return lease(entry);
        }
        continue;
      }
      fillDemand();
      if (!queued) {
        timeouts.increment();
        throw timeoutException(park);
      }
      return await(waiter, park);
    }
  }

  private Lease<T> await(Waiter<T> waiter, TimedPark park) {
    while (true) {
      int state = waiter.state();
      if (state == WaiterQueue.GRANTED) {
        waitTimes.record(park.elapsedNanos());
        return lease(waiter.entry);
      }
      if (state == WaiterQueue.CLOSED) {
        throw closedException();
      }
      if (!fair) {
        if (wakePending.get()) {
          wakePending.set(false); // this look answers the wake-up: the next release may wake the head again
        }
        Entry<T> entry = claimAny(); // woken by a release, or before parking: compete for an idle entry
        if (entry != null) {
          if (!abandon(waiter)) { // closed meanwhile
            offer(entry, false);
            continue;
          }
          long now = ticker.read();
          if (usable(entry, now, park.startNanos(), park.limitNanos())) {
            waitTimes.record(now - park.startNanos());
            return lease(entry);
          }
          return acquireSlowly(park); // the same park: what is left of the timeout
        }
      }
      int outcome = waiter.awaitOnce(park, this);
      if (outcome == WaiterQueue.INTERRUPTED) {
        Thread.currentThread().interrupt();
        if (abandon(waiter)) {
          throw new PoolException("interrupted while waiting for an object of pool '" + config.name + "'",
              new InterruptedException());
        }
        // granted (or closed) as we were interrupted: the loop takes it, the interrupt status stays set
      } else if (outcome == WaiterQueue.TIMED_OUT && abandon(waiter)) {
        timeouts.increment();
        throw timeoutException(park);
      }
    }
  }

  private boolean abandon(Waiter<T> waiter) {
    waiters.lock();
    try {
      if (!waiters.withdraw(waiter)) {
        return false;
      }
      waiting.decrementAndGet();
    } finally {
      waiters.unlock();
    }
    if (!fair) {
      // this waiter may have been woken as the head, and releases that found the wake-up pending woke nobody:
      // if an entry is idle, the new head looks (the releaser wrote IDLE before it read wakePending, and the
      // scan below reads the states after this write)
      wakePending.set(false);
      if (waiting.get() > 0 && anyIdle() && wakePending.compareAndSet(false, true)) {
        wakeHead();
      }
    }
    return true;
  }

  private boolean anyIdle() {
    for (Entry<T> entry : entries) {
      if (entry.state == Entry.IDLE) {
        return true;
      }
    }
    return false;
  }

  private Lease<T> lease(Entry<T> entry) {
    entry.leases++;
    if (config.leakDetectionNanos == 0) {
      return new PooledLease<>(this, entry);
    }
    PooledLease.Watched<T> lease = new PooledLease.Watched<>(this, entry);
    lease.timer = scheduler.schedule(() -> reportLeak(lease), config.leakDetectionNanos);
    return lease;
  }

  private void reportLeak(PooledLease.Watched<T> lease) {
    if (lease.isOpen()) {
      leaks.increment();
      LOG.warn("pool '{}': a lease has been held for more than {} by thread '{}' and may have leaked; it was taken at:",
          config.name, Duration.ofNanos(config.leakDetectionNanos), lease.borrower, lease.origin);
    }
  }

  // ---- returning ----

  void giveBack(PooledLease<T> lease, boolean invalidate) {
    Cancellable leakTimer = lease.leakTimer();
    if (leakTimer != null) {
      leakTimer.cancel();
    }
    Entry<T> entry = lease.entry;
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
    if (closed) {
      destroy(entry, "the pool is closed");
      return;
    }
    if (entry.retired(now)) {
      destroy(entry, "it is past its maxLifetime");
      return;
    }
    entry.lastReturned = now;
    offer(entry, true);
  }

  /** Makes a LEASED entry the caller owns available: to the longest waiter, else idle. */
  private void offer(Entry<T> entry, boolean remember) {
    if (fair && waiting.get() > 0 && grantHead(entry)) {
      return;
    }
    entry.state = Entry.IDLE;
    if (remember) {
      lastReturned.set(entry);
    }
    if (!fair) {
      // the head competes for the entry with whoever asks first; one wake-up at a time, since a woken head
      // that has not looked yet will find this entry too (it clears wakePending before it scans)
      if (waiting.get() > 0 && !wakePending.get() && wakePending.compareAndSet(false, true)) {
        wakeHead();
      }
    } else if (waiting.get() > 0) {
      // a waiter may have scanned before our IDLE write: it is queued now, or will see the entry
      waiters.lock();
      Waiter<T> head = null;
      try {
        if (!waiters.isEmpty() && entry.claim()) {
          head = grantLocked(entry);
        }
      } finally {
        waiters.unlock();
      }
      if (head != null) {
        head.wake();
      }
    }
    if (closed && entry.removeIfIdle()) {
      destroy(entry, "the pool is closed");
    }
  }

  /** Unfair mode: wakes the longest waiter to compete for an idle entry; it stays queued until it wins one. */
  private void wakeHead() {
    Waiter<T> head;
    waiters.lock();
    try {
      head = waiters.peekFirst();
    } finally {
      waiters.unlock();
    }
    if (head != null) {
      head.nudge();
    } else {
      wakePending.set(false); // nobody queued to answer it
    }
  }

  private boolean grantHead(Entry<T> entry) {
    Waiter<T> head;
    waiters.lock();
    try {
      if (waiters.isEmpty()) {
        return false;
      }
      head = grantLocked(entry);
    } finally {
      waiters.unlock();
    }
    head.wake();
    return true;
  }

  private Waiter<T> grantLocked(Entry<T> entry) {
    Waiter<T> head = waiters.pollFirst();
    head.entry = entry; // before the grant publishes it
    waiters.grant(head);
    waiting.decrementAndGet();
    return head;
  }

  // ---- creating ----

  /** Starts the creations the pool needs: one per waiter not yet covered, and up to minIdle. */
  void fillDemand() {
    fillDemand(0);
  }

  /** As {@link #fillDemand()}, counting {@code extra} borrowers that asked without waiting. */
  private void fillDemand(int extra) {
    while (!closed) {
      int alive = reserved.get();
      boolean wanted = alive < config.minIdle || (alive < config.maxSize && waiting.get() + extra > pending.get());
      if (!wanted || failing && pending.get() > 0) {
        return;
      }
      long wait = nextCreationAt - ticker.read();
      if (backoffNanos.get() > 0 && wait > 0) {
        armRetry(wait);
        return;
      }
      int flying = inFlight.get();
      if (flying >= maxInFlight) {
        return; // abandoned creations still hold threads; the end of one calls this again
      }
      if (!reserved.compareAndSet(alive, alive + 1)) {
        continue;
      }
      if (!inFlight.compareAndSet(flying, flying + 1)) {
        reserved.decrementAndGet();
        continue;
      }
      pending.incrementAndGet();
      Creation creation = new Creation();
      // armed before the task is handed over: a creation queued in a busy executor is bounded too
      creation.deadline = scheduler.schedule(() -> creationExpired(creation), config.creationTimeoutNanos);
      try {
        creator.execute(() -> createOne(creation));
      } catch (RejectedExecutionException rejected) {
        inFlight.decrementAndGet();
        if (creation.finish()) {
          pending.decrementAndGet();
          reserved.decrementAndGet();
        }
        lastFailure = rejected;
        return;
      }
    }
  }

  /** The deadline of a creation: if it is still running, its slot is freed and a replacement may start. */
  private void creationExpired(Creation creation) {
    if (!creation.expire()) {
      return;
    }
    creationFailures.increment();
    failing = true;
    lastFailure = new PoolTimeoutException("creating an object of pool '" + config.name + "' took longer than its creationTimeout ("
        + config.creationTimeout + "); its slot was freed", null);
    pending.decrementAndGet();
    reserved.decrementAndGet();
    LOG.warn("pool '{}': a creation took longer than creationTimeout ({}); its slot is freed, and what it makes later will "
        + "be destroyed", config.name, config.creationTimeout);
    fillDemand(); // no back-off: the timeout itself spaced this attempt from the last
  }

  /** A creation the deadline has given up on has ended: the object it made, if any, is destroyed, never lent. */
  private void lateCreationEnded(T object) {
    if (object != null) {
      try {
        allocator.destroy(object);
      } catch (Throwable failure) {
        LOG.warn("pool '{}': destroying an object that arrived after creationTimeout threw {}", config.name, failure.toString());
      }
    }
    inFlight.decrementAndGet();
    fillDemand();
  }

  private void armRetry(long delayNanos) {
    if (retryArmed.compareAndSet(false, true)) {
      scheduler.schedule(() -> {
        retryArmed.set(false);
        fillDemand();
      }, delayNanos);
    }
  }

  private T createObject() throws Exception {
    T object = allocator.create();
    if (object == null) {
      throw new NullPointerException("the allocator of pool '" + config.name + "' returned null from create()");
    }
    return object;
  }

  private void createOne(Creation creation) {
    if (creation.expired()) {
      lateCreationEnded(null); // waited in the executor past its deadline: not worth starting
      return;
    }
    T object;
    try {
      object = createObject();
    } catch (Throwable failure) {
      if (!creation.finish()) {
        lateCreationEnded(null);
        return;
      }
      inFlight.decrementAndGet();
      creationFailures.increment();
      lastFailure = failure;
      failing = true;
      long backoff = backoffNanos.updateAndGet(b -> b == 0 ? config.backoffInitialNanos : Math.min(config.backoffMaxNanos, b * 2));
      nextCreationAt = ticker.read() + backoff;
      pending.decrementAndGet();
      reserved.decrementAndGet();
      LOG.warn("pool '{}': creating an object failed ({}); next attempt in {}", config.name, failure.toString(),
          Duration.ofNanos(backoff));
      fillDemand();
      return;
    }
    if (!creation.finish()) {
      lateCreationEnded(object);
      return;
    }
    inFlight.decrementAndGet();
    backoffNanos.set(0);
    lastFailure = null;
    failing = false;
    Entry<T> entry = register(object);
    pending.decrementAndGet();
    if (closed) {
      destroy(entry, "the pool is closed");
      return;
    }
    offer(entry, false);
    fillDemand();
  }

  private Entry<T> register(T object) {
    long now = ticker.read();
    long lifetime = config.maxLifetimeNanos;
    if (lifetime > 0 && config.maxLifetimeJitterNanos > 0) {
      lifetime -= ThreadLocalRandom.current().nextLong(config.maxLifetimeJitterNanos);
    }
    Entry<T> entry = new Entry<>(object, now, lifetime);
    waiters.lock();
    try {
      Entry<T>[] all = entries;
      Entry<T>[] grown = Arrays.copyOf(all, all.length + 1);
      grown[all.length] = entry;
      entries = grown;
    } finally {
      waiters.unlock();
    }
    created.increment();
    return entry;
  }

  // ---- destroying ----

  /** Destroys an entry the caller owns (LEASED, or REMOVED by the caller's own compare-and-set). */
  private void destroy(Entry<T> entry, String why) {
    entry.state = Entry.REMOVED;
    try {
      allocator.destroy(entry.object);
    } catch (Throwable failure) {
      LOG.warn("pool '{}': destroying an object ({}) threw {}", config.name, why, failure.toString());
    }
    waiters.lock();
    try {
      Entry<T>[] all = entries;
      int at = -1;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == entry) {
          at = i;
          break;
        }
      }
      if (at >= 0) {
        @SuppressWarnings("unchecked")
        Entry<T>[] shrunk = new Entry[all.length - 1];
        System.arraycopy(all, 0, shrunk, 0, at);
        System.arraycopy(all, at + 1, shrunk, at, all.length - at - 1);
        entries = shrunk;
      }
    } finally {
      waiters.unlock();
    }
    leasesOfDestroyed.add(entry.leases);
    destroyed.increment();
    reserved.decrementAndGet();
    if (closed) {
      shutdownWaiters.forEach(LockSupport::unpark);
    } else {
      fillDemand();
    }
  }

  private void destroyInBackground(Entry<T> entry, String why) {
    try {
      creator.execute(() -> destroy(entry, why));
    } catch (RejectedExecutionException rejected) {
      destroy(entry, why);
    }
  }

  // ---- housekeeping ----

  private void armHousekeeping() {
    if (!closed) {
      housekeeping = scheduler.schedule(this::housekeep, config.housekeepingNanos);
    }
  }

  private void housekeep() {
    if (closed) {
      return;
    }
    try {
      long now = ticker.read();
      int alive = reserved.get() - pending.get();
      for (Entry<T> entry : entries) {
        if (entry.state != Entry.IDLE) {
          continue;
        }
        boolean idleTooLong = config.idleTimeoutNanos > 0 && now - entry.lastReturned > config.idleTimeoutNanos
            && alive > config.minIdle;
        if ((entry.retired(now) || idleTooLong) && entry.removeIfIdle()) {
          alive--;
          destroyInBackground(entry, idleTooLong ? "it was idle longer than idleTimeout" : "it is past its maxLifetime");
        }
      }
      fillDemand();
    } finally {
      armHousekeeping();
    }
  }

  // ---- closing ----

  @Override
  public void close() {
    List<Waiter<T>> closedOut;
    waiters.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closedOut = waiters.closeAll();
      waiting.addAndGet(-closedOut.size());
    } finally {
      waiters.unlock();
    }
    closedOut.forEach(Waiter::wake);
    Cancellable armed = housekeeping;
    if (armed != null) {
      armed.cancel();
    }
    for (Entry<T> entry : entries) {
      if (entry.removeIfIdle()) {
        destroyInBackground(entry, "the pool is closed");
      }
    }
    if (ownCreator != null) {
      ownCreator.shutdown();
    }
  }

  @Override
  public boolean shutdown(Duration timeout) {
    long timeoutNanos = Durations.nonNegativeNanos(timeout, "timeout");
    close();
    Thread me = Thread.currentThread();
    shutdownWaiters.add(me); // before the check: a destroy after it unparks this thread
    try (TimedPark park = TimedPark.start(ticker, scheduler, ticker.read(), timeoutNanos)) {
      while (entries.length > 0) {
        if (park.expired() || Thread.currentThread().isInterrupted()) {
          return false;
        }
        park.park(this);
      }
      return true;
    } finally {
      shutdownWaiters.remove(me);
    }
  }

  // ---- reporting ----

  @Override
  public PoolStats stats() {
    Entry<T>[] all = entries;
    int idle = 0;
    int active = 0;
    long leases = leasesOfDestroyed.sum();
    for (Entry<T> entry : all) {
      int state = entry.state;
      if (state == Entry.IDLE) {
        idle++;
      } else if (state == Entry.LEASED) {
        active++;
      }
      leases += entry.leases;
    }
    long immediate = Math.max(0, leases - waitTimes.recorded());
    return new PoolStats(all.length, idle, active, waiting.get(), pending.get(), created.sum(), destroyed.sum(),
        timeouts.sum(), leaks.sum(), creationFailures.sum(), waitTimes.snapshot(immediate));
  }

  @Override
  public PoolConfig config() {
    return config;
  }

  private PoolClosedException closedException() {
    return new PoolClosedException("pool '" + config.name + "' is closed");
  }

  private PoolTimeoutException timeoutException(TimedPark park) {
    PoolStats stats = stats();
    String within = park.deadlineFirst()
        ? Duration.ofNanos(park.limitNanos()) + ", when the caller's deadline came, before its timeout"
        : Duration.ofNanos(park.limitNanos()).toString();
    return new PoolTimeoutException("pool '" + config.name + "': no object available within " + within
        + " (total=" + stats.total() + ", active=" + stats.active() + ", idle=" + stats.idle() + ", waiting="
        + stats.waiting() + ", pending=" + stats.pending() + ", maxSize=" + config.maxSize + ")"
        + (lastFailure != null ? "; the last creation failed, see the cause" : ""), lastFailure);
  }

  @Override
  public String toString() {
    return "ObjectPool[" + config.name + ", " + stats() + "]";
  }

  /** A thread waiting in acquire; its state is decided once, under the queue's lock. */
  private static final class Waiter<T> extends ParkedWaiter {
    volatile Entry<T> entry; // written before the grant
  }
}
