package dev.trestle.tck.pool;

import dev.trestle.pool.Allocator;
import dev.trestle.pool.Lease;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolClosedException;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.PoolException;
import dev.trestle.pool.PoolStats;
import dev.trestle.pool.PoolTimeoutException;
import java.time.Duration;
import java.util.Optional;
import stormpot.BasePoolable;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * Stormpot 3.2's BlazePool behind Trestle's ObjectPool. Stormpot keeps the pool at its target size
 * with a background allocator thread (so a hanging allocation never holds a claim past its timeout),
 * validates through its Expiration (checked on every claim), and shuts down gracefully with a
 * Completion. It takes no clock and has no idle timeout. Its claim returns null on a timeout (mapped to
 * PoolTimeoutException) and throws stormpot.PoolException for a failed allocation (mapped to PoolException).
 */
final class StormpotObjectPool implements ObjectPool<Probe> {

  /** A probe in a Stormpot slot. */
  static final class Held extends BasePoolable {
    final Probe probe;

    Held(Slot slot, Probe probe) {
      super(slot);
      this.probe = probe;
    }
  }

  private final Pool<Held> pool;
  private final Duration timeout;
  private volatile boolean closed;

  StormpotObjectPool(Allocator<Probe> allocator, PoolSpec spec) {
    stormpot.Allocator<Held> adapter = new stormpot.Allocator<>() {
      @Override
      public Held allocate(Slot slot) throws Exception {
        return new Held(slot, allocator.create());
      }

      @Override
      public void deallocate(Held held) throws Exception {
        allocator.destroy(held.probe);
      }
    };
    Expiration<Held> invalid = info -> !allocator.validate(info.getPoolable().probe, Duration.ofSeconds(5));
    this.pool = Pool.from(adapter).setSize(spec.maxSize()).setExpiration(invalid).build();
    this.timeout = spec.acquireTimeout();
  }

  @Override
  public Lease<Probe> acquire() {
    return acquire(timeout);
  }

  @Override
  public Lease<Probe> acquire(Duration wait) {
    if (closed) {
      throw new PoolClosedException("stormpot pool is shut down");
    }
    Held held;
    try {
      held = pool.claim(new Timeout(wait.isZero() ? Duration.ofNanos(1) : wait));
    } catch (stormpot.PoolException e) {
      throw new PoolException("stormpot could not allocate", e);
    } catch (IllegalStateException e) {
      throw new PoolClosedException(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PoolException("interrupted", e);
    }
    if (held == null) {
      throw new PoolTimeoutException("stormpot claim timed out after " + wait, null);
    }
    return new PeerLease(held);
  }

  @Override
  public Optional<Lease<Probe>> tryAcquire() {
    if (closed) {
      throw new PoolClosedException("stormpot pool is shut down");
    }
    try {
      Held held = pool.tryClaim();
      return held == null ? Optional.empty() : Optional.of(new PeerLease(held));
    } catch (stormpot.PoolException e) {
      return Optional.empty();
    }
  }

  @Override
  public PoolStats stats() {
    int total = pool.getManagedPool().getCurrentAllocatedCount();
    int active = pool.getManagedPool().getCurrentInUseCount();
    long created = pool.getManagedPool().getAllocationCount();
    return new PoolStats(total, total - active, active, 0, created, created - total, 0);
  }

  @Override
  public PoolConfig config() {
    throw new UnsupportedOperationException("a Stormpot pool has no Trestle PoolConfig");
  }

  @Override
  public void close() {
    closed = true;
    pool.shutdown();
  }

  @Override
  public boolean shutdown(Duration wait) {
    closed = true;
    try {
      return pool.shutdown().await(new Timeout(wait));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static final class PeerLease implements Lease<Probe> {
    private final Held held;
    private volatile boolean ended;

    PeerLease(Held held) {
      this.held = held;
    }

    @Override
    public Probe get() {
      if (ended) {
        throw new IllegalStateException("lease ended");
      }
      return held.probe;
    }

    @Override
    public void close() {
      if (!ended) {
        ended = true;
        held.release();
      }
    }

    @Override
    public void invalidate() {
      if (!ended) {
        ended = true;
        held.expire();
        held.release();
      }
    }
  }
}
