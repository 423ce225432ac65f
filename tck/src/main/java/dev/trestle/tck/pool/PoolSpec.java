package dev.trestle.tck.pool;

import dev.trestle.core.ManualTicker;
import java.time.Duration;

/**
 * What {@link ObjectPoolTck} asks a pool to be: sizes, timeouts, and the ticker it must use when the
 * implementation declares {@link PoolFeature#MANUAL_TICKER} (null otherwise). A zero idleTimeout or
 * maxLifetime means none; validateAfterIdle zero means validate on every acquire. Immutable.
 */
public final class PoolSpec {

  private final int maxSize;
  private final int minIdle;
  private final Duration acquireTimeout;
  private final Duration idleTimeout;
  private final Duration maxLifetime;
  private final Duration maintenanceInterval;
  private final ManualTicker ticker;

  PoolSpec(int maxSize, int minIdle, Duration acquireTimeout, Duration idleTimeout, Duration maxLifetime,
      Duration maintenanceInterval, ManualTicker ticker) {
    this.maxSize = maxSize;
    this.minIdle = minIdle;
    this.acquireTimeout = acquireTimeout;
    this.idleTimeout = idleTimeout;
    this.maxLifetime = maxLifetime;
    this.maintenanceInterval = maintenanceInterval;
    this.ticker = ticker;
  }

  PoolSpec withMaxSize(int size) {
    return new PoolSpec(size, minIdle, acquireTimeout, idleTimeout, maxLifetime, maintenanceInterval, ticker);
  }

  PoolSpec withIdleTimeout(Duration timeout) {
    return new PoolSpec(maxSize, minIdle, acquireTimeout, timeout, maxLifetime, maintenanceInterval, ticker);
  }

  PoolSpec withMaxLifetime(Duration lifetime) {
    return new PoolSpec(maxSize, minIdle, acquireTimeout, idleTimeout, lifetime, maintenanceInterval, ticker);
  }

  /** Most objects alive at once. */
  public int maxSize() {
    return maxSize;
  }

  /** Objects to keep when idle. */
  public int minIdle() {
    return minIdle;
  }

  /** How long {@code acquire()} waits. */
  public Duration acquireTimeout() {
    return acquireTimeout;
  }

  /** Idle time after which an object is destroyed; zero: never. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Age after which an object is not lent again; zero: no limit. The pool may spread it by up to 10% less. */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /**
   * How long one creation may run before the pool gives up on it and frees its slot (needs
   * CREATION_TIMEOUT): the acquire timeout.
   */
  public Duration creationTimeout() {
    return acquireTimeout;
  }

  /** How often the pool should check its idle objects. */
  public Duration maintenanceInterval() {
    return maintenanceInterval;
  }

  /** The ticker to use, or null when the implementation does not declare MANUAL_TICKER. */
  public ManualTicker ticker() {
    return ticker;
  }

  /** Validation happens on every acquire of an idle object: the kit's validation rule needs no idle threshold. */
  public Duration validateAfterIdle() {
    return Duration.ZERO;
  }

  @Override
  public String toString() {
    return "PoolSpec[maxSize=" + maxSize + ", acquireTimeout=" + acquireTimeout + ", idleTimeout=" + idleTimeout
        + ", maxLifetime=" + maxLifetime + ", manualTicker=" + (ticker != null) + "]";
  }
}
