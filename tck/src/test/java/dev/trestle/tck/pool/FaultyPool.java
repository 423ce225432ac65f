package dev.trestle.tck.pool;

import dev.trestle.pool.Allocator;
import dev.trestle.pool.Lease;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.PoolException;
import dev.trestle.pool.PoolStats;
import dev.trestle.pool.PoolTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Trestle's pool behind a decorator that adds one deliberate mistake, each one real pools have
 * made; with no fault it only forwards. The kit's self-test checks that each fault is caught by the
 * rule it breaks.
 */
final class FaultyPool implements ObjectPool<Probe> {

  enum Fault {
    /** Caches the last returned object and lends it again without checking whether it is free. */
    DOUBLE_LEASE,
    /** Creates an object on the borrower's thread when none is idle, so a hanging allocator hangs acquire. */
    CREATES_ON_CALLER,
    /** Counts leases with its own semaphore and forgets to give the permit back when acquire fails. */
    LEAKS_SLOT_ON_FAILURE,
    /** Destroys an invalidated object itself and then lets the pool destroy it too. */
    DESTROYS_TWICE,
    /** Creates an extra "burst" object beyond maxSize when none is idle. */
    OVERFLOWS_MAX_SIZE,
    /** Wakes the newest waiter first (a stack of waiters). */
    UNFAIR,
    /** Gives a creation all the time it takes: one that hangs holds its slot (issue 16's pool before creationTimeout). */
    NO_CREATION_DEADLINE,
    /** acquire(timeout) waits the configured acquireTimeout, whatever timeout it is given. */
    IGNORES_TIMEOUT_ARGUMENT,
    /** acquire(timeout) waits timeout.toMillis() milliseconds: 0.5 ms becomes 0, no wait at all. */
    TRUNCATES_TO_MILLIS,
    /** A creator that catches Exception only: the first Error ends it, and no creation ever completes again. */
    DIES_ON_ERROR
  }

  private final Fault fault;
  private final ObjectPool<Probe> delegate;
  private final Allocator<Probe> allocator;
  private final Semaphore slots;
  private final long timeoutNanos;
  private volatile Probe lastReturned;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Thread> stack = new ArrayDeque<>();

  FaultyPool(Fault fault, Allocator<Probe> allocator, PoolSpec spec) {
    this.fault = fault;
    this.allocator = allocator;
    Allocator<Probe> creating = fault == Fault.DIES_ON_ERROR ? new DyingCreator(allocator) : allocator;
    this.delegate = fault == Fault.NO_CREATION_DEADLINE
        ? TrestleObjectPoolConformanceTest.trestle(creating, spec, Duration.ofDays(1))
        : TrestleObjectPoolConformanceTest.trestle(creating, spec);
    this.slots = new Semaphore(spec.maxSize());
    this.timeoutNanos = spec.acquireTimeout().toNanos();
  }

  @Override
  public Lease<Probe> acquire() {
    return acquire(Duration.ofNanos(timeoutNanos));
  }

  @Override
  public Lease<Probe> acquire(Duration timeout) {
    if (fault == null) {
      return delegate.acquire(timeout);
    }
    switch (fault) {
      case DOUBLE_LEASE: {
        Probe cached = lastReturned;
        if (cached != null) {
          lastReturned = null;
          return new Unpooled(cached, false);
        }
        return new Tracked(delegate.acquire(timeout));
      }
      case CREATES_ON_CALLER:
      case OVERFLOWS_MAX_SIZE: {
        Optional<Lease<Probe>> idle = delegate.tryAcquire();
        if (idle.isPresent()) {
          return idle.get();
        }
        try {
          return new Unpooled(allocator.create(), true);
        } catch (Exception e) {
          throw new PoolException("creation failed", e);
        }
      }
      case LEAKS_SLOT_ON_FAILURE:
        try {
          if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new PoolTimeoutException("no slot", null);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PoolException("interrupted", e);
        }
        return new Slotted(delegate.acquire(timeout)); // the permit is lost if this throws
      case UNFAIR:
        return unfairAcquire(timeout);
      case DESTROYS_TWICE:
        return new Tracked(delegate.acquire(timeout));
      case IGNORES_TIMEOUT_ARGUMENT:
        return delegate.acquire();
      case TRUNCATES_TO_MILLIS:
        return delegate.acquire(Duration.ofMillis(timeout.toMillis()));
      default:
        return delegate.acquire(timeout);
    }
  }

