package dev.trestle.tck.bulkhead;

/** Optional capabilities a bulkhead under the {@link BulkheadTck} may declare. */
public enum BulkheadFeature {
  /**
   * Measures and ends waits on the {@link BulkheadSpec#ticker()} the kit supplies (also as its
   * scheduler), so the kit controls time exactly. Without it the kit uses short real waits and
   * checks only outcomes, never how long anything took.
   */
  MANUAL_TICKER,
  /** Serves waiting calls in arrival order when {@link BulkheadSpec#fair()} is set. */
  FAIR,
  /** Supports {@code callAsync}, holding the permit until the returned work completes. */
  ASYNC
}
