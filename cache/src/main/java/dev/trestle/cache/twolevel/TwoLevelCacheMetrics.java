package dev.trestle.cache.twolevel;

/**
 * A snapshot of what one {@link TwoLevelCache} instance saw: Redis calls that failed, invalidations
 * received, subscriptions lost, loads and lease waits. Immutable.
 */
public final class TwoLevelCacheMetrics {

  private final long redisFailures;
  private final long invalidationsReceived;
  private final long subscriptionLosses;
  private final long nearHits;
  private final long farHits;
  private final long loads;
  private final long leaseWaits;
  private final long leaseTimeouts;
  private final long servedNearWhileDown;

  TwoLevelCacheMetrics(long redisFailures, long invalidationsReceived, long subscriptionLosses, long nearHits, long farHits,
      long loads, long leaseWaits, long leaseTimeouts, long servedNearWhileDown) {
    this.redisFailures = redisFailures;
    this.invalidationsReceived = invalidationsReceived;
    this.subscriptionLosses = subscriptionLosses;
    this.nearHits = nearHits;
    this.farHits = farHits;
    this.loads = loads;
    this.leaseWaits = leaseWaits;
    this.leaseTimeouts = leaseTimeouts;
    this.servedNearWhileDown = servedNearWhileDown;
  }

  /** Returns the Redis calls that failed (refused, lost, timed out, busy). */
  public long redisFailures() {
    return redisFailures;
  }

  /** Returns the invalidations received from other instances. */
  public long invalidationsReceived() {
    return invalidationsReceived;
  }

  /** Returns how often the subscription was lost (closed, or no heartbeat back within the bound). */
  public long subscriptionLosses() {
    return subscriptionLosses;
  }

  /** Returns the reads served by the near level. */
  public long nearHits() {
    return nearHits;
  }

  /** Returns the reads served by Redis. */
  public long farHits() {
    return farHits;
  }

  /** Returns the loader calls made by this instance. */
  public long loads() {
    return loads;
  }

  /** Returns the loads this instance left to another instance's lease (it waited). */
  public long leaseWaits() {
    return leaseWaits;
  }

  /** Returns the waits for another instance's load that ran out, after which this instance loaded. */
  public long leaseTimeouts() {
    return leaseTimeouts;
  }

  /** Returns the reads answered from the near level because Redis could not answer (SERVE_NEAR). */
  public long servedNearWhileDown() {
    return servedNearWhileDown;
  }

  @Override
  public String toString() {
    return "TwoLevelCacheMetrics[redisFailures=" + redisFailures + ", invalidationsReceived=" + invalidationsReceived
        + ", subscriptionLosses=" + subscriptionLosses + ", nearHits=" + nearHits + ", farHits=" + farHits + ", loads=" + loads
        + ", leaseWaits=" + leaseWaits + ", leaseTimeouts=" + leaseTimeouts + ", servedNearWhileDown=" + servedNearWhileDown + "]";
  }
}
