package dev.trestle.pool;

/**
 * Told of what an {@link ObjectPool} notices about its borrowers (a lease held past the leak
 * detection threshold), so that code can act on it without reading the log. Added with
 * {@link PoolConfig.Builder#listener}. Called on the pool's scheduler thread, outside any lock of the
 * pool; a listener must be quick and must not throw (what it throws is caught and dropped, so that
 * it cannot stop the checks of other leases). Implementations must be thread-safe.
 */
public interface PoolListener {

  /**
   * A lease has been held longer than {@link PoolConfig#leakDetectionThreshold()} and may have
   * leaked; told once per lease, when the pool logs and counts it ({@link PoolStats#leaks()}).
   *
   * @param poolName the pool's name
   * @param borrower the name of the thread that took the lease
   * @param takenAt a throwable made when the lease was taken, never thrown: its stack trace is the
   *     borrower's stack at that moment
   */
  default void onLeak(String poolName, String borrower, Throwable takenAt) {}
}
