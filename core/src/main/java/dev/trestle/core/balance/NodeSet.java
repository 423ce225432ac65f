package dev.trestle.core.balance;

import dev.trestle.core.internal.Arguments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes a {@link LoadBalancer} chooses among, each with a positive weight: an immutable
 * snapshot. A change of topology builds a new set ({@link #with}, {@link #without}) and hands it to
 * {@link LoadBalancer#update}; what the balancer learned about the nodes that stay is kept.
 *
 * <p>Nodes are compared with {@code equals}; a set holds each node once, in the order it was
 * added. An empty set is allowed (every server gone); a balancer over it has nothing to pick.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <N> the node type
 */
public final class NodeSet<N> {

  /** The largest weight a node may have. */
  public static final int MAX_WEIGHT = 1_000_000;

  private static final NodeSet<?> EMPTY = new NodeSet<>(List.of(), new int[0]);

  private final List<N> nodes;
  private final int[] weights;
  private final Map<N, Integer> index;
  private final long totalWeight;

  private NodeSet(List<N> nodes, int[] weights) {
    this.nodes = Collections.unmodifiableList(nodes);
    this.weights = weights;
    this.index = new HashMap<>(nodes.size() * 2);
    long total = 0;
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i), i);
      total += weights[i];
    }
    this.totalWeight = total;
  }

  /** Returns the empty set. */
  @SuppressWarnings("unchecked")
  public static <N> NodeSet<N> empty() {
    return (NodeSet<N>) EMPTY;
  }

  /**
   * Returns a set of {@code nodes}, each at weight 1.
   *
   * @throws NullPointerException if a node is null
   * @throws IllegalArgumentException if a node is given twice
   */
  @SafeVarargs
  public static <N> NodeSet<N> of(N... nodes) {
    Arguments.requireNonNull(nodes, "nodes");
    return of(List.of(nodes));
  }

  /**
   * Returns a set of {@code nodes}, each at weight 1, in the list's order.
   *
   * @throws NullPointerException if the list or a node is null
   * @throws IllegalArgumentException if a node is given twice
   */
  public static <N> NodeSet<N> of(List<? extends N> nodes) {
    Arguments.requireNonNull(nodes, "nodes");
    Builder<N> builder = builder();
    for (N node : nodes) {
      builder.node(node);
    }
    return builder.build();
  }

  /** Returns a builder of a set with weights. */
  public static <N> Builder<N> builder() {
    return new Builder<>();
  }

  /** Returns the nodes in the order they were added, as an unmodifiable list. */
  public List<N> nodes() {
    return nodes;
  }

  /** Returns the number of nodes. */
  public int size() {
    return nodes.size();
  }

  /** Returns whether the set holds no node. */
  public boolean isEmpty() {
    return nodes.isEmpty();
  }

  /** Returns whether the set holds {@code node}. */
  public boolean contains(Object node) {
    return node != null && index.containsKey(node);
  }

  /**
   * Returns the weight of {@code node}.
   *
   * @throws IllegalArgumentException if the set does not hold {@code node}
   */
  public int weight(N node) {
    Integer i = node == null ? null : index.get(node);
    if (i == null) {
      throw new IllegalArgumentException("node " + node + " is not in " + this);
    }
    return weights[i];
  }

  /** Returns the sum of the weights. */
  public long totalWeight() {
    return totalWeight;
  }

  /**
   * Returns a set with {@code node} added at {@code weight}, or with its weight changed if it is
   * already held.
   *
   * @throws NullPointerException if {@code node} is null
   * @throws IllegalArgumentException if {@code weight} is not between 1 and {@link #MAX_WEIGHT}
   */
  public NodeSet<N> with(N node, int weight) {
    Arguments.requireNonNull(node, "node");
    checkWeight(node, weight);
    Builder<N> builder = builder();
    boolean replaced = false;
    for (int i = 0; i < nodes.size(); i++) {
      boolean same = nodes.get(i).equals(node);
      builder.node(nodes.get(i), same ? weight : weights[i]);
      replaced |= same;
    }
    if (!replaced) {
      builder.node(node, weight);
    }
    return builder.build();
  }

  /**
   * Returns a set without {@code node}.
   *
   * @throws IllegalArgumentException if the set does not hold {@code node}
   */
  public NodeSet<N> without(N node) {
    if (!contains(node)) {
      throw new IllegalArgumentException("node " + node + " is not in " + this);
    }
    Builder<N> builder = builder();
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).equals(node)) {
        builder.node(nodes.get(i), weights[i]);
      }
    }
    return builder.build();
  }

  int weightAt(int i) {
    return weights[i];
  }

  int indexOf(Object node) {
    Integer i = index.get(node);
    return i == null ? -1 : i;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("NodeSet[");
    for (int i = 0; i < nodes.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(nodes.get(i));
      if (weights[i] != 1) {
        text.append('x').append(weights[i]);
      }
    }
    return text.append(']').toString();
  }

  private static void checkWeight(Object node, int weight) {
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException("weight of " + node + " must be between 1 and " + MAX_WEIGHT + ", was " + weight);
    }
  }

  /**
   * Builds a {@link NodeSet}; each call validates its arguments at once. Not thread-safe.
   *
   * @param <N> the node type
   */
  public static final class Builder<N> {
    private final List<N> nodes = new ArrayList<>();
    private final List<Integer> weights = new ArrayList<>();
    private final Map<N, Boolean> seen = new HashMap<>();

    private Builder() {}

    /** Adds {@code node} at weight 1. */
    public Builder<N> node(N node) {
      return node(node, 1);
    }

    /**
     * Adds {@code node} at {@code weight}.
     *
     * @throws NullPointerException if {@code node} is null
     * @throws IllegalArgumentException if {@code weight} is not between 1 and {@link #MAX_WEIGHT},
     *     or the node was already added
     */
    public Builder<N> node(N node, int weight) {
      Arguments.requireNonNull(node, "node");
      checkWeight(node, weight);
      if (seen.putIfAbsent(node, Boolean.TRUE) != null) {
        throw new IllegalArgumentException("node " + node + " was already added; each node is held once");
      }
      nodes.add(node);
      weights.add(weight);
      return this;
    }

    /** Returns the set. */
    public NodeSet<N> build() {
      int[] w = new int[weights.size()];
      for (int i = 0; i < w.length; i++) {
        w[i] = weights.get(i);
      }
      return new NodeSet<>(new ArrayList<>(nodes), w);
    }
  }
}
