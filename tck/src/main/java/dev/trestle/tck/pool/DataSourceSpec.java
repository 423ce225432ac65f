package dev.trestle.tck.pool;

import java.time.Duration;

/** What {@link DataSourceTck} asks a pooled DataSource to be: its size and how long getConnection waits. Immutable. */
public final class DataSourceSpec {

  private final int maxSize;
  private final Duration acquireTimeout;

  DataSourceSpec(int maxSize, Duration acquireTimeout) {
    this.maxSize = maxSize;
    this.acquireTimeout = acquireTimeout;
  }

  /** Most connections open at once. */
  public int maxSize() {
    return maxSize;
  }

  /** How long {@code getConnection()} waits (500 ms: HikariCP's floor is 250 ms). */
  public Duration acquireTimeout() {
    return acquireTimeout;
  }
}