  private Lease<Probe> unfairAcquire(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    Thread me = Thread.currentThread();
    while (true) {
      Optional<Lease<Probe>> lease = delegate.tryAcquire();
      if (lease.isPresent()) {
        remove(me);
        return new Waking(lease.get());
      }
      if (System.nanoTime() - end > 0) {
        remove(me);
        throw new PoolTimeoutException("timed out", null);
      }
      lock.lock();
      try {
        if (!stack.contains(me)) {
          stack.push(me);
        }
      } finally {
        lock.unlock();
      }
      LockSupport.parkNanos(this, 20_000_000);
    }
  }

  private void remove(Thread thread) {
    lock.lock();
    try {
      stack.remove(thread);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Lease<Probe>> tryAcquire() {
    return delegate.tryAcquire();
  }

  @Override
  public PoolStats stats() {
    return delegate.stats();
  }

  @Override
  public PoolConfig config() {
    return delegate.config();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public boolean shutdown(Duration timeout) {
    return delegate.shutdown(timeout);
  }

  @Override
  public String toString() {
    return "FaultyPool(" + fault + ")";
  }

  /** A lease of the delegate with the fault's extra steps. */
  private abstract class Decorated implements Lease<Probe> {
    final Lease<Probe> lease;

    Decorated(Lease<Probe> lease) {
      this.lease = lease;
    }

    @Override
    public Probe get() {
      return lease.get();
    }

    @Override
    public void close() {
      lease.close();
    }

    @Override
    public void invalidate() {
      lease.invalidate();
    }
  }

  private final class Tracked extends Decorated {
    Tracked(Lease<Probe> lease) {
      super(lease);
    }

    @Override
    public void close() {
      Probe probe;
      try {
        probe = lease.get();
      } catch (IllegalStateException ended) {
        return;
      }
      lease.close();
      if (fault == Fault.DOUBLE_LEASE) {
        lastReturned = probe;
      }
    }

    @Override
    public void invalidate() {
      if (fault == Fault.DESTROYS_TWICE) {
        try {
          allocator.destroy(lease.get());
        } catch (Exception ignored) {
          // the fault
        }
      }
      lease.invalidate();
    }
  }

  private final class Slotted extends Decorated {
    private boolean ended;

    Slotted(Lease<Probe> lease) {
      super(lease);
    }

    @Override
    public void close() {
      end(false);
    }

    @Override
    public void invalidate() {
      end(true);
    }

    private void end(boolean invalidate) {
      if (!ended) {
        ended = true;
        if (invalidate) {
          lease.invalidate();
        } else {
          lease.close();
        }
        slots.release();
      }
    }
  }

  private final class Waking extends Decorated {
    Waking(Lease<Probe> lease) {
      super(lease);
    }

    @Override
    public void close() {
      lease.close();
      Thread newest;
      lock.lock();
      try {
        newest = stack.peek();
      } finally {
        lock.unlock();
      }
      if (newest != null) {
        LockSupport.unpark(newest);
      }
    }
  }

  /** An object lent outside the delegate: destroyed when the lease ends, if the pool created it. */
  private final class Unpooled implements Lease<Probe> {
    private final Probe probe;
    private final boolean owned;
    private boolean ended;

    Unpooled(Probe probe, boolean owned) {
      this.probe = probe;
      this.owned = owned;
    }

    @Override
    public Probe get() {
      if (ended) {
        throw new IllegalStateException("ended");
      }
      return probe;
    }

    @Override
    public void close() {
      if (!ended) {
        ended = true;
        if (owned) {
          try {
            allocator.destroy(probe);
          } catch (Exception ignored) {
            // the probe allocator does not throw
          }
        }
      }
    }

    @Override
    public void invalidate() {
      close();
    }
  }

  /** Stands for a creator thread that an Error ended: after the first Error no creation completes. */
  private static final class DyingCreator implements Allocator<Probe> {
    private final Allocator<Probe> allocator;
    private volatile boolean dead;

    DyingCreator(Allocator<Probe> allocator) {
      this.allocator = allocator;
    }

    @Override
    public Probe create() throws Exception {
      if (dead) {
        new CountDownLatch(1).await(); // nobody is left to create: wait until the pool gives up (interrupt)
      }
      try {
        return allocator.create();
      } catch (Error e) {
        dead = true;
        throw e;
      }
    }

    @Override
    public boolean validate(Probe probe, Duration timeout) throws Exception {
      return allocator.validate(probe, timeout);
    }

    @Override
    public void reset(Probe probe) throws Exception {
      allocator.reset(probe);
    }

    @Override
    public void destroy(Probe probe) throws Exception {
      allocator.destroy(probe);
    }
  }
}
