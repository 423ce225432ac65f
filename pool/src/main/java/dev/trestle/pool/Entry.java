package dev.trestle.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One live object of a pool and its state. The state moves IDLE -> LEASED by a compare-and-set
 * (whoever wins owns the entry), LEASED -> IDLE or LEASED -> REMOVED by its owner, IDLE -> REMOVED
 * by a compare-and-set (housekeeping, close). The plain fields are written only by the owner before
 * the volatile write that gives the entry up, so the next owner sees them.
 */
final class Entry<T> {

  static final int IDLE = 0;
  static final int LEASED = 1;
  static final int REMOVED = 2;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final T object;
  /** When the entry must not be lent again, on the pool's ticker; only meaningful if {@link #mortal}. */
  final long retireAt;
  final boolean mortal;
  volatile int state;
  long lastReturned; // owner-written
  long leases; // owner-written; read racily by stats

  Entry(T object, long now, long lifetimeNanos) {
    this.object = object;
    this.mortal = lifetimeNanos > 0;
    this.retireAt = mortal ? now + lifetimeNanos : 0;
    this.lastReturned = now;
    this.state = LEASED;
  }

  boolean claim() {
    return state == IDLE && STATE.compareAndSet(this, IDLE, LEASED);
  }

  boolean removeIfIdle() {
    return STATE.compareAndSet(this, IDLE, REMOVED);
  }

  boolean retired(long now) {
    return mortal && now - retireAt >= 0;
  }
}
