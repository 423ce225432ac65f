package dev.trestle.pool;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.TimedPark;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The life of a pool's objects: how many there are, creating them on the creator executor, retiring
 * them in housekeeping, destroying them exactly once. Who gets a live object is the {@link Handoff}'s
 * business: a new entry is offered to it, and a destroyed one leaves its array.
 *
 * <p>Objects are created only on the creator executor, so a hanging allocator can never hold a
 * borrower past its timeout. {@code reserved} (live + being created) never exceeds maxSize; a slot is
 * freed only after its object is destroyed, or when its creation passes creationTimeout (a
 * {@link Creation} decides which comes first, once; an object that arrives late is destroyed at once).
 * So the pool never holds more than maxSize objects, and the resource behind it sees at most maxSize
 * live objects plus the creations the pool has given up on, which {@code inFlight} caps at maxSize
 * more: a server that accepts and never answers costs at most 2 x maxSize creator threads.
 */
final class Lifecycle<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectPool.class);

  private final PoolConfig config;
  private final Allocator<T> allocator;
  private final Handoff<T> handoff;
  private final Ticker ticker;
  private final Scheduler scheduler;
  private final Executor creator;
  private final ExecutorService ownCreator;

  private final AtomicInteger reserved = new AtomicInteger(); // live + being created
  private final AtomicInteger pending = new AtomicInteger(); // being created, holding a slot
  private final AtomicInteger inFlight = new AtomicInteger(); // creator tasks running, abandoned ones included
  private final int maxInFlight;
  final LongAdder created = new LongAdder();
  final LongAdder destroyed = new LongAdder();
  final LongAdder creationFailures = new LongAdder();
  final LongAdder leasesOfDestroyed = new LongAdder();

  volatile Throwable lastFailure; // since the last successful creation
  // the last creation failed or timed out: one creation at a time probes until one succeeds, so a server that
  // is down or frozen is not sent maxSize attempts per round, to be answered all at once when it comes back
  private volatile boolean failing;
  private final AtomicLong backoffNanos = new AtomicLong(); // 0: not backing off
  private volatile long nextCreationAt;
  private final AtomicBoolean retryArmed = new AtomicBoolean();
  private volatile Cancellable housekeeping;
  private final List<Thread> shutdownWaiters = new CopyOnWriteArrayList<>();

  Lifecycle(Allocator<T> allocator, PoolConfig config, Handoff<T> handoff) {
    this.allocator = allocator;
    this.config = config;
    this.handoff = handoff;
    this.ticker = config.ticker;
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
  }

  /** failFast: creates {@code max(1, minIdle)} objects on the calling thread; the caller closes the pool if this throws. */
  void startEagerly() {
    int count = Math.max(1, config.minIdle);
    for (int i = 0; i < count; i++) {
      reserved.incrementAndGet();
      T object;
      try {
        object = createObject();
      } catch (Throwable failure) {
        reserved.decrementAndGet();
        creationFailures.increment();
        throw new PoolException("pool '" + config.name + "' could not create its first objects (failFast): created " + i
            + " of " + count, failure);
      }
      register(object).idle();
    }
  }

  int pending() {
    return pending.get();
  }

  // ---- creating ----

  /** Starts the creations the pool needs: one per waiter not yet covered, and up to minIdle. */
  void fillDemand() {
    fillDemand(0);
  }

  /** As {@link #fillDemand()}, counting {@code extra} borrowers that asked without waiting. */
  void fillDemand(int extra) {
    while (!handoff.closed()) {
      int alive = reserved.get();
      boolean wanted = alive < config.minIdle || (alive < config.maxSize && handoff.waiting() + extra > pending.get());
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
    if (handoff.closed()) {
      destroy(entry, "the pool is closed");
      return;
    }
    handoff.offer(entry);
    fillDemand();
  }

  /** A new entry, HELD by the caller, in the hand-off's array. */
  private Entry<T> register(T object) {
    long now = ticker.read();
    long lifetime = config.maxLifetimeNanos;
    if (lifetime > 0 && config.maxLifetimeJitterNanos > 0) {
      lifetime -= ThreadLocalRandom.current().nextLong(config.maxLifetimeJitterNanos);
    }
    Entry<T> entry = new Entry<>(handoff.pool(), object, now, lifetime);
    handoff.add(entry);
    created.increment();
    return entry;
  }

  // ---- destroying ----

  /** Destroys an entry the caller owns (HELD or LEASED, or REMOVED by the caller's own compare-and-set). */
  void destroy(Entry<T> entry, String why) {
    entry.removed();
    try {
      allocator.destroy(entry.object);
    } catch (Throwable failure) {
      LOG.warn("pool '{}': destroying an object ({}) threw {}", config.name, why, failure.toString());
    }
    handoff.remove(entry);
    leasesOfDestroyed.add(entry.leases());
    destroyed.increment();
    reserved.decrementAndGet();
    if (handoff.closed()) {
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

  void armHousekeeping() {
    if (!handoff.closed()) {
      housekeeping = scheduler.schedule(this::housekeep, config.housekeepingNanos);
    }
  }

  private void housekeep() {
    if (handoff.closed()) {
      return;
    }
    try {
      long now = ticker.read();
      int alive = reserved.get() - pending.get();
      for (Entry<T> entry : handoff.entries()) {
        if (entry.state() != Entry.IDLE) {
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

  /** After the hand-off has closed: stops housekeeping, destroys the idle entries, stops the own creator threads. */
  void close() {
    Cancellable armed = housekeeping;
    if (armed != null) {
      armed.cancel();
    }
    for (Entry<T> entry : handoff.entries()) {
      if (entry.removeIfIdle()) {
        destroyInBackground(entry, "the pool is closed");
      }
    }
    if (ownCreator != null) {
      ownCreator.shutdown();
    }
  }

  /** Waits at most {@code timeoutNanos} until every entry is destroyed; after {@link #close()}. */
  boolean awaitEmpty(long timeoutNanos) {
    Thread me = Thread.currentThread();
    shutdownWaiters.add(me); // before the check: a destroy after it unparks this thread
    try (TimedPark park = TimedPark.start(ticker, scheduler, ticker.read(), timeoutNanos)) {
      while (handoff.entries().length > 0) {
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
}
