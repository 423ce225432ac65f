package dev.trestle.core.balance;

/**
 * How a {@link LoadBalancer} chooses a node, with the cost of a pick (n live nodes). Every
 * algorithm chooses only among live nodes: those of the current {@link NodeSet} that outlier
 * ejection has not set aside.
 */
public enum BalancingAlgorithm {
  /** Each live node in turn, ignoring weights. O(1), lock-free (one atomic increment). */
  ROUND_ROBIN,
  /**
   * nginx's smooth weighted round robin: over any run of total-weight picks each node is picked
   * exactly its weight times, and the picks of heavy nodes are interleaved with the others instead
   * of coming in a block ({@code a a a a b c} becomes {@code a b a c a a}). O(n) under a short lock.
   */
  WEIGHTED_ROUND_ROBIN,
  /** A random node, drawn in proportion to the weights. O(log n), lock-free. */
  RANDOM,
  /**
   * The node with the fewest requests outstanding relative to its weight (ties broken at random, by
   * weight): the ideal greedy choice, at the price of reading every node. O(n), lock-free.
   */
  LEAST_OUTSTANDING,
  /**
   * The power of two choices (Mitzenmacher 2001; Envoy's least request, Finagle's P2C least
   * loaded): draws two distinct nodes in proportion to their weights and takes the one with fewer
   * requests outstanding relative to its weight. With n requests in flight on n nodes the busiest
   * carries O(log log n), against O(log n / log log n) for a random choice. O(log n), lock-free.
   */
  TWO_CHOICES,
  /**
   * The power of two choices on peak-EWMA cost (Finagle's and Linkerd's {@code PeakEwma}): a
   * node's cost is its latency estimate times (outstanding + 1), divided by its weight. The
   * estimate jumps up at once to a slower response (the peak) and otherwise decays towards recent
   * responses with the time constant {@link LoadBalancerConfig#decayTime()}; a node with requests
   * out but no response yet costs a large penalty, so a new node is tried but not flooded. Moves
   * traffic away from a slow node within a few of its responses. O(log n), lock-free reads.
   */
  PEAK_EWMA,
  /**
   * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam 2018) over a
   * {@link dev.trestle.core.hash.HashRing} of the nodes ({@link LoadBalancerConfig#ring()}): a
   * keyed pick goes to the first node in the key's preference order whose outstanding requests are
   * below {@code ceil((1 + loadFactor) x (total outstanding + 1) x weight / total weight)}, so a
   * hot key spills to its next node instead of overloading one. O(n): the load is summed at each
   * pick; the preference list is built only when a key's first node is full or ejected.
   */
  BOUNDED_LOAD_HASH,
  /**
   * Maglev hashing (Eisenbud et al. 2016, Envoy's {@code MAGLEV}): a keyed pick goes to the key's
   * node in a Maglev table of the nodes, or, if that node is ejected, to the next live node in its
   * preference order. O(1).
   */
  MAGLEV;

  /** Returns whether picks place keys ({@link LoadBalancer#pick(long)}) rather than ignore them. */
  public boolean keyed() {
    return this == BOUNDED_LOAD_HASH || this == MAGLEV;
  }
}
