package dev.trestle.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The direct hand-off between those who release a resource (a pool's object, a bulkhead's permit)
 * and those who wait for it: a queue of waiters under one lock, each waiter's fate decided once,
 * under that lock.
 *
 * <p>A waiter is {@link #WAITING} until the queue's owner grants it ({@link #GRANTED}), it gives
 * up ({@link #ABANDONED}: timeout, interrupt, cancellation) or the owner closes
 * ({@link #CLOSED}). The lock is held only to move a waiter (never while a thread waits or work
 * runs), and the decision is made under it, so a timeout or interrupt racing a grant is safe:
 * whoever loses sees the winner's decision. A granter decides under the lock and wakes the
 * waiter after releasing it ({@link Waiter#wake()}).
 *
 * <p>The owner keeps its own invariants under the same lock through {@link #lock()} and
 * {@link #unlock()}: typically "a free resource implies no waiter", which is what keeps a
 * newcomer from overtaking a waiter. Methods marked "lock held" must be called inside
 * {@code lock()}/{@code unlock()}.
 *
 * <p>A thread waits as a {@link ParkedWaiter}: it spins briefly, then parks on a {@link TimedPark},
 * so a wait on a {@link dev.trestle.core.ManualTicker} ends when the ticker passes its end and a
 * wait on the system clock is a plain timed park, both bounded by the current deadline.
 *
 * <p>Internal: exported only to Trestle's own modules. Thread-safe as described.
 *
 * @param <W> the waiter type
 */
public final class WaiterQueue<W extends WaiterQueue.Waiter> {

  /** Queued, nothing decided yet. */
  public static final int WAITING = 0;
  /** Handed what it waited for. */
  public static final int GRANTED = 1;
  /** Gave up (timeout, interrupt, cancellation) and left the queue. */
  public static final int ABANDONED = 2;
  /** The owner closed while it waited. */
  public static final int CLOSED = 3;
  /** {@link ParkedWaiter#awaitOnce}: the wait's end came, nothing decided yet. */
  public static final int TIMED_OUT = -1;
  /** {@link ParkedWaiter#awaitOnce}: the thread was interrupted (status cleared), nothing decided yet. */
  public static final int INTERRUPTED = -2;

  /**
   * Checks a waiter makes, with {@link Thread#onSpinWait()} between them, before it parks: a
   * hand-off that comes within them costs neither a park nor an unpark. Bounded, so a waiter never
   * burns a core.
   */
  public static final int SPINS = 64;

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<W> waiters = new ArrayDeque<>();

  /** Takes the queue's lock. */
  public void lock() {
    lock.lock();
  }

  /** Releases the queue's lock. */
  public void unlock() {
    lock.unlock();
  }

  /** Lock held: true if nobody waits. */
  public boolean isEmpty() {
    return waiters.isEmpty();
  }

  /** Lock held: how many wait. */
  public int size() {
    return waiters.size();
  }

  /** Lock held: queues {@code waiter} last. */
  public void add(W waiter) {
    waiters.addLast(waiter);
  }

  /** Lock held: the longest waiter, still queued, or null. */
  public W peekFirst() {
    return waiters.peekFirst();
  }

  /**
   * Lock held: removes and grants the longest waiter (first in, first out), or returns null. Set
   * whatever the waiter is handed before this call; call {@link Waiter#wake()} after unlocking.
   */
  public W grantFirst() {
    return grant(waiters.pollFirst());
  }

  /** Lock held: as {@link #grantFirst()}, for the newest waiter (last in, first out). */
  public W grantLast() {
    return grant(waiters.pollLast());
  }

  /** Lock held: removes and returns the longest waiter, undecided, so its grant can carry a value. */
  public W pollFirst() {
    return waiters.pollFirst();
  }

  /** Lock held: marks a waiter just polled as granted and returns it. */
  public W grant(W waiter) {
    if (waiter != null) {
      waiter.state = GRANTED;
    }
    return waiter;
  }

  /** Lock held: withdraws {@code waiter} unless its fate was decided; returns whether it was withdrawn. */
  public boolean withdraw(W waiter) {
    if (waiter.state != WAITING) {
      return false;
    }
    waiter.state = ABANDONED;
    waiters.removeFirstOccurrence(waiter);
    return true;
  }

  /** Takes the lock and {@link #withdraw withdraws} {@code waiter}. */
  public boolean abandon(W waiter) {
    lock.lock();
    try {
      return withdraw(waiter);
    } finally {
      lock.unlock();
    }
  }

  /** Lock held: marks every waiter {@link #CLOSED} and empties the queue; wake them after unlocking. */
  public List<W> closeAll() {
    List<W> closed = new ArrayList<>(waiters);
    waiters.clear();
    for (W waiter : closed) {
      waiter.state = CLOSED;
    }
    return closed;
  }

  /** A party in the queue; its state is written under the queue's lock and read anywhere. */
  public abstract static class Waiter {
    volatile int state = WAITING;

    /** Returns {@link #WAITING}, {@link #GRANTED}, {@link #ABANDONED} or {@link #CLOSED}. */
    public final int state() {
      return state;
    }

    /** Called once, outside the lock, after this waiter was granted or closed. */
    public abstract void wake();
  }

  /** A thread that waits by spinning briefly, then parking on its {@link TimedPark}. */
  public static class ParkedWaiter extends Waiter {
    private final Thread thread = Thread.currentThread();
    private volatile boolean parked; // set before the last state check ahead of parking

    /** Unparks the thread only if it may be parked: a spinning waiter sees its new state itself. */
    @Override
    public void wake() {
      if (parked) {
        LockSupport.unpark(thread);
      }
    }

    /** Unparks the thread whatever it is doing, so that it looks again (an unfair owner's nudge). */
    public void nudge() {
      LockSupport.unpark(thread);
    }

    /**
     * Called by the waiting thread: returns as soon as its state is no longer {@link #WAITING}
     * (that state), it is interrupted ({@link #INTERRUPTED}, status cleared), its wait ends
     * ({@link #TIMED_OUT}), or after one park ({@link #WAITING}, so the caller may look around
     * and call again). {@code INTERRUPTED} and {@code TIMED_OUT} decide nothing: the caller
     * {@link WaiterQueue#withdraw withdraws} the waiter, and if that fails, it was granted or closed.
     */
    public int awaitOnce(TimedPark park, Object blocker) {
      for (int spins = SPINS; ; spins--) {
        int now = state;
        if (now != WAITING) {
          return now;
        }
        if (Thread.interrupted()) {
          return INTERRUPTED;
        }
        if (park.expired()) {
          return TIMED_OUT;
        }
        if (spins > 0) {
          Thread.onSpinWait();
          continue;
        }
        parked = true; // Dekker with the granter: it writes the state, then reads parked
        if (state == WAITING) {
          park.park(blocker);
        }
        parked = false;
        return state;
      }
    }
  }
}
