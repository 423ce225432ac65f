package dev.trestle.core.hash;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Maps keys to nodes so that a change of nodes moves few keys: an immutable snapshot of a set of
 * weighted nodes and one placement algorithm ({@link HashAlgorithm}).
 *
 * <p><b>Contract</b> (checked by {@code dev.trestle.tck.hash.HashRingTck}):
 *
 * <ul>
 *   <li>Deterministic: the same key maps to the same node in every ring built from the same
 *       weighted nodes with the same algorithm and settings, whatever order the nodes were added in.
 *       Nodes are identified by their name ({@code String.valueOf(node)} unless the builder was
 *       given another naming), which must be unique.
 *   <li>Monotone: in the ring returned by {@link #with}, a key either keeps its node or moves to the
 *       added node; in the ring returned by {@link #without}, only the removed node's keys move
 *       (the jump algorithm can remove only its last node).
 *   <li>{@link #nodesFor} returns distinct nodes in preference order, its first element is
 *       {@link #nodeFor}, and the answer for {@code count} is a prefix of the one for
 *       {@code count + 1}.
 *   <li>Byte and character keys are hashed with {@link #keyHash(byte[])} (characters as UTF-8):
 *       {@link Murmur3#hash64(byte[])}, or ketama's MD5 hash for {@link HashAlgorithm#KETAMA}; so
 *       {@code nodeFor("k")}, {@code nodeFor("k".getBytes(UTF_8))} and
 *       {@code nodeFor(keyHash("k".getBytes(UTF_8)))} agree.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; lookups take no lock. A topology change builds a new
 * ring: publish it with one volatile write or {@code AtomicReference.set}.
 *
 * @param <N> the node type
 */
public interface HashRing<N> {

  /**
   * Returns the node for a key whose 64-bit hash is {@code keyHash}.
   *
   * @throws IllegalStateException if the ring has no nodes
   */
  N nodeFor(long keyHash);

  /**
   * Returns the node for {@code key}.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if the ring has no nodes
   */
  default N nodeFor(byte[] key) {
    return nodeFor(keyHash(key));
  }

  /**
   * Returns the hash this ring uses for {@code key}: {@link Murmur3#hash64(byte[])}, or for
   * {@link HashAlgorithm#KETAMA} the first little-endian 32-bit word of the key's MD5 (unsigned).
   * Precompute it once to look a key up in several rings of the same algorithm.
   *
   * @throws NullPointerException if {@code key} is null
   */
  default long keyHash(byte[] key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    return Murmur3.hash64(key);
  }

  /** Returns the node for the UTF-8 bytes of {@code key}. */
  default N nodeFor(CharSequence key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    return nodeFor(key.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns {@code count} distinct nodes for a key hash, in preference order (for replicas).
   *
   * @throws IllegalArgumentException if {@code count} is not between 1 and the number of nodes
   * @throws IllegalStateException if the ring has no nodes
   */
  List<N> nodesFor(long keyHash, int count);

  /** As {@link #nodesFor(long, int)} for {@code key}. */
  default List<N> nodesFor(byte[] key, int count) {
    return nodesFor(keyHash(key), count);
  }

  /** As {@link #nodesFor(long, int)} for the UTF-8 bytes of {@code key}. */
  default List<N> nodesFor(CharSequence key, int count) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    return nodesFor(key.toString().getBytes(StandardCharsets.UTF_8), count);
  }

  /** Returns the nodes, in no particular order. */
  Set<N> nodes();

  /**
   * Returns the weight of {@code node}.
   *
   * @throws IllegalArgumentException if the ring does not hold {@code node}
   */
  int weight(N node);

  /** Returns the algorithm that places keys. */
  HashAlgorithm algorithm();

  /**
   * Returns a ring with {@code node} added at weight 1.
   *
   * @throws IllegalArgumentException if the ring already holds a node of that name
   */
  default HashRing<N> with(N node) {
    return with(node, 1);
  }

  /**
   * Returns a ring with {@code node} added at {@code weight}.
   *
   * @throws IllegalArgumentException if {@code weight} is not positive, if the algorithm does not
   *     support weights and {@code weight} is not 1, or if a node of that name is already held
   */
  HashRing<N> with(N node, int weight);

  /**
   * Returns a ring without {@code node}.
   *
   * @throws IllegalArgumentException if the ring does not hold {@code node}, or the algorithm
   *     cannot remove it without renumbering (jump hash removes only its last node)
   */
  HashRing<N> without(N node);

  /**
   * Returns a builder for a ring placed by {@code algorithm}. The node type is fixed by
   * {@link HashRingBuilder#build()}'s assignment, or up front with {@code HashRing.<Node>builder(...)}.
   */
  static <N> HashRingBuilder<N> builder(HashAlgorithm algorithm) {
    return new HashRingBuilder<>(algorithm);
  }

  /** Returns a virtual-node ring of {@code nodes} with the default settings. */
  @SafeVarargs
  static <N> HashRing<N> of(N... nodes) {
    HashRingBuilder<N> builder = builder(HashAlgorithm.VIRTUAL_NODES);
    for (N node : nodes) {
      builder.node(node);
    }
    return builder.build();
  }
}
