package dev.trestle.pool.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trestle.core.ManualTicker;
import dev.trestle.pool.Allocator;
import dev.trestle.pool.Lease;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.PoolTimeoutException;
import dev.trestle.pool.jdbc.PooledDataSource;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void objectPoolMetersFollowLeasesTimeoutsAndCreations() {
    ObjectPool<Object> pool = ObjectPool.create(new Allocator<>() {
      @Override
      public Object create() {
        return new Object();
      }

      @Override
      public void destroy(Object object) {}
    }, PoolConfig.builder().name("things").maxSize(2).ticker(new ManualTicker()).build());
    try {
      new PoolMeters(pool, Tags.of("app", "shop")).bindTo(registry);
      assertEquals(0, gauge("trestle.pool.objects", "pool", "things", "app", "shop"));
      Lease<Object> first = pool.acquire();
      Lease<Object> second = pool.acquire();
      assertEquals(2, gauge("trestle.pool.objects"));
      assertEquals(2, gauge("trestle.pool.objects.active"));
      assertEquals(0, gauge("trestle.pool.objects.idle"));
      assertThrows(PoolTimeoutException.class, () -> pool.acquire(Duration.ZERO));
      assertEquals(1, counter("trestle.pool.objects.timeout"));
      first.close();
      assertEquals(1, gauge("trestle.pool.objects.idle"));
      assertEquals(0, gauge("trestle.pool.objects.pending"));
      assertEquals(0, gauge("trestle.pool.objects.creating"));
      assertEquals(2, gauge("trestle.pool.objects.max"));
      assertEquals(0, gauge("trestle.pool.objects.min"));
      assertEquals(2, counter("trestle.pool.objects.acquired"));
      assertEquals(2, counter("trestle.pool.objects.created"));
      assertEquals(0, counter("trestle.pool.objects.destroyed"));
      assertEquals(0, counter("trestle.pool.objects.creation.failures"));
      assertEquals(0, counter("trestle.pool.objects.leaks"));
      registry.get("trestle.pool.objects.acquire.wait").tags("quantile", "0.99").timeGauge();
      second.close();
    } finally {
      pool.close();
    }
  }

  @Test
  void dataSourceMetersUseTheConnectionsPrefix() throws Exception {
    try (PooledDataSource ds = PooledDataSource.builder().jdbcUrl("jdbc:h2:mem:meters;DB_CLOSE_DELAY=-1").username("sa")
        .password("").pool(PoolConfig.builder().name("db").maxSize(3).build()).build()) {
      new PoolMeters(ds).bindTo(registry);
      try (Connection connection = ds.getConnection()) {
        assertEquals(1, gauge("trestle.pool.connections.active", "pool", "db"));
      }
      assertEquals(0, gauge("trestle.pool.connections.active"));
      assertEquals(3, gauge("trestle.pool.connections.max"));
      assertEquals(1, counter("trestle.pool.connections.acquired"));
    }
  }
}
