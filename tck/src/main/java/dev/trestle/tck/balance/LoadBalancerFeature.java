package dev.trestle.tck.balance;

/** Optional capabilities a balancer under the {@link LoadBalancerTck} may declare. */
public enum LoadBalancerFeature {
  /**
   * Follows the weights in the long run: with every request reported at once, each node's share of
   * the picks is its share of the weight, within {@link LoadBalancerTck#weightTolerance()}.
   */
  WEIGHTED,
  /**
   * Chooses by load in the manner of the power of two choices: never the busier of the nodes it
   * compares, so a node with strictly more requests outstanding than every other is never picked.
   */
  LOAD_AWARE,
  /** Always picks a node with the fewest requests outstanding (equal weights). */
  LEAST_LOADED,
  /** Sends fewer requests to a node that answers more slowly. */
  LATENCY_AWARE,
  /**
   * Ejects a node after {@link BalancerSpec#consecutiveFailures()} failures in a row for the spec's
   * back-off on the spec's ticker, growing with repeated ejections, capped by
   * {@link BalancerSpec#maxEjectionPercent()}.
   */
  EJECTION,
  /** Sends a key to the same node while no request is outstanding and the set does not change. */
  KEYED
}
