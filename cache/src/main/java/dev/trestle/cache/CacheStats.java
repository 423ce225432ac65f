package dev.trestle.cache;

/**
 * A snapshot of a cache's statistics. Immutable and thread-safe.
 *
 * <p>A hit is a lookup that found a live value; a miss one that did not ({@code get(key, loader)}
 * counts one miss for the call that loads and a hit for each call that received a value another
 * call loaded). A load is a call of the loader: it succeeds when it returns a value, fails when it
 * throws or returns null. Evictions count entries removed for SIZE or EXPIRED.
 */
public final class CacheStats {

  private static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0, 0, 0);

  private final long hitCount;
  private final long missCount;
  private final long loadSuccessCount;
  private final long loadFailureCount;
  private final long totalLoadTimeNanos;
  private final long evictionCount;
  private final long evictionWeight;

  private CacheStats(long hitCount, long missCount, long loadSuccessCount, long loadFailureCount,
      long totalLoadTimeNanos, long evictionCount, long evictionWeight) {
    this.hitCount = hitCount;
    this.missCount = missCount;
    this.loadSuccessCount = loadSuccessCount;
    this.loadFailureCount = loadFailureCount;
    this.totalLoadTimeNanos = totalLoadTimeNanos;
    this.evictionCount = evictionCount;
    this.evictionWeight = evictionWeight;
  }

  /** Returns statistics of nothing recorded. */
  public static CacheStats empty() {
    return EMPTY;
  }

  /**
   * Returns statistics with the given counts.
   *
   * @throws IllegalArgumentException if a count is negative, naming it
   */
  public static CacheStats of(long hitCount, long missCount, long loadSuccessCount, long loadFailureCount,
      long totalLoadTimeNanos, long evictionCount, long evictionWeight) {
    requireNonNegative(hitCount, "hitCount");
    requireNonNegative(missCount, "missCount");
    requireNonNegative(loadSuccessCount, "loadSuccessCount");
    requireNonNegative(loadFailureCount, "loadFailureCount");
    requireNonNegative(totalLoadTimeNanos, "totalLoadTimeNanos");
    requireNonNegative(evictionCount, "evictionCount");
    requireNonNegative(evictionWeight, "evictionWeight");
    return new CacheStats(hitCount, missCount, loadSuccessCount, loadFailureCount, totalLoadTimeNanos,
        evictionCount, evictionWeight);
  }

  private static void requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be zero or more, was " + value);
    }
  }

  public long hitCount() { return hitCount; }

  public long missCount() { return missCount; }

  /** Returns hits plus misses. */
  public long requestCount() { return hitCount + missCount; }

  /** Returns hits over requests, or 1 when there were no requests. */
  public double hitRate() {
    long requests = requestCount();
    return requests == 0 ? 1.0 : (double) hitCount / requests;
  }

  public long loadSuccessCount() { return loadSuccessCount; }

  public long loadFailureCount() { return loadFailureCount; }

  /** Returns the nanoseconds spent in the loader, successful or not, on the cache's ticker. */
  public long totalLoadTimeNanos() { return totalLoadTimeNanos; }

  public long evictionCount() { return evictionCount; }

  public long evictionWeight() { return evictionWeight; }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof CacheStats)) {
      return false;
    }
    CacheStats o = (CacheStats) other;
    return hitCount == o.hitCount && missCount == o.missCount && loadSuccessCount == o.loadSuccessCount
        && loadFailureCount == o.loadFailureCount && totalLoadTimeNanos == o.totalLoadTimeNanos
        && evictionCount == o.evictionCount && evictionWeight == o.evictionWeight;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(hitCount, missCount, loadSuccessCount, loadFailureCount, totalLoadTimeNanos,
        evictionCount, evictionWeight);
  }

  @Override
  public String toString() {
    return "CacheStats[hits=" + hitCount + ", misses=" + missCount + ", loadSuccesses=" + loadSuccessCount
        + ", loadFailures=" + loadFailureCount + ", loadNanos=" + totalLoadTimeNanos + ", evictions="
        + evictionCount + ", evictionWeight=" + evictionWeight + "]";
  }
}
