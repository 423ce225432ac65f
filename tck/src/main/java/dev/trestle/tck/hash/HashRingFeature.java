package dev.trestle.tck.hash;

/** Optional capabilities a ring under the {@link HashRingTck} may declare. */
public enum HashRingFeature {
  /** Maps keys the same whatever order its nodes were added in (jump-style numbered buckets do not). */
  ORDER_INDEPENDENT,
  /**
   * Strictly monotone: adding a node moves keys only to it, removing one moves only its keys
   * (Maglev is only nearly so, and declares only the moved-fraction bound).
   */
  MONOTONE,
  /** Any node can be removed, not only the last one added. */
  ARBITRARY_REMOVAL,
  /**
   * Removing a key's node sends the key to its second node in preference order, so replicas placed
   * with {@code nodesFor} are where the key goes next.
   */
  REPLICA_FAILOVER,
  /** Takes node weights other than 1 and gives each node a share of keys in proportion to its weight. */
  WEIGHTS,
  /** Routes keys exactly as libketama-based memcached clients do, for nodes named {@code host:port}. */
  KETAMA,
  /**
   * Hashes byte and character keys (characters as UTF-8) with the first 64 bits of
   * MurmurHash3_x64_128, seed 0, as {@code HashRing.keyHash} specifies for every algorithm but
   * ketama (HASH-10.1).
   */
  MURMUR3_KEYS,
  /**
   * Places hashes exactly as a published algorithm does, given what the algorithm leaves to the
   * implementation: the ring returns that {@link RingReference} from
   * {@link HashRingTck#reference()} (HASH-10.2).
   */
  REFERENCE_PLACEMENT
}
