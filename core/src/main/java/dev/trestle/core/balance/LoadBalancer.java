package dev.trestle.core.balance;

import dev.trestle.core.hash.Murmur3;
import java.nio.charset.StandardCharsets;

/**
 * Chooses the node for each request among a replaceable {@link NodeSet}, and learns from what the
 * caller reports back: the requests outstanding on each node, each node's latency, and failures.
 *
 * <p><b>Protocol.</b> {@link #pick()} (or {@link #pick(long)} for a keyed request) chooses a node
 * and counts a request outstanding on it; when the request ends, the caller reports exactly one of
 * {@link #onSuccess}, {@link #onFailure} or {@link #onCancel} for that node. Picks and reports
 * allocate nothing (keyed algorithms may allocate when a key's first node is ejected or full):
 * the node itself is the handle, so a balancer sits on the hottest path of a client.
 *
 * <p><b>Contract</b> (checked by {@code dev.trestle.tck.balance.LoadBalancerTck}):
 *
 * <ul>
 *   <li>A pick returns a node of the current set that is not ejected; after {@link #update}
 *       returns, no pick returns a node the new set does not hold.
 *   <li>Outstanding counts are exact: a pick adds one to its node, a report takes one away (never
 *       below zero), whatever the threads. A report for a node the set no longer holds is ignored.
 *       {@link #update} keeps the counts, latencies and ejections of the nodes that stay.
 *   <li>Outlier ejection (when {@link LoadBalancerConfig#consecutiveFailures()} is positive): a
 *       node whose last {@code consecutiveFailures} reports were failures is not picked until its
 *       ejection time has passed on the config's ticker, then is picked again; a success resets the
 *       count. At most {@link LoadBalancerConfig#maxEjectionPercent()} of the nodes (at least one,
 *       never the last live node) are ejected at once; a node over that cap keeps taking requests.
 *   <li>Each algorithm keeps the promise of its {@link BalancingAlgorithm} constant.
 * </ul>
 *
 * <p>Thread-safe: any thread may pick, report or update at any time.
 *
 * @param <N> the node type
 */
public interface LoadBalancer<N> {

  /**
   * Chooses a node for a request and counts the request outstanding on it. Keyed algorithms place
   * an unkeyed request as if for a random key.
   *
   * @throws IllegalStateException if the set is empty
   */
  N pick();

  /**
   * Chooses a node for a request with the 64-bit key hash {@code keyHash} and counts the request
   * outstanding on it. Algorithms that are not {@linkplain BalancingAlgorithm#keyed() keyed} ignore
   * the key.
   *
   * @throws IllegalStateException if the set is empty
   */
  N pick(long keyHash);

  /**
   * Chooses a node for a request keyed by the UTF-8 bytes of {@code key}, hashed with
   * {@link Murmur3#hash64(byte[])}. Allocates the bytes; precompute the hash on a hot path.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if the set is empty
   */
  default N pick(CharSequence key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    return pick(Murmur3.hash64(key.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Reports that a request picked for {@code node} succeeded after {@code latencyNanos}: ends it,
   * feeds the latency estimate and resets the node's count of failures in a row.
   *
   * @throws NullPointerException if {@code node} is null
   * @throws IllegalArgumentException if {@code latencyNanos} is negative
   */
  void onSuccess(N node, long latencyNanos);

  /**
   * Reports that a request picked for {@code node} failed after {@code latencyNanos}: ends it,
   * feeds the latency estimate and counts a failure in a row, which may eject the node.
   *
   * @throws NullPointerException if {@code node} is null
   * @throws IllegalArgumentException if {@code latencyNanos} is negative
   */
  void onFailure(N node, long latencyNanos);

  /**
   * Reports that a request picked for {@code node} ended without an outcome that says anything
   * about the node (cancelled by the caller, refused before it was sent): ends it, and nothing else.
   *
   * @throws NullPointerException if {@code node} is null
   */
  void onCancel(N node);

  /**
   * Replaces the node set. Nodes that stay keep what the balancer learned about them; new nodes
   * start with no requests, no latency estimate and no failures.
   *
   * @throws NullPointerException if {@code nodes} is null
   * @throws IllegalArgumentException if a keyed algorithm cannot place the nodes (two nodes with
   *     the same {@code String.valueOf} name)
   */
  void update(NodeSet<N> nodes);

  /** Returns the current node set. */
  NodeSet<N> nodes();

  /** Returns the requests outstanding on {@code node}; 0 for a node the set does not hold. */
  int outstanding(N node);

  /** Returns whether {@code node} is ejected now; false for a node the set does not hold. */
  boolean isEjected(N node);

  /** Returns the algorithm. */
  BalancingAlgorithm algorithm();

  /**
   * Returns a balancer over {@code nodes} with {@code config}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #update} does
   */
  static <N> LoadBalancer<N> of(NodeSet<N> nodes, LoadBalancerConfig config) {
    return new DefaultLoadBalancer<>(nodes, config);
  }

  /** Returns a balancer over {@code nodes} with the default config (peak EWMA, outlier ejection on). */
  static <N> LoadBalancer<N> of(NodeSet<N> nodes) {
    return of(nodes, LoadBalancerConfig.builder().build());
  }
}
