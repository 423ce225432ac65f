package dev.trestle.pool;

import dev.trestle.core.Scheduler.Cancellable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lease: one entry lent to one borrower, ended exactly once. Kept small (it is allocated per
 * acquire); the leak-detection fields live in {@link Watched}, used only when detection is on.
 */
class PooledLease<T> implements Lease<T> {

  private static final VarHandle ENDED;

  static {
    try {
      ENDED = MethodHandles.lookup().findVarHandle(PooledLease.class, "ended", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final DefaultObjectPool<T> pool;
  final Entry<T> entry;
  private volatile int ended;

  PooledLease(DefaultObjectPool<T> pool, Entry<T> entry) {
    this.pool = pool;
    this.entry = entry;
  }

  @Override
  public T get() {
    if (ended != 0) {
      throw new IllegalStateException("this lease of pool '" + pool.config.name
          + "' has ended (closed or invalidated); its object may already be lent to someone else");
    }
    return entry.object;
  }

  /** The leak timer to cancel when the lease ends; none unless leak detection is on. */
  Cancellable leakTimer() {
    return null;
  }

  boolean isOpen() {
    return ended == 0;
  }

  @Override
  public void close() {
    if (ENDED.compareAndSet(this, 0, 1)) {
      pool.giveBack(this, false);
    }
  }

  @Override
  public void invalidate() {
    if (ENDED.compareAndSet(this, 0, 1)) {
      pool.giveBack(this, true);
    }
  }

  @Override
  public String toString() {
    return "Lease[" + pool.config.name + (ended == 0 ? ", open]" : ", ended]");
  }

  /** A lease watched by leak detection: where it was taken, by whom, and its timer. */
  static final class Watched<T> extends PooledLease<T> {
    volatile Cancellable timer;
    final Throwable origin;
    final String borrower;

    Watched(DefaultObjectPool<T> pool, Entry<T> entry) {
      super(pool, entry);
      this.borrower = Thread.currentThread().getName();
      this.origin = new Throwable("lease taken here by thread '" + borrower + "'");
    }

    @Override
    Cancellable leakTimer() {
      return timer;
    }
  }
}
