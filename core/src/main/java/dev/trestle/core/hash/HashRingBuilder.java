package dev.trestle.core.hash;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds an immutable {@link HashRing}; each setter validates its argument at once. Not thread-safe.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>applies to</th></tr>
 *   <tr><td>{@code virtualNodes}</td><td>{@value #DEFAULT_VIRTUAL_NODES} per unit of weight</td>
 *       <td>VIRTUAL_NODES; for KETAMA points per node, a multiple of 4</td></tr>
 *   <tr><td>{@code maglevTableSize}</td><td>{@value #DEFAULT_MAGLEV_TABLE} slots (1.3 MB), whatever
 *       the nodes: a ring keeps its table size through {@code with}/{@code without}</td><td>MAGLEV</td></tr>
 *   <tr><td>{@code nodeNames}</td><td>{@code String::valueOf}</td><td>all: the identity hashed
 *       for a node, which must be unique</td></tr>
 * </table>
 *
 * @param <N> the node type
 */
public final class HashRingBuilder<N> {

  /** Virtual nodes per unit of weight: the 160 that ketama-style clients use. */
  public static final int DEFAULT_VIRTUAL_NODES = 160;
  /**
   * The default Maglev table size, a prime (one of the sizes of the Maglev paper). It must not
   * depend on the nodes: rings of different table sizes route almost every key differently. It
   * suits up to about 6,500 units of total weight (100 slots each); at 100 nodes a change moves
   * about 1.1 x the ideal share of keys.
   */
  public static final int DEFAULT_MAGLEV_TABLE = 655_373;

  private final HashAlgorithm algorithm;
  private final Map<String, Integer> weights = new LinkedHashMap<>();
  private final Map<String, N> byName = new LinkedHashMap<>();
  private int virtualNodes = DEFAULT_VIRTUAL_NODES;
  private int maglevTableSize = DEFAULT_MAGLEV_TABLE;
  private Function<? super N, String> nodeNames = String::valueOf;

  HashRingBuilder(HashAlgorithm algorithm) {
    if (algorithm == null) {
      throw new NullPointerException("algorithm must not be null");
    }
    this.algorithm = algorithm;
  }

  /**
   * Sets how nodes are named: the name is what is hashed, so it must be stable and unique. Set it
   * before adding nodes.
   *
   * @throws IllegalStateException if nodes were already added
   */
  public HashRingBuilder<N> nodeNames(Function<? super N, String> nodeNames) {
    if (nodeNames == null) {
      throw new NullPointerException("nodeNames must not be null");
    }
    if (!byName.isEmpty()) {
      throw new IllegalStateException("set nodeNames before adding nodes");
    }
    this.nodeNames = nodeNames;
    return this;
  }

  /** Adds {@code node} at weight 1. */
  public HashRingBuilder<N> node(N node) {
    return node(node, 1);
  }

  /**
   * Adds {@code node} at {@code weight}.
   *
   * @throws NullPointerException if {@code node} is null
   * @throws IllegalArgumentException if {@code weight} is not positive, if the algorithm takes no
   *     weights and it is not 1, or if a node of the same name was added
   */
  public HashRingBuilder<N> node(N node, int weight) {
    if (node == null) {
      throw new NullPointerException("node must not be null");
    }
    if (weight <= 0) {
      throw new IllegalArgumentException("weight must be positive, was " + weight + " for node " + node);
    }
    if (algorithm == HashAlgorithm.JUMP && weight != 1) {
      throw new IllegalArgumentException("JUMP takes no weights: weight must be 1, was " + weight + " for node " + node);
    }
    String name = nodeNames.apply(node);
    if (name == null) {
      throw new NullPointerException("nodeNames returned null for node " + node);
    }
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("duplicate node: a node named \"" + name + "\" was already added");
    }
    byName.put(name, node);
    weights.put(name, weight);
    return this;
  }

  /**
   * Sets the virtual nodes per unit of weight (VIRTUAL_NODES), or the points per node (KETAMA, a
   * multiple of 4, checked by {@link #build}).
   *
   * @throws IllegalArgumentException if not between 1 and 10,000
   */
  public HashRingBuilder<N> virtualNodes(int perWeight) {
    if (perWeight < 1 || perWeight > 10_000) {
      throw new IllegalArgumentException("virtualNodes must be between 1 and 10000, was " + perWeight);
    }
    this.virtualNodes = perWeight;
    return this;
  }

  /**
   * Sets the Maglev lookup table size M (MAGLEV only); 0 picks {@link #DEFAULT_MAGLEV_TABLE}. Choose
   * a prime at least 100 times the largest total weight the ring will hold, and keep it: every ring
   * that must route alike needs the same M. {@link #build} rejects an M below the total weight.
   *
   * @throws IllegalArgumentException if not 0 and not a prime between 7 and 2^26
   */
  public HashRingBuilder<N> maglevTableSize(int size) {
    if (size != 0 && (size < 7 || size > (1 << 26) || !Primes.isPrime(size))) {
      throw new IllegalArgumentException("maglevTableSize must be a prime between 7 and 2^26 (or 0 for the default), was " + size);
    }
    this.maglevTableSize = size == 0 ? DEFAULT_MAGLEV_TABLE : size;
    return this;
  }

  /**
   * Returns the ring. A ring with no nodes is valid; its lookups throw IllegalStateException.
   *
   * <p>The ring's node type is inferred from the assignment, as Caffeine's builder does, so that
   * {@code HashRing<String> ring = HashRing.builder(VIRTUAL_NODES).node("a").build()} compiles; the
   * caller guarantees every node added is an {@code M}.
   *
   * @param <M> the node type of the ring
   */
  @SuppressWarnings("unchecked")
  public <M extends N> HashRing<M> build() {
    return (HashRing<M>) buildRing();
  }

  private HashRing<N> buildRing() {
    Nodes<N> nodes = Nodes.of(byName, weights, nodeNames);
    switch (algorithm) {
      case VIRTUAL_NODES:
        return new VirtualNodeRing<>(nodes, virtualNodes);
      case KETAMA:
        if (virtualNodes % 4 != 0) {
          throw new IllegalArgumentException("virtualNodes must be a multiple of 4 for KETAMA (each MD5 digest gives 4 points), was " + virtualNodes);
        }
        return new KetamaRing<>(nodes, virtualNodes);
      case RENDEZVOUS:
        return new RendezvousRing<>(nodes);
      case MAGLEV:
        return new MaglevRing<>(nodes, maglevTableSize);
      case JUMP:
        return new JumpRing<>(nodes);
      default:
        throw new IllegalStateException("unknown algorithm " + algorithm);
    }
  }
}
