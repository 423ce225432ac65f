package dev.trestle.tck.pool;

/** Optional capabilities an {@link dev.trestle.pool.ObjectPool} may declare to {@link ObjectPoolTck}. */
public enum PoolFeature {
  /** Measures acquire timeouts, idle times and lifetimes on the spec's {@link dev.trestle.core.ManualTicker}. */
  MANUAL_TICKER,
  /** Destroys objects idle longer than the spec's idleTimeout (checked every maintenanceInterval). */
  IDLE_TIMEOUT,
  /** Never lends an object older than the spec's maxLifetime, and never destroys one in use. */
  MAX_LIFETIME,
  /** Validates an idle object with {@link dev.trestle.pool.Allocator#validate} before lending it. */
  VALIDATION,
  /** Serves waiters in arrival order. */
  FAIR,
  /** {@code shutdown(Duration)} waits for outstanding leases. */
  GRACEFUL_SHUTDOWN,
  /** {@code stats()} reports total, idle and active counts. */
  STATS,
  /** A creation past the spec's creationTimeout frees its slot; what it makes later is destroyed, never lent. */
  CREATION_TIMEOUT
}
