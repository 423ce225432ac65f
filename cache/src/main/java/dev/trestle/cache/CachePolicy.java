package dev.trestle.cache;

import java.util.Map;

/**
 * A read-only view of a cache's eviction policy: its bound and the entries in policy order.
 * Methods that read the order run the cache's pending maintenance first. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface CachePolicy<K, V> {

  /** Returns the policy's name, for example {@code LRU}, {@code LFU} or {@code Caffeine W-TinyLFU}. */
  String name();

  /** Returns the maximum total weight (the maximum size when entries are not weighed). */
  long maximum();

  /** Returns the total weight of the entries the policy holds, after pending maintenance. */
  long weightedSize();

  /**
   * Returns at most {@code limit} entries, the next victim first, in an unmodifiable map that
   * iterates in that order.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  Map<K, V> coldest(int limit);

  /**
   * Returns at most {@code limit} entries, the one the policy would evict last first.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  Map<K, V> hottest(int limit);
}
