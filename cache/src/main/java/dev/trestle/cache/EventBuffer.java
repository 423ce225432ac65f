package dev.trestle.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Striped bounded ring buffers recording accesses and writes for the maintenance to apply under
 * the eviction lock, so reads never take a lock. A thread always uses the same stripe, so its
 * events are applied in the order it made them. {@link #offer} never drops an event on its own: it
 * reports a full stripe, and the caller decides whether to drain and retry or to drop.
 * Many producers, one consumer (the holder of the eviction lock).
 */
final class EventBuffer {

  static final int STRIPE_CAPACITY = 64;
  static final int DRAIN_THRESHOLD = STRIPE_CAPACITY / 2;
  /**
   * How many events a read may find in its stripe and still be added: a quarter of it (Caffeine's
   * read buffers hold 16). Reads past it wait for a drain or are dropped, so under contention a
   * stripe holds few reads for the drain to apply, and writes always find room.
   */
  static final int READ_LIMIT = STRIPE_CAPACITY / 4;
  private static final int MASK = STRIPE_CAPACITY - 1;
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

  private final Stripe[] stripes;
  private final int stripeMask;

  EventBuffer() {
    int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1) << 1;
    n = Math.min(64, Math.max(4, n));
    stripes = new Stripe[n];
    for (int i = 0; i < n; i++) {
      stripes[i] = new Stripe();
    }
    stripeMask = n - 1;
  }

  @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number
  private Stripe stripe() {
    long id = Thread.currentThread().getId();
    return stripes[(int) (id ^ (id >>> 16)) & stripeMask];
  }

  /**
   * Adds {@code event} unless the stripe already holds {@code limit} events (at most
   * {@link #STRIPE_CAPACITY}); returns the number of events now in the stripe, or -1 if it held
   * that many.
   */
  int offer(Object event, int limit) {
    Stripe stripe = stripe();
    for (;;) {
      long tail = stripe.tail;
      long head = stripe.head;
      if (tail - head >= limit) {
        return -1;
      }
      if (Stripe.TAIL.compareAndSet(stripe, tail, tail + 1)) {
        SLOTS.setRelease(stripe.slots, (int) (tail & MASK), event);
        return (int) (tail + 1 - head);
      }
      Thread.onSpinWait();
    }
  }

  /** Applies every published event to {@code consumer}, stripe by stripe. Call only under the eviction lock. */
  void drainTo(Consumer<Object> consumer) {
    for (Stripe stripe : stripes) {
      long head = stripe.head;
      long tail = stripe.tail;
      if (head == tail) {
        continue;
      }
      Object[] slots = stripe.slots;
      for (; head < tail; head++) {
        int index = (int) (head & MASK);
        Object event = SLOTS.getAcquire(slots, index);
        if (event == null) {
          break; // claimed but not yet published: the rest waits for the next drain
        }
        slots[index] = null;
        consumer.accept(event);
      }
      Stripe.HEAD.setRelease(stripe, head);
    }
  }

  /** Returns whether some stripe holds events. */
  boolean hasEvents() {
    for (Stripe stripe : stripes) {
      if (stripe.tail != stripe.head) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unused") // the padding keeps each stripe's counters off its neighbours' cache lines
  static final class Stripe {
    static final VarHandle TAIL;
    static final VarHandle HEAD;

    static {
      try {
        TAIL = MethodHandles.lookup().findVarHandle(Stripe.class, "tail", long.class);
        HEAD = MethodHandles.lookup().findVarHandle(Stripe.class, "head", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    long p00, p01, p02, p03, p04, p05, p06, p07;
    volatile long head;
    long p10, p11, p12, p13, p14, p15, p16, p17;
    volatile long tail;
    long p20, p21, p22, p23, p24, p25, p26, p27;
    final Object[] slots = new Object[STRIPE_CAPACITY];
  }
}
