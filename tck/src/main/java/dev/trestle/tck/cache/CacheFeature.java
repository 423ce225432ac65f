package dev.trestle.tck.cache;

/** Optional capabilities a cache under the {@link CacheTck} may declare. */
public enum CacheFeature {
  /** Evicts exactly the least recently used entry (reads and writes are uses) once maintenance has run. */
  LRU_ORDER,
  /** Evicts by frequency: entries used often outlive entries used once (an admission filter is allowed). */
  LFU_ORDER,
  /** Honours {@link CacheSpec#expireAfterWrite()} and {@link CacheSpec#expireAfterAccess()} on {@link CacheSpec#ticker()}. */
  EXPIRY,
  /** Honours {@link CacheSpec#maximumWeight()} with {@link CacheSpec#weigher()}. */
  WEIGHTS,
  /**
   * Given {@link CacheSpec#scheduler()}, removes expired entries on it with no call on the cache: an
   * entry leaves (and, with REMOVAL_LISTENER, is told EXPIRED) soon after its time to live even
   * when nothing reads or writes the cache. Trestle's caches do this with
   * {@code CacheBuilder.scheduler}; a cache that removes expired entries only during calls does not.
   */
  SCHEDULED_EXPIRY,
  /** Supports {@code get(key, loader)}. */
  LOADING,
  /** Records statistics when {@link CacheSpec#recordStats()} is set. */
  STATS,
  /**
   * Tells {@link CacheSpec#removalListener()} of every removal, synchronously: a removal by a call
   * has been told when the call returns, an eviction when {@code cleanUp()} returns.
   */
  REMOVAL_LISTENER
}
