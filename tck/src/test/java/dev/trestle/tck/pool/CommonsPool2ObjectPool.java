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
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Apache commons-pool2's GenericObjectPool behind Trestle's ObjectPool: fair, testOnBorrow,
 * idle eviction by its evictor thread (real time), no maximum lifetime. Its exceptions are mapped
 * to Trestle's: NoSuchElementException on a timeout to PoolTimeoutException, IllegalStateException
 * of a closed pool to PoolClosedException, a factory failure to PoolException.
 */
final class CommonsPool2ObjectPool implements ObjectPool<Probe> {

  private final GenericObjectPool<Probe> pool;
  private final Duration timeout;

  CommonsPool2ObjectPool(Allocator<Probe> allocator, PoolSpec spec) {
    GenericObjectPoolConfig<Probe> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(spec.maxSize());
    config.setMaxIdle(spec.maxSize());
    config.setMinIdle(spec.minIdle());
    config.setMaxWait(spec.acquireTimeout());
    config.setBlockWhenExhausted(true);
    config.setFairness(true);
    config.setTestOnBorrow(true);
    config.setJmxEnabled(false);
    if (!spec.idleTimeout().isZero()) {
      config.setMinEvictableIdleDuration(spec.idleTimeout());
      config.setTimeBetweenEvictionRuns(spec.maintenanceInterval());
    }
    this.pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
      @Override
      public Probe create() throws Exception {
        return allocator.create();
      }

      @Override
      public PooledObject<Probe> wrap(Probe probe) {
        return new DefaultPooledObject<>(probe);
      }

      @Override
      public boolean validateObject(PooledObject<Probe> p) {
        try {
          return allocator.validate(p.getObject(), Duration.ofSeconds(5));
        } catch (Exception e) {
          return false;
        }
      }

      @Override
      public void destroyObject(PooledObject<Probe> p) throws Exception {
        allocator.destroy(p.getObject());
      }
    }, config);
    this.timeout = spec.acquireTimeout();
  }

  @Override
  public Lease<Probe> acquire() {
    return acquire(timeout);
  }

  @Override
  public Lease<Probe> acquire(Duration wait) {
    try {
      return new PeerLease(pool.borrowObject(wait));
    } catch (NoSuchElementException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Timeout")) {
        throw new PoolTimeoutException(e.getMessage(), e);
      }
      throw new PoolException(String.valueOf(e.getMessage()), e);
    } catch (IllegalStateException e) {
      throw new PoolClosedException(e.getMessage());
    } catch (Exception e) {
      throw new PoolException("commons-pool2 could not lend an object", e);
    }
  }

  @Override
  public Optional<Lease<Probe>> tryAcquire() {
    if (pool.getNumIdle() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(acquire(Duration.ofMillis(1)));
    } catch (PoolTimeoutException e) {
      return Optional.empty();
    }
  }

  @Override
  public PoolStats stats() {
    int active = pool.getNumActive();
    int idle = pool.getNumIdle();
    return new PoolStats(active + idle, idle, active, pool.getNumWaiters(), pool.getCreatedCount(), pool.getDestroyedCount(), 0);
  }

  @Override
  public PoolConfig config() {
    throw new UnsupportedOperationException("a commons-pool2 pool has no Trestle PoolConfig");
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public boolean shutdown(Duration wait) {
    pool.close();
    return pool.getNumActive() == 0;
  }

  private final class PeerLease implements Lease<Probe> {
    private final Probe probe;
    private volatile boolean ended;

    PeerLease(Probe probe) {
      this.probe = probe;
    }

    @Override
    public Probe get() {
      if (ended) {
        throw new IllegalStateException("lease ended");
      }
      return probe;
    }

    @Override
    public void close() {
      if (!ended) {
        ended = true;
        pool.returnObject(probe);
      }
    }

    @Override
    public void invalidate() {
      if (!ended) {
        ended = true;
        try {
          pool.invalidateObject(probe);
        } catch (Exception e) {
          throw new PoolException("invalidateObject failed", e);
        }
      }
    }
  }
}
