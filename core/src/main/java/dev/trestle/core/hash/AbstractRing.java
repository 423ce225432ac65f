package dev.trestle.core.hash;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What every algorithm shares: the nodes, weights, and with/without by rebuilding. */
abstract class AbstractRing<N> implements HashRing<N> {

  final Nodes<N> nodes;

  AbstractRing(Nodes<N> nodes) {
    this.nodes = nodes;
  }

  /** A builder with this ring's algorithm settings and no nodes. */
  abstract HashRingBuilder<N> emptyBuilder();

  @Override
  public Set<N> nodes() {
    return nodes.asSet();
  }

  @Override
  public int weight(N node) {
    return nodes.weights[nodes.indexOf(node)];
  }

  @Override
  public HashRing<N> with(N node, int weight) {
    HashRingBuilder<N> builder = emptyBuilder().nodeNames(nodes.naming);
    for (N existing : nodes.insertionOrder) {
      builder.node(existing, weight(existing));
    }
    return builder.node(node, weight).build();
  }

  @Override
  public HashRing<N> without(N node) {
    nodes.indexOf(node);
    String removed = nodes.naming.apply(node);
    HashRingBuilder<N> builder = emptyBuilder().nodeNames(nodes.naming);
    for (N existing : nodes.insertionOrder) {
      if (!nodes.naming.apply(existing).equals(removed)) {
        builder.node(existing, weight(existing));
      }
    }
    return builder.build();
  }

  /** Preference order by descending rendezvous score, after {@code first}. */
  List<N> rendezvousAfter(int first, long keyHash, int count) {
    List<N> result = new ArrayList<>(count);
    result.add(nodes.node(first));
    boolean[] taken = new boolean[nodes.size()];
    taken[first] = true;
    while (result.size() < count) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < nodes.size(); i++) {
        if (!taken[i]) {
          double score = RendezvousRing.score(keyHash, nodes.nameHashes[i], nodes.weights[i]);
          if (score > bestScore) {
            bestScore = score;
            best = i;
          }
        }
      }
      taken[best] = true;
      result.add(nodes.node(best));
    }
    return result;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + nodes.size() + " nodes, total weight " + nodes.totalWeight + "]";
  }
}
