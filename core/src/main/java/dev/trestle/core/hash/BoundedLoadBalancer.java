package dev.trestle.core.hash;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, SODA 2018): each
 * assignment goes to the first node in the key's preference order whose current load is below
 * {@code ceil((1 + epsilon) x (total load + 1) / n)}, so no node ever carries more than
 * (1 + epsilon) times the average of the load it is given, plus one. Hot keys spill over to their
 * next-preferred nodes instead of overloading one; a key's assignments stay as stable as the bound
 * allows.
 *
 * <p>Load is what the caller says it is: {@link #assign} adds one unit to the chosen node and
 * {@link #release} removes it when the work ends. The ring is fixed for the balancer's life.
 *
 * <p>Thread-safe and lock-free: each node's load is taken with compare-and-set against a capacity
 * computed from the total load, so concurrent assignments never push a node past the capacity
 * they computed. Capacity follows the total; while releases run concurrently a node may briefly
 * sit above the bound for the lowered total, as it would after any release.
 *
 * @param <N> the node type
 */
public final class BoundedLoadBalancer<N> {

  private final HashRing<N> ring;
  private final List<N> order;
  private final double epsilon;
  private final AtomicLongArray loads;
  private final AtomicLong total = new AtomicLong();
  private final java.util.Map<N, Integer> index = new java.util.HashMap<>();

  /**
   * Creates a balancer over {@code ring} with the given {@code epsilon}.
   *
   * @throws IllegalArgumentException if {@code epsilon} is not positive or the ring is empty
   */
  public BoundedLoadBalancer(HashRing<N> ring, double epsilon) {
    if (ring == null) {
      throw new NullPointerException("ring must not be null");
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be a positive number, was " + epsilon);
    }
    if (ring.nodes().isEmpty()) {
      throw new IllegalArgumentException("ring must have at least one node");
    }
    this.ring = ring;
    this.order = List.copyOf(ring.nodes());
    this.epsilon = epsilon;
    this.loads = new AtomicLongArray(order.size());
    for (int i = 0; i < order.size(); i++) {
      index.put(order.get(i), i);
    }
  }

  /**
   * Assigns one unit of load for the key with hash {@code keyHash} (as {@link HashRing#keyHash}
   * gives it) and returns its node: the first node in the key's preference order that is below
   * capacity.
   */
  public N assign(long keyHash) {
    int n = order.size();
    long seenTotal = total.get();
    while (true) {
      long capacity = (long) Math.ceil((1 + epsilon) * (seenTotal + 1) / n);
      N chosen = tryAssign(keyHash, capacity);
      if (chosen != null) {
        total.incrementAndGet();
        return chosen;
      }
      // Every node looked full: the total we read was stale (other assignments in flight). The
      // loads themselves are exact; their sum gives a capacity that some node must be below.
      long sum = 0;
      for (int i = 0; i < n; i++) {
        sum += loads.get(i);
      }
      seenTotal = Math.max(sum, total.get());
    }
  }

  /** Takes one unit on the first node in the key's preference order whose load is below {@code capacity}. */
  private N tryAssign(long keyHash, long capacity) {
    int n = order.size();
    // Most keys take their first choice: widen the preference list only when needed (each list is
    // a prefix of the next, so no candidate is skipped or checked twice).
    int checked = 0;
    for (int want = 1; checked < n; want = Math.min(n, want * 4)) {
      List<N> preference = want == 1 ? List.of(ring.nodeFor(keyHash)) : ring.nodesFor(keyHash, want);
      for (int k = checked; k < preference.size(); k++) {
        N candidate = preference.get(k);
        int i = index.get(candidate);
        // CAS, so racing assignments cannot both take a node's last unit of capacity.
        for (long load = loads.get(i); load < capacity; load = loads.get(i)) {
          if (loads.compareAndSet(i, load, load + 1)) {
            return candidate;
          }
        }
      }
      checked = preference.size();
    }
    return null;
  }

  /** Assigns one unit of load for the UTF-8 bytes of {@code key}. */
  public N assign(CharSequence key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    return assign(ring.keyHash(key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Removes one unit of load from {@code node}.
   *
   * @throws IllegalArgumentException if the node is unknown or carries no load
   */
  public void release(N node) {
    Integer i = index.get(node);
    if (i == null) {
      throw new IllegalArgumentException("unknown node " + node);
    }
    long now = loads.getAndUpdate(i, v -> v > 0 ? v - 1 : v);
    if (now <= 0) {
      throw new IllegalArgumentException("node " + node + " carries no load to release");
    }
    total.decrementAndGet();
  }

  /** Returns the current load of {@code node}. */
  public long load(N node) {
    Integer i = index.get(node);
    if (i == null) {
      throw new IllegalArgumentException("unknown node " + node);
    }
    return loads.get(i);
  }

  /** Returns the total current load. */
  public long totalLoad() {
    return total.get();
  }

  /** Returns epsilon. */
  public double epsilon() {
    return epsilon;
  }
}
