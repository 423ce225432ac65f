package dev.trestle.cache;

/**
 * Told once of every entry that leaves a {@link Cache}, with the cause.
 *
 * <p>A Trestle cache calls it on the thread that removed the entry: the caller of {@code invalidate}
 * or {@code put} for EXPLICIT and REPLACED, the thread running maintenance (a caller, the
 * configured executor, or without an executor the scheduler's thread when a scheduled run removes
 * expired entries) for SIZE and EXPIRED, after the cache's internal lock is released. An
 * exception it throws is logged and does not affect the cache. Implementations must be thread-safe
 * and quick.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface RemovalListener<K, V> {

  /** Called once when the entry {@code key -> value} has left the cache because of {@code cause}. */
  void onRemoval(K key, V value, RemovalCause cause);
}
