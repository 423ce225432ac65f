package dev.trestle.tck.pool;

import dev.trestle.core.Ticker;
import dev.trestle.pool.Allocator;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** Trestle's pool with {@code fair(false)}: every rule but FIFO order, which it gives up for throughput. */
class TrestleUnfairObjectPoolConformanceTest extends ObjectPoolTck {

  @Override
  protected ObjectPool<Probe> newPool(Allocator<Probe> allocator, PoolSpec spec) {
    Ticker ticker = spec.ticker() != null ? spec.ticker() : Ticker.system();
    return ObjectPool.create(allocator, PoolConfig.builder().name("tck-unfair").fair(false).maxSize(spec.maxSize())
        .minIdle(spec.minIdle()).acquireTimeout(spec.acquireTimeout()).idleTimeout(spec.idleTimeout())
        .maxLifetime(spec.maxLifetime()).maxLifetimeJitter(spec.maxLifetime().dividedBy(20))
        .validateAfterIdle(spec.validateAfterIdle()).housekeepingPeriod(spec.maintenanceInterval())
        .creationBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).ticker(ticker).build());
  }

  @Override
  protected Set<PoolFeature> features() {
    return EnumSet.complementOf(EnumSet.of(PoolFeature.FAIR));
  }
}
