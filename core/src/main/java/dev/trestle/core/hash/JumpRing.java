package dev.trestle.core.hash;

import java.util.ArrayList;
import java.util.List;

/**
 * Jump consistent hash over the nodes in the order they were added: node k is bucket k. Only the
 * last node can be removed (removing another would renumber the buckets after it). Preference lists
 * re-hash the key until enough distinct buckets are drawn.
 */
final class JumpRing<N> extends AbstractRing<N> {

  JumpRing(Nodes<N> nodes) {
    super(nodes);
  }

  /**
   * Lamping and Veach's jump consistent hash: the bucket in [0, buckets) for {@code key}.
   *
   * @throws IllegalArgumentException if {@code buckets} is not positive
   */
  static int bucket(long key, int buckets) {
    if (buckets <= 0) {
      throw new IllegalArgumentException("buckets must be positive, was " + buckets);
    }
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }

  @Override
  HashRingBuilder<N> emptyBuilder() {
    return new HashRingBuilder<>(HashAlgorithm.JUMP);
  }

  @Override
  public HashAlgorithm algorithm() {
    return HashAlgorithm.JUMP;
  }

  @Override
  public N nodeFor(long keyHash) {
    nodes.requireNonEmpty();
    return nodes.insertionOrder.get(bucket(keyHash, nodes.size()));
  }

  @Override
  public List<N> nodesFor(long keyHash, int count) {
    nodes.requireCount(count);
    int n = nodes.size();
    List<N> result = new ArrayList<>(count);
    boolean[] taken = new boolean[n];
    long hash = keyHash;
    while (result.size() < count) {
      int b = bucket(hash, n);
      if (!taken[b]) {
        taken[b] = true;
        result.add(nodes.insertionOrder.get(b));
      }
      hash = Murmur3.fmix64(hash + 0x9E3779B97F4A7C15L);
    }
    return result;
  }

  @Override
  public HashRing<N> without(N node) {
    nodes.indexOf(node);
    N last = nodes.insertionOrder.get(nodes.size() - 1);
    if (!nodes.naming.apply(last).equals(nodes.naming.apply(node))) {
      throw new IllegalArgumentException("JUMP can only remove its last node (" + last + "), not " + node
          + ": removing another would renumber the buckets after it and move most keys");
    }
    return super.without(node);
  }
}
