package dev.trestle.cache;

/** The order in which a bounded cache evicts: an LRU list or LFU buckets. Used under the eviction lock. */
interface EvictionOrder<K, V> {

  /** Returns whether {@code node} is in the order. */
  boolean contains(Node<K, V> node);

  /** Adds a new entry as the most recent (LRU) or at its recorded frequency (LFU). */
  void add(Node<K, V> node);

  /** Records an access (read or write) to an entry in the order. */
  void touch(Node<K, V> node);

  /** Removes an entry in the order. */
  void remove(Node<K, V> node);

  /** Returns the next victim other than {@code except}, or null if there is none. */
  Node<K, V> victim(Node<K, V> except);

  /** Returns whether the newcomer {@code candidate} should be kept at the expense of {@code victim}. */
  boolean admit(Node<K, V> candidate, Node<K, V> victim);

  /** Visits the entries coldest first until {@code visitor} returns false. */
  void coldestFirst(java.util.function.Predicate<Node<K, V>> visitor);

  /** Visits the entries hottest first until {@code visitor} returns false. */
  void hottestFirst(java.util.function.Predicate<Node<K, V>> visitor);

}
