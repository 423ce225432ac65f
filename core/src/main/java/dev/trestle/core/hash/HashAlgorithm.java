package dev.trestle.core.hash;

/**
 * The placement algorithms behind {@link HashRing}, with their costs (n nodes, v virtual nodes per
 * unit of weight, W total weight).
 */
public enum HashAlgorithm {
  /**
   * Consistent hashing on a ring of virtual nodes (Karger et al. 1997): each node owns
   * {@code v x weight} points on a 64-bit circle, a key goes to the owner of the first point at or
   * after its hash. Lookup O(1) expected: a bucket index over the sorted {@code long[]} of points
   * leaves about two points to compare (measured: 6-21 ns at 10-10,000 nodes, faster than jump
   * hash). Memory about 13 bytes per point (2-3 KB per node at v = 160); building 10,000 nodes
   * takes about 0.2 s. With v = 160 the most loaded of 100 nodes carries about 1.2x the mean.
   * Monotone; any node can be removed; a removed node's keys go to their next node in preference
   * order.
   */
  VIRTUAL_NODES,
  /**
   * The libketama continuum of memcached clients (libketama, libmemcached with
   * {@code MEMCACHED_BEHAVIOR_KETAMA}, spymemcached's {@code KetamaNodeLocator}): MD5 points,
   * 160 per node by default (the {@code virtualNodes} setting, a multiple of 4), keys hashed with
   * MD5 ({@link HashRing#keyHash}), so a ring of nodes named {@code "host:port"} routes every key
   * to the same server as those clients. Lookup and memory as for VIRTUAL_NODES, plus an MD5 of
   * each byte or character key; building costs 40 MD5 digests per node; balance as for
   * VIRTUAL_NODES; monotone when all weights are equal. With unequal weights it follows
   * libketama's formula, in which adding a node changes every node's point count.
   */
  KETAMA,
  /**
   * Rendezvous or highest-random-weight hashing (Thaler and Ravishankar 1996), weighted by the
   * logarithmic method (score = -weight / ln(u)): the key goes to the node with the highest score.
   * Lookup O(n); memory O(n); near-perfect balance; monotone; preference lists are the next
   * highest scores.
   */
  RENDEZVOUS,
  /**
   * Maglev hashing (Eisenbud et al., NSDI 2016): a lookup table of M slots (a prime, by default
   * {@value HashRingBuilder#DEFAULT_MAGLEV_TABLE}, see {@link HashRingBuilder#maglevTableSize})
   * filled from per-node permutations. Lookup O(1); memory 2M bytes (at most 65,535 nodes);
   * balance within a few percent. Only nearly monotone: a change also moves some keys between
   * nodes it does not touch, more the fewer slots each node has (measured at 100 nodes: about
   * 1.1 x the ideal 1/n moved with 6,500 slots per node, 2.5 x with 650). Preference lists beyond the first node follow rendezvous order, so a key's second node is
   * not where it goes when its first is removed.
   */
  MAGLEV,
  /**
   * Jump consistent hash (Lamping and Veach 2014) for numbered buckets: no memory beyond the node
   * list, lookup O(ln n), perfect balance and monotone, but nodes can only be added or removed at
   * the end and carry no weights.
   */
  JUMP
}
