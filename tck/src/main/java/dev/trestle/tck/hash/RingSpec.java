package dev.trestle.tck.hash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@link HashRingTck} asks a factory to build: named nodes in the order they are to be
 * added, each with a weight (always 1 unless the ring declares {@link HashRingFeature#WEIGHTS}).
 * Immutable and thread-safe.
 */
public final class RingSpec {

  private final Map<String, Integer> weights;

  private RingSpec(Map<String, Integer> weights) {
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /** A spec of {@code nodes}, in this order, each at weight 1. */
  public static RingSpec of(List<String> nodes) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (String node : nodes) {
      if (weights.put(node, 1) != null) {
        throw new IllegalArgumentException("duplicate node " + node);
      }
    }
    return new RingSpec(weights);
  }

  /** A spec of the nodes of {@code weights}, in its iteration order, at its weights. */
  public static RingSpec weighted(Map<String, Integer> weights) {
    return new RingSpec(weights);
  }

  /** The node names, in the order they are to be added. */
  public List<String> nodes() {
    return new ArrayList<>(weights.keySet());
  }

  /** The weight of {@code node}. */
  public int weight(String node) {
    Integer weight = weights.get(node);
    if (weight == null) {
      throw new IllegalArgumentException("the spec has no node " + node);
    }
    return weight;
  }

  @Override
  public String toString() {
    return weights.size() <= 6 ? weights.toString() : weights.size() + " nodes";
  }
}
