package dev.trestle.cache;

/** The order in which a bounded cache evicts: an LRU list, LFU buckets, or the adaptive window TinyLFU. Used under the eviction lock. */
interface EvictionOrder<K, V> {

  /** Returns whether {@code node} is in the order. */
  boolean contains(Node<K, V> node);

  /** Adds a new entry as the most recent (LRU) or at its recorded frequency (LFU). */
  void add(Node<K, V> node);

  /** Records an access (read or write) to an entry in the order. */
  void touch(Node<K, V> node);

  /**
   * Tells the order of {@code reads} reads of {@code node} (in the order) that the cache counted
   * instead of recording while it was less than half full. They are not requests of the current
   * workload any more: they inform the entry's frequency, never the policy's own statistics.
   */
  default void replayReads(Node<K, V> node, int reads) {
    for (int i = 0; i < reads; i++) {
      touch(node);
    }
  }

  /** Removes an entry in the order. */
  void remove(Node<K, V> node);

  /**
   * Returns the entry to evict next, the cache being over its bound, or null if the order is
   * empty. {@code newcomer} is the entry just added, or null: LRU and LFU evict it only when it
   * is alone or (LFU) loses admission against the victim; the adaptive order judges its own
   * candidates. The caller evicts the entry returned (which calls {@link #remove}) before asking again.
   */
  Node<K, V> victim(Node<K, V> newcomer);

  /** Tells the order that {@code node}'s policy weight changed from {@code oldWeight} to its current one. */
  default void reweighed(Node<K, V> node, int oldWeight) {}

  /** Visits the entries coldest first until {@code visitor} returns false. */
  void coldestFirst(java.util.function.Predicate<Node<K, V>> visitor);

  /** Visits the entries hottest first until {@code visitor} returns false. */
  void hottestFirst(java.util.function.Predicate<Node<K, V>> visitor);

}
