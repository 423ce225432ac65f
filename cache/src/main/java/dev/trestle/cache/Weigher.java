package dev.trestle.cache;

/**
 * Gives an entry's weight for a cache bounded by {@link CacheBuilder#maximumWeight(long, Weigher)}.
 * Called once per write, with the new value; the weight must not be negative (a negative weight is
 * rejected with {@link IllegalArgumentException} by the write). Must be thread-safe and quick.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface Weigher<K, V> {

  /** Returns the weight of {@code key -> value}, zero or more. */
  int weigh(K key, V value);
}
