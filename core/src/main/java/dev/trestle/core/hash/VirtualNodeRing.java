package dev.trestle.core.hash;

import java.util.List;

/**
 * Virtual-node consistent hashing. Point j of a node is {@code fmix64(nameHash + j * golden)}; the
 * points of all nodes sit in one sorted {@code long[]} (signed order, wrapping from
 * {@code Long.MAX_VALUE} to {@code Long.MIN_VALUE}) with a parallel {@code int[]} of owners.
 */
final class VirtualNodeRing<N> extends AbstractRing<N> {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final int virtualNodes;
  private final Continuum continuum;

  VirtualNodeRing(Nodes<N> nodes, int virtualNodes) {
    super(nodes);
    this.virtualNodes = virtualNodes;
    int total = 0;
    for (int w : nodes.weights) {
      total = Math.addExact(total, Math.multiplyExact(w, virtualNodes));
    }
    long[] points = new long[total];
    int[] owners = new int[total];
    int k = 0;
    for (int i = 0; i < nodes.size(); i++) {
      int count = nodes.weights[i] * virtualNodes;
      for (int j = 0; j < count; j++) {
        points[k] = Murmur3.fmix64(nodes.nameHashes[i] + j * GOLDEN);
        owners[k++] = i;
      }
    }
    this.continuum = Continuum.sorted(points, owners, 0x1p64);
  }

  @Override
  HashRingBuilder<N> emptyBuilder() {
    return new HashRingBuilder<N>(HashAlgorithm.VIRTUAL_NODES).virtualNodes(virtualNodes);
  }

  @Override
  public HashAlgorithm algorithm() {
    return HashAlgorithm.VIRTUAL_NODES;
  }

  @Override
  public N nodeFor(long keyHash) {
    nodes.requireNonEmpty();
    return nodes.node(continuum.ownerOf(keyHash));
  }

  @Override
  public List<N> nodesFor(long keyHash, int count) {
    nodes.requireCount(count);
    return continuum.walk(keyHash, count, nodes);
  }

  /** The fraction of the hash circle each node owns, in node (name) order: exact load for uniform keys. */
  double[] arcShares() {
    return continuum.arcShares(nodes.size());
  }

  int pointCount() {
    return continuum.size();
  }
}
