package dev.trestle.tck.pool;

import dev.trestle.core.Ticker;
import dev.trestle.pool.Allocator;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's pool against every POOL rule: it declares every capability. */
class TrestleObjectPoolConformanceTest extends ObjectPoolTck {

  static ObjectPool<Probe> trestle(Allocator<Probe> allocator, PoolSpec spec) {
    return trestle(allocator, spec, spec.creationTimeout());
  }

  static ObjectPool<Probe> trestle(Allocator<Probe> allocator, PoolSpec spec, Duration creationTimeout) {
    Ticker ticker = spec.ticker() != null ? spec.ticker() : Ticker.system();
    return ObjectPool.create(allocator, PoolConfig.builder().name("tck").maxSize(spec.maxSize()).minIdle(spec.minIdle())
        .acquireTimeout(spec.acquireTimeout()).idleTimeout(spec.idleTimeout()).maxLifetime(spec.maxLifetime())
        .maxLifetimeJitter(spec.maxLifetime().dividedBy(20)).validateAfterIdle(spec.validateAfterIdle())
        .housekeepingPeriod(spec.maintenanceInterval()).creationBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
        .creationTimeout(creationTimeout).ticker(ticker).build());
  }

  @Override
  protected ObjectPool<Probe> newPool(Allocator<Probe> allocator, PoolSpec spec) {
    return trestle(allocator, spec);
  }

  @Override
  protected Set<PoolFeature> features() {
    return EnumSet.allOf(PoolFeature.class);
  }
}
