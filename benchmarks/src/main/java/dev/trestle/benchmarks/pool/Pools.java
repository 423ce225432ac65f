package dev.trestle.benchmarks.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.trestle.core.Ticker;
import dev.trestle.pool.Allocator;
import dev.trestle.pool.Lease;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.jdbc.PooledDataSource;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.DataSourceConnectionFactory;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import stormpot.BasePoolable;
import stormpot.Pool;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * The pools the benchmarks and the claims compare, built the same way: a fixed size, a 30 s acquire
 * timeout, no validation on the hot path beyond each pool's default. One borrow-and-return cycle each.
 */
final class Pools {

  private Pools() {}

  /** One implementation: a cycle (borrow, touch, give back) and a way to close it. */
  interface Cycler extends AutoCloseable {
    /** Borrows, does {@code work} tokens of CPU work while holding (JMH's consumeCPU), gives back. */
    Object cycle(long work) throws Exception;
  }

  private static void hold(long work) {
    if (work > 0) {
      org.openjdk.jmh.infra.Blackhole.consumeCPU(work);
    }
  }

  static final String[] ALL = {"trestle-ds", "trestle-ds-unfair", "hikari", "dbcp2", "trestle-pool", "trestle-pool-unfair",
      "commons-pool2", "stormpot"};

  static Cycler create(String impl, int size) throws Exception {
    switch (impl) {
      case "trestle-ds": return dataSource(trestleDataSource(new NoopDataSource(), size, Duration.ofSeconds(30), true));
      case "trestle-ds-unfair": return dataSource(trestleDataSource(new NoopDataSource(), size, Duration.ofSeconds(30), false));
      case "hikari": return dataSource(hikari(new NoopDataSource(), size, Duration.ofSeconds(30)));
      case "dbcp2": return dataSource(dbcp2(new NoopDataSource(), size, Duration.ofSeconds(30)));
      case "trestle-pool": return trestlePool(size, true);
      case "trestle-pool-unfair": return trestlePool(size, false);
      // not in ALL: an experiment, the fair pool on a ticker that never moves, to show what the two clock reads of a cycle cost
      case "trestle-pool-noclock": return trestlePool(size, true, () -> 0L);
      case "commons-pool2": return commonsPool2(size);
      case "stormpot": return stormpot(size);
      default: throw new IllegalArgumentException("impl must be one of " + String.join(", ", ALL) + ", was " + impl);
    }
  }

  static PooledDataSource trestleDataSource(DataSource target, int size, Duration timeout, boolean fair) {
    return PooledDataSource.builder().dataSource(target)
        .pool(PoolConfig.builder().name("bench").maxSize(size).minIdle(size).acquireTimeout(timeout).fair(fair).build())
        .build();
  }

  static HikariDataSource hikari(DataSource target, int size, Duration timeout) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(target);
    config.setPoolName("bench-hikari");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setConnectionTimeout(timeout.toMillis());
    return new HikariDataSource(config);
  }

  static PoolingDataSource<PoolableConnection> dbcp2(DataSource target, int size, Duration timeout) {
    PoolableConnectionFactory factory = new PoolableConnectionFactory(new DataSourceConnectionFactory(target), null);
    GenericObjectPoolConfig<PoolableConnection> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(size);
    config.setMaxIdle(size);
    config.setMinIdle(size);
    config.setMaxWait(timeout);
    config.setJmxEnabled(false);
    GenericObjectPool<PoolableConnection> pool = new GenericObjectPool<>(factory, config);
    factory.setPool(pool);
    return new PoolingDataSource<>(pool);
  }

  private static Cycler dataSource(DataSource ds) {
    return new Cycler() {
      @Override
      public Object cycle(long work) throws Exception {
        Connection connection = ds.getConnection();
        hold(work);
        connection.close();
        return connection;
      }

      @Override
      public void close() throws Exception {
        if (ds instanceof AutoCloseable) {
          ((AutoCloseable) ds).close();
        }
      }
    };
  }

  private static Cycler trestlePool(int size, boolean fair) {
    return trestlePool(size, fair, Ticker.system());
  }

  private static Cycler trestlePool(int size, boolean fair, Ticker ticker) {
    ObjectPool<Object> pool = ObjectPool.create(new Allocator<>() {
      @Override
      public Object create() {
        return new Object();
      }

      @Override
      public void destroy(Object object) {}
    }, PoolConfig.builder().name("bench-pool").maxSize(size).minIdle(size).acquireTimeout(Duration.ofSeconds(30)).fair(fair).ticker(ticker)
        .build());
    return new Cycler() {
      @Override
      public Object cycle(long work) {
        Lease<Object> lease = pool.acquire();
        Object object = lease.get();
        hold(work);
        lease.close();
        return object;
      }

      @Override
      public void close() {
        pool.close();
      }
    };
  }

  private static Cycler commonsPool2(int size) {
    GenericObjectPoolConfig<Object> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(size);
    config.setMaxIdle(size);
    config.setMinIdle(size);
    config.setMaxWait(Duration.ofSeconds(30));
    config.setJmxEnabled(false);
    GenericObjectPool<Object> pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
      @Override
      public Object create() {
        return new Object();
      }

      @Override
      public PooledObject<Object> wrap(Object object) {
        return new DefaultPooledObject<>(object);
      }
    }, config);
    return new Cycler() {
      @Override
      public Object cycle(long work) throws Exception {
        Object object = pool.borrowObject();
        hold(work);
        pool.returnObject(object);
        return object;
      }

      @Override
      public void close() {
        pool.close();
      }
    };
  }

  /** A Stormpot poolable around nothing. */
  static final class Item extends BasePoolable {
    Item(Slot slot) {
      super(slot);
    }
  }

  private static Cycler stormpot(int size) {
    Pool<Item> pool = Pool.from(new stormpot.Allocator<Item>() {
      @Override
      public Item allocate(Slot slot) {
        return new Item(slot);
      }

      @Override
      public void deallocate(Item item) {}
    }).setSize(size).build();
    Timeout timeout = new Timeout(Duration.ofSeconds(30));
    return new Cycler() {
      @Override
      public Object cycle(long work) throws Exception {
        Item item = pool.claim(timeout);
        hold(work);
        item.release();
        return item;
      }

      @Override
      public void close() {
        pool.shutdown();
      }
    };
  }
}
