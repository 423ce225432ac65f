package dev.trestle.pool;

import dev.trestle.core.Scheduler.Cancellable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One live object of a pool, its state and the number of its current lease, packed in one word
 * ({@code number << 2 | state}) so that claiming, lending and ending a lease are each one atomic step.
 *
 * <p>States: IDLE (free), HELD (owned by pool code: being validated, returned, created or handed to a
 * waiter), LEASED (lent under lease number {@code number}), REMOVED (destroyed). IDLE -> HELD and
 * IDLE -> REMOVED by a compare-and-set (whoever wins owns the entry); HELD -> LEASED with the next
 * number by the owner ({@link #lend()}); LEASED -> HELD by a compare-and-set that names the lease
 * number ({@link #end(long)}, or straight to IDLE with {@link #endIdle(long)}), so a stale or second end of a lease fails, even after the object has
 * been lent again; HELD -> IDLE or HELD/LEASED -> REMOVED by the owner. The number only grows, so no
 * lease handle ever matches a later lease of the same entry. The plain fields are written only by the
 * owner before the write that gives the entry up, so the next owner sees them.
 */
final class Entry<T> extends EntryPadding {

  static final int IDLE = 0;
  static final int LEASED = 1;
  static final int HELD = 2;
  static final int REMOVED = 3;
  private static final long STATE_BITS = 3;

  private static final VarHandle WORD;

  static {
    try {
      WORD = MethodHandles.lookup().findVarHandle(Entry.class, "word", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The pool the entry belongs to, so that a lease need not hold it too. */
  final DefaultObjectPool<T> pool;
  final T object;
  /** When the entry must not be lent again, on the pool's ticker; only meaningful if {@link #mortal}. */
  final long retireAt;
  final boolean mortal;
  private volatile long word; // lease number << 2 | state
  long lastReturned; // owner-written
  // leak detection only (owner-written when the entry is lent): the watch on the current lease
  Cancellable leakTimer;
  Throwable origin;
  String borrower;

  Entry(DefaultObjectPool<T> pool, T object, long now, long lifetimeNanos) {
    this.pool = pool;
    this.object = object;
    this.mortal = lifetimeNanos > 0;
    this.retireAt = mortal ? now + lifetimeNanos : 0;
    this.lastReturned = now;
    this.word = HELD; // owned by its creator
  }

  int state() {
    return (int) (word & STATE_BITS);
  }

  /** How many times the entry has been lent (its current or last lease number). */
  long leases() {
    return word >>> 2;
  }

  /** IDLE -> HELD: true if the caller now owns the entry. */
  boolean claim() {
    long w = word;
    return (w & STATE_BITS) == IDLE && WORD.compareAndSet(this, w, w | HELD);
  }

  /** IDLE -> REMOVED: true if the caller now owns the entry, to destroy it. */
  boolean removeIfIdle() {
    long w = word;
    return (w & STATE_BITS) == IDLE && WORD.compareAndSet(this, w, w | REMOVED);
  }

  /**
   * HELD -> LEASED under the next lease number, which it returns. A release store: the lease handle
   * reaches other threads only through the borrower's own hand-over, which orders it.
   */
  long lend() {
    long number = (word >>> 2) + 1;
    WORD.setRelease(this, number << 2 | LEASED);
    return number;
  }

  /** Whether lease {@code number} is the entry's current, open lease. */
  boolean leasedAs(long number) {
    return word == (number << 2 | LEASED);
  }

  /** LEASED under {@code number} -> HELD: true exactly once per lease, for whoever ends it first. */
  boolean end(long number) {
    return WORD.compareAndSet(this, number << 2 | LEASED, number << 2 | HELD);
  }

  /**
   * LEASED under {@code number} -> IDLE in one step, for a lease whose return needs no work between
   * ending it and freeing the entry: true exactly once per lease. A full fence, as {@link #idle()}.
   */
  boolean endIdle(long number) {
    return WORD.compareAndSet(this, number << 2 | LEASED, number << 2 | IDLE);
  }

  /** HELD -> IDLE by the owner; a volatile write, which the hand-off's Dekker check with waiters needs. */
  void idle() {
    word = word & ~STATE_BITS;
  }

  /** -> REMOVED by the owner. */
  void removed() {
    word = word & ~STATE_BITS | REMOVED;
  }

  boolean retired(long now) {
    return mortal && now - retireAt >= 0;
  }
}
