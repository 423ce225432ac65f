package dev.trestle.cache;

/**
 * Which entry a bounded Trestle cache evicts when it is over its maximum. Each is applied by the
 * cache's maintenance, which runs after writes and whenever the read buffers fill up, or on
 * {@link Cache#cleanUp()}. {@link #ADAPTIVE} is the default; {@link #LRU} and {@link #LFU} are the
 * pure policies, for workloads known to suit one of them and for comparison.
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
  LFU,
  /**
   * Adaptive window TinyLFU, the default: hit ratios close to the better of LRU and LFU on most
   * workloads, without knowing which suits in advance (Einziger, Friedman and Manes, "TinyLFU",
   * ACM ToS 2017; Einziger, Eytan, Friedman and Manes, "Adaptive Software Cache Management",
   * Middleware 2018; the design Caffeine uses).
   *
   * <p>A new entry always enters a small LRU window; what leaves the window must win admission
   * into the main area (a segmented LRU: probation and protected) against the main area's
   * victim, by a count-min sketch's estimate of how often each key was used (4-bit counters,
   * halved every 10 x maximum recorded accesses so that old popularity fades). A hill climber
   * resizes the window from a sample of the hit rate: larger when recency pays, smaller when
   * frequency does. The sketch is sized to the entries actually held and grows with them, so any
   * maximum up to {@code Long.MAX_VALUE} costs memory only for what is held. Against hash flooding
   * the sketch's hash is seeded per cache and a warm candidate that loses is still admitted, at
   * random, once in 128 times. Which entry goes is an approximation of the policy in the same
   * sense as for {@link #LRU}: concurrent reads may be dropped from the record.
   */
  ADAPTIVE
}
