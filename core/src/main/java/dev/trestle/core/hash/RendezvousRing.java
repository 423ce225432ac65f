package dev.trestle.core.hash;

import java.util.List;

/**
 * Weighted rendezvous hashing: each node scores {@code -weight / ln(u)} where u in (0, 1) is drawn
 * from {@code fmix64(keyHash ^ nameHash)}; the highest score wins. With equal weights this is plain
 * highest-random-weight; the logarithmic form keeps a node's share exactly proportional to its
 * weight and the assignment monotone.
 */
final class RendezvousRing<N> extends AbstractRing<N> {

  RendezvousRing(Nodes<N> nodes) {
    super(nodes);
  }

  static double score(long keyHash, long nameHash, int weight) {
    long mixed = Murmur3.fmix64(keyHash ^ nameHash);
    double u = ((mixed >>> 11) + 0.5) * 0x1.0p-53; // in (0, 1), never 0 or 1
    return -weight / Math.log(u);
  }

  @Override
  HashRingBuilder<N> emptyBuilder() {
    return new HashRingBuilder<>(HashAlgorithm.RENDEZVOUS);
  }

  @Override
  public HashAlgorithm algorithm() {
    return HashAlgorithm.RENDEZVOUS;
  }

  @Override
  public N nodeFor(long keyHash) {
    nodes.requireNonEmpty();
    return nodes.node(best(keyHash));
  }

  private int best(long keyHash) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < nodes.size(); i++) {
      double score = score(keyHash, nodes.nameHashes[i], nodes.weights[i]);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  @Override
  public List<N> nodesFor(long keyHash, int count) {
    nodes.requireCount(count);
    return rendezvousAfter(best(keyHash), keyHash, count);
  }
}
