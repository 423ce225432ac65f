package dev.trestle.core.bulkhead;

/**
 * A snapshot of a {@link Bulkhead}'s permits and counters, taken at one instant: {@code
 * availablePermits + callsInFlight == maxConcurrentCalls}. Immutable.
 */
public final class BulkheadMetrics {

  private final int maxConcurrentCalls;
  private final int availablePermits;
  private final int waitingCalls;
  private final long rejectedCalls;

  /**
   * Creates a snapshot. Public so that adapters of other bulkheads can report theirs.
   *
   * @throws IllegalArgumentException if a count is negative or {@code availablePermits} exceeds
   *     {@code maxConcurrentCalls}
   */
  public BulkheadMetrics(int maxConcurrentCalls, int availablePermits, int waitingCalls, long rejectedCalls) {
    if (availablePermits < 0 || availablePermits > maxConcurrentCalls || waitingCalls < 0 || rejectedCalls < 0) {
      throw new IllegalArgumentException("inconsistent metrics: maxConcurrentCalls=" + maxConcurrentCalls
          + ", availablePermits=" + availablePermits + " (must be in [0, maxConcurrentCalls]), waitingCalls="
          + waitingCalls + ", rejectedCalls=" + rejectedCalls + " (must not be negative)");
    }
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.availablePermits = availablePermits;
    this.waitingCalls = waitingCalls;
    this.rejectedCalls = rejectedCalls;
  }

  /** The limit on concurrent calls. */
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  /** Permits free now. */
  public int availablePermits() {
    return availablePermits;
  }

  /** Permits held now: calls running, and waiters handed a permit that have not resumed yet. */
  public int callsInFlight() {
    return maxConcurrentCalls - availablePermits;
  }

  /** Calls waiting for a permit now. */
  public int waitingCalls() {
    return waitingCalls;
  }

  /** Calls refused since the bulkhead was created (interrupted waiters are not counted). */
  public long rejectedCalls() {
    return rejectedCalls;
  }

  @Override
  public String toString() {
    return "BulkheadMetrics[max=" + maxConcurrentCalls + ", available=" + availablePermits + ", inFlight="
        + callsInFlight() + ", waiting=" + waitingCalls + ", rejected=" + rejectedCalls + "]";
  }
}
