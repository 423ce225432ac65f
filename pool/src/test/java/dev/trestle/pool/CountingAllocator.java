package dev.trestle.pool;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An allocator of numbered objects that counts what the pool does and can fail, hang or reject on demand. */
final class CountingAllocator implements Allocator<CountingAllocator.Thing> {

  /** A pooled object: its number and whether it is destroyed. */
  static final class Thing {
    final int id;
    volatile boolean destroyed;
    volatile boolean valid = true;

    Thing(int id) {
      this.id = id;
    }

    @Override
    public String toString() {
      return "Thing#" + id;
    }
  }

  final AtomicInteger created = new AtomicInteger();
  final AtomicInteger destroyed = new AtomicInteger();
  final AtomicInteger validations = new AtomicInteger();
  final AtomicInteger resets = new AtomicInteger();
  final Set<Thing> alive = ConcurrentHashMap.newKeySet();
  volatile RuntimeException failWith;
  volatile CountDownLatch hang;

  @Override
  public Thing create() throws Exception {
    CountDownLatch gate = hang;
    if (gate != null) {
      gate.await();
    }
    RuntimeException failure = failWith;
    if (failure != null) {
      throw failure;
    }
    Thing thing = new Thing(created.incrementAndGet());
    alive.add(thing);
    return thing;
  }

  @Override
  public boolean validate(Thing object, Duration timeout) {
    validations.incrementAndGet();
    return object.valid;
  }

  @Override
  public void reset(Thing object) {
    resets.incrementAndGet();
  }

  @Override
  public void destroy(Thing object) {
    if (object.destroyed) {
      throw new AssertionError(object + " destroyed twice");
    }
    object.destroyed = true;
    alive.remove(object);
    destroyed.incrementAndGet();
  }
}
