package dev.trestle.cache;

import dev.trestle.core.internal.Arguments;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * A bounded in-memory key-value cache.
 *
 * <p>Keys and values are never null: every method rejects a null key or value with
 * {@link NullPointerException}. The cache holds at most its maximum size (or weight) once its
 * maintenance has run ({@link #cleanUp()} runs it at once); between two runs it may briefly hold a
 * few more entries than that. Expired entries are never returned, even before maintenance removes
 * them. Every entry that leaves the cache is reported once to the removal listener, with its
 * {@link RemovalCause}.
 *
 * <p>Make one with {@link CacheBuilder}, from a {@link CacheConfig} with {@link #of(CacheConfig)},
 * or with {@link #lru(long)} / {@link #lfu(long)} for the common case; {@link CaffeineCache} puts
 * Caffeine behind this interface. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Cache<K, V> {

  /**
   * Returns a new Trestle cache with {@code config}: bounded, evicting, expiring and reporting as it
   * says. Each call returns a new, empty cache; caches built from one config share nothing but the
   * objects the config holds (its weigher, listener, ticker, executor and scheduler).
   *
   * @throws NullPointerException if {@code config} is null
   */
  static <K, V> Cache<K, V> of(CacheConfig<K, V> config) {
    return new BoundedCache<>(Arguments.requireNonNull(config, "config"));
  }

  /** Returns an LRU cache of at most {@code maximumSize} entries; see {@link EvictionPolicy#LRU}. */
  static <K, V> Cache<K, V> lru(long maximumSize) {
    return CacheBuilder.<K, V>newBuilder().maximumSize(maximumSize).policy(EvictionPolicy.LRU).build();
  }

  /** Returns an LFU cache of at most {@code maximumSize} entries; see {@link EvictionPolicy#LFU}. */
  static <K, V> Cache<K, V> lfu(long maximumSize) {
    return CacheBuilder.<K, V>newBuilder().maximumSize(maximumSize).policy(EvictionPolicy.LFU).build();
  }

  /** Returns the value cached for {@code key}, or null if there is none (or it has expired). */
  V getIfPresent(K key);

  /**
   * Returns the value cached for {@code key}, loading it with {@code loader} if absent.
   *
   * <p>However many threads ask for the same absent key at once, the loader runs once and the
   * others wait for its value (no stampede). An exception thrown by the loader reaches every
   * caller that waited for that load and nothing is cached, so the next call loads again. A loader
   * that returns null caches nothing and this method returns null. The loader must not use this
   * cache: a Trestle cache loads under the lock of the key's hash bin.
   *
   * @throws NullPointerException if {@code key} or {@code loader} is null
   */
  V get(K key, Function<? super K, ? extends V> loader);

  /**
   * Caches {@code value} for {@code key}, replacing (and reporting as REPLACED) any value cached
   * for it.
   *
   * @throws NullPointerException if {@code key} or {@code value} is null
   * @throws IllegalArgumentException if the weigher gives a negative weight
   */
  void put(K key, V value);

  /** Removes the entry for {@code key}, if any, reporting it as EXPLICIT (EXPIRED if it had expired). */
  void invalidate(K key);

  /** Removes every entry, each reported as {@link #invalidate} would. */
  void invalidateAll();

  /** Returns about how many entries the cache holds: expired and not yet evicted entries may be counted. */
  long estimatedSize();

  /** Returns the statistics recorded so far; all zero unless the cache records statistics. */
  CacheStats stats();

  /** Runs pending maintenance now: applies recorded accesses, removes expired entries, evicts to the bound. */
  void cleanUp();

  /**
   * Returns a live {@link ConcurrentMap} view of the cache: writes through it are writes to the
   * cache (with removal notices), and it never shows an expired entry. Its single-key operations
   * are atomic; reads through it do not count in the statistics, and only {@code get} counts as an
   * access for the eviction policy ({@code containsKey} and iteration do not).
   */
  ConcurrentMap<K, V> asMap();

  /** Returns the view of the cache's eviction policy. */
  CachePolicy<K, V> policy();
}
