package dev.trestle.cache;

/**
 * Which entry a bounded Trestle cache evicts when it is over its maximum. Both are applied by the
 * cache's maintenance, which runs after writes and whenever the read buffers fill up, or on
 * {@link Cache#cleanUp()}.
 */
public enum EvictionPolicy {
  /**
   * Least recently used: evicts the entry whose last access (read or write) is the oldest.
   *
   * <p>What is exact: once maintenance has run, the entries are ordered by their last recorded
   * access, and the accesses of each thread are applied in the order that thread made them.
   * Writes that add or remove an entry, change its weight or (with expiry) restart its time to
   * live are always recorded. A read, and a write that only replaces a value, is always recorded
   * too, except in one case: its thread's buffer is full and another thread is running maintenance
   * at that moment; then the access is dropped rather than made to wait (this is what keeps reads
   * from serialising on the lock).
   * Hence a cache used by one thread at a time is an exact LRU; under concurrent reads the order
   * can miss some of them. With an {@linkplain CacheBuilder#executor executor} for maintenance, a
   * read is also dropped when its buffer fills before the executor has drained it, as in Caffeine:
   * faster reads, an approximate order under load. Accesses made by different threads since the last maintenance are
   * applied buffer by buffer, so their order relative to each other is unspecified, as it is for
   * any concurrent accesses.
   */
  LRU,
  /**
   * Least frequently used, in constant time, with aging and an admission filter.
   *
   * <p>Entries sit in frequency buckets (Shah, Mitra and Matani, 2010). A new entry starts at the
   * frequency a count-min sketch (TinyLFU, 4-bit counters, 4 rows) has recorded for its key, so a
   * key seen before comes back at its past popularity; each access adds one. The victim is the
   * entry of the lowest frequency, the least recently used among those of equal frequency. When
   * the cache is full a new entry must win admission: it is kept (and the victim evicted) only if
   * the sketch has seen its key more often than the victim's, so a stream of one-hit wonders
   * cannot flush hot entries; a rejected newcomer is removed with cause SIZE. Aging: after every
   * 10 x maximum recorded accesses the sketch halves its counters and every entry's frequency is
   * halved, so an entry that was hot long ago loses its lead within a few periods.
   */
  LFU
}
