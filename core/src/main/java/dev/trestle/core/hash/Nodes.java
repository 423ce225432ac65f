package dev.trestle.core.hash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The weighted nodes of a ring, held sorted by name so that every structure built from them is the
 * same whatever order they were added in. The insertion order is kept only for JUMP, whose bucket
 * numbers are positions.
 */
final class Nodes<N> {

  final Object[] nodes; // sorted by name
  final String[] names;
  final int[] weights;
  final long[] nameHashes;
  final long totalWeight;
  final List<N> insertionOrder;
  final Function<? super N, String> naming;

  private Nodes(List<String> sortedNames, Map<String, N> byName, Map<String, Integer> weightByName,
      List<N> insertionOrder, Function<? super N, String> naming) {
    int n = sortedNames.size();
    this.nodes = new Object[n];
    this.names = new String[n];
    this.weights = new int[n];
    this.nameHashes = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      String name = sortedNames.get(i);
      names[i] = name;
      nodes[i] = byName.get(name);
      weights[i] = weightByName.get(name);
      nameHashes[i] = Murmur3.hash64(name);
      total += weights[i];
    }
    this.totalWeight = total;
    this.insertionOrder = Collections.unmodifiableList(insertionOrder);
    this.naming = naming;
  }

  static <N> Nodes<N> of(Map<String, N> byName, Map<String, Integer> weights, Function<? super N, String> naming) {
    List<String> sorted = new ArrayList<>(byName.keySet());
    Collections.sort(sorted);
    return new Nodes<>(sorted, new java.util.HashMap<>(byName), new java.util.HashMap<>(weights),
        new ArrayList<>(byName.values()), naming);
  }

  int size() {
    return nodes.length;
  }

  @SuppressWarnings("unchecked")
  N node(int index) {
    return (N) nodes[index];
  }

  int indexOf(N node) {
    String name = naming.apply(node);
    int index = name == null ? -1 : Arrays.binarySearch(names, name);
    if (index < 0) {
      throw new IllegalArgumentException("the ring holds no node " + node);
    }
    return index;
  }

  Set<N> asSet() {
    Set<N> set = new LinkedHashSet<>();
    for (int i = 0; i < nodes.length; i++) {
      set.add(node(i));
    }
    return Collections.unmodifiableSet(set);
  }

  void requireNonEmpty() {
    if (nodes.length == 0) {
      throw new IllegalStateException("the ring has no nodes");
    }
  }

  void requireCount(int count) {
    requireNonEmpty();
    if (count < 1 || count > nodes.length) {
      throw new IllegalArgumentException("count must be between 1 and the number of nodes (" + nodes.length + "), was " + count);
    }
  }

  /** A builder holding these nodes, in insertion order, for with/without. */
  HashRingBuilder<N> toBuilder(HashAlgorithm algorithm) {
    HashRingBuilder<N> builder = new HashRingBuilder<N>(algorithm).nodeNames(naming);
    for (N node : insertionOrder) {
      builder.node(node, weights[indexOf(node)]);
    }
    return builder;
  }
}
