package dev.trestle.pool;

import dev.trestle.core.internal.TimedPark;
import dev.trestle.core.internal.WaiterQueue;
import dev.trestle.core.internal.WaiterQueue.ParkedWaiter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where borrowers meet free entries: a copy-on-write array of entries claimed by compare-and-set, a
 * per-thread hint of the entry the thread last took, and a FIFO queue of waiters under a lock that is
 * taken only when someone waits (or an entry joins or leaves the array). It decides who gets an entry;
 * what an entry is worth (validation, retirement) and where entries come from is the pool's business,
 * asked through {@link DefaultObjectPool#usable}, {@link DefaultObjectPool#fillDemand()} and
 * {@link DefaultObjectPool#timedOut}.
 *
 * <p>Fast path: the hint is only a hint, claimed by the same compare-and-set on the entry's state as
 * any other claim, so it costs one thread-local read and one CAS and writes nothing shared but the
 * entry itself. Fairness: an acquire that finds waiters queues behind them, and a release that finds
 * waiters hands its entry to the head of the queue under the lock, never making it IDLE, so a
 * thread's fast path never takes back an entry a waiter is owed. The race between a release that
 * writes IDLE and a waiter that scans is closed Dekker-style: the waiter counts itself in
 * {@code waiting} before it scans, the releaser reads {@code waiting} after it writes IDLE (both
 * volatile), so either the waiter sees the IDLE entry or the releaser sees the waiter and hands the
 * entry over under the lock, where the queue cannot change under it.
 *
 * <p>Waiting: the queue, its decide-once states and the spin-then-park are core's {@code WaiterQueue},
 * shared with the bulkhead, and every wait ends through a {@code TimedPark}. A queued waiter checks its
 * state {@code WaiterQueue.SPINS} times with {@code Thread.onSpinWait()} before it parks, and a granter
 * unparks it only if it has announced that it may park. In unfair mode a release wakes the head only
 * if no wake-up is pending (the woken head clears the flag before it looks), so returns that come in a
 * burst wake one waiter, not one per return.
 */
final class Handoff<T> {

  @SuppressWarnings("rawtypes")
  private static final Entry[] NONE = new Entry[0];

  private final DefaultObjectPool<T> pool;
  private final boolean fair;
  // its lock also guards every change of the entries array
  private final WaiterQueue<Waiter<T>> waiters = new WaiterQueue<>();
  @SuppressWarnings("unchecked")
  private volatile Entry<T>[] entries = NONE; // written under the queue's lock
  private final ThreadLocal<Hint<T>> hints = ThreadLocal.withInitial(Hint::new);
  private final AtomicInteger waiting = new AtomicInteger(); // queued, or about to scan under the lock
  // unfair mode: a release has woken the head waiter, which has not yet looked for an entry
  private final AtomicBoolean wakePending = new AtomicBoolean();
  final WaitTimes waitTimes = new WaitTimes();
  private volatile boolean closed; // written under the queue's lock

  Handoff(DefaultObjectPool<T> pool, boolean fair) {
    this.pool = pool;
    this.fair = fair;
  }

  boolean closed() {
    return closed;
  }

  DefaultObjectPool<T> pool() {
    return pool;
  }

  int waiting() {
    return waiting.get();
  }

  /** Whether a new borrower may claim an idle entry without queueing: always unfair, else when nobody waits. */
  boolean mayClaim() {
    return !fair || waiting.get() == 0;
  }

  Entry<T>[] entries() {
    return entries;
  }

  // ---- claiming without waiting ----

  /** Claims the entry this thread took last, if it is idle. */
  Entry<T> claimHinted() {
    Entry<T> hint = hints.get().entry;
    return hint != null && hint.claim() ? hint : null;
  }

  /** Claims any idle entry, starting at a random one, and remembers it as this thread's hint. */
  Entry<T> claimAny() {
    Entry<T> entry = scan();
    if (entry != null) {
      hints.get().entry = entry;
    }
    return entry;
  }

  private Entry<T> scan() {
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

  private boolean anyIdle() {
    for (Entry<T> entry : entries) {
      if (entry.state() == Entry.IDLE) {
        return true;
      }
    }
    return false;
  }

  // ---- waiting ----

  /**
   * Waits in line for an entry and returns it claimed and usable. Throws the pool's timeout exception
   * when the park ends first, PoolClosedException when the pool closes, PoolException when interrupted.
   */
  Entry<T> acquireSlowly(TimedPark park) {
    Waiter<T> waiter = park.expired() ? null : new Waiter<>();
    while (true) {
      Entry<T> entry;
      boolean queued = false;
      waiters.lock();
      try {
        if (closed) {
          throw pool.closedException();
        }
        waiting.incrementAndGet();
        entry = !fair || waiters.isEmpty() ? scan() : null;
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
        if (pool.usable(entry, park.startNanos(), park.startNanos(), park.limitNanos())) {
          return entry;
        }
        continue;
      }
      pool.fillDemand();
      if (!queued) {
        throw pool.timedOut(park);
      }
      return await(waiter, park);
    }
  }

  private Entry<T> await(Waiter<T> waiter, TimedPark park) {
    while (true) {
      int state = waiter.state();
      if (state == WaiterQueue.GRANTED) {
        waitTimes.record(park.elapsedNanos());
        return waiter.entry; // fresh from a release or a creation: no check
      }
      if (state == WaiterQueue.CLOSED) {
        throw pool.closedException();
      }
      if (!fair) {
        if (wakePending.get()) {
          wakePending.set(false); // this look answers the wake-up: the next release may wake the head again
        }
        Entry<T> entry = scan(); // woken by a release, or before parking: compete for an idle entry
        if (entry != null) {
          if (!abandon(waiter)) { // closed meanwhile
            offer(entry);
            continue;
          }
          long now = pool.now();
          if (pool.usable(entry, now, park.startNanos(), park.limitNanos())) {
            waitTimes.record(now - park.startNanos());
            return entry;
          }
          return acquireSlowly(park); // the same park: what is left of the timeout
        }
      }
      int outcome = waiter.awaitOnce(park, this);
      if (outcome == WaiterQueue.INTERRUPTED) {
        Thread.currentThread().interrupt();
        if (abandon(waiter)) {
          throw new PoolException("interrupted while waiting for an object of pool '" + pool.config.name + "'",
              new InterruptedException());
        }
        // granted (or closed) as we were interrupted: the loop takes it, the interrupt status stays set
      } else if (outcome == WaiterQueue.TIMED_OUT && abandon(waiter)) {
        throw pool.timedOut(park);
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

  // ---- giving ----

  /** Makes an entry the caller owns (HELD) available: to the longest waiter, else idle. */
  void offer(Entry<T> entry) {
    if (fair && waiting.get() > 0 && grantHead(entry)) {
      return;
    }
    entry.idle();
    freed(entry);
  }

  /**
   * After an entry has been made IDLE (a full fence): a waiter that counted itself before that write may
   * not have seen the entry, so it is handed to the head (fair) or the head is woken to compete (unfair).
   */
  void freed(Entry<T> entry) {
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
      pool.destroy(entry, "the pool is closed");
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

  // ---- membership and closing ----

  void add(Entry<T> entry) {
    waiters.lock();
    try {
      Entry<T>[] all = entries;
      Entry<T>[] grown = Arrays.copyOf(all, all.length + 1);
      grown[all.length] = entry;
      entries = grown;
    } finally {
      waiters.unlock();
    }
  }

  void remove(Entry<T> entry) {
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
  }

  /** Marks the hand-off closed and fails every waiter; false if it was closed already. */
  boolean close() {
    List<Waiter<T>> closedOut;
    waiters.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      closedOut = waiters.closeAll();
      waiting.addAndGet(-closedOut.size());
    } finally {
      waiters.unlock();
    }
    closedOut.forEach(Waiter::wake);
    return true;
  }

  /** A thread waiting in acquire; its state is decided once, under the queue's lock. */
  private static final class Waiter<T> extends ParkedWaiter {
    volatile Entry<T> entry; // written before the grant
  }

  /** A thread's hint: the entry it took last. Read and written by its thread only. */
  private static final class Hint<T> {
    Entry<T> entry;
  }
}
