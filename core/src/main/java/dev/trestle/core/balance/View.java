package dev.trestle.core.balance;

import dev.trestle.core.hash.HashRing;

/**
 * One immutable state of a balancer's topology: the node set, each node's state, which nodes are
 * live (not ejected) with their cumulative weights for weighted draws, the ring of the keyed
 * algorithms, and when the next ejected node returns. A new view is published whenever the set
 * changes, a node is ejected or an ejected node returns; picks read the current one without a lock.
 */
final class View<N> {

  final NodeSet<N> set;
  final NodeState[] states;
  final HashRing<N> ring; // null unless the algorithm is keyed
  final int[] live; // indexes into set/states, in set order
  final boolean[] isLive;
  final long[] cumulativeWeight; // over live: cumulativeWeight[k] = weights of live[0..k]
  final long liveWeight;
  final boolean equalWeights;
  final long nextReturn; // ticker time at which the first ejected node returns
  final boolean anyEjected;
  final long[] smoothCurrent; // WEIGHTED_ROUND_ROBIN's running weights, guarded by its lock

  View(NodeSet<N> set, NodeState[] states, HashRing<N> ring) {
    this.set = set;
    this.states = states;
    this.ring = ring;
    int n = states.length;
    int liveCount = 0;
    long next = 0;
    boolean any = false;
    this.isLive = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (states[i].ejected) {
        long until = states[i].ejectedUntil;
        if (!any || until - next < 0) {
          next = until;
        }
        any = true;
      } else {
        isLive[i] = true;
        liveCount++;
      }
    }
    this.anyEjected = any;
    this.nextReturn = next;
    this.live = new int[liveCount];
    this.cumulativeWeight = new long[liveCount];
    long total = 0;
    boolean equal = true;
    int first = -1;
    for (int i = 0, k = 0; i < n; i++) {
      if (isLive[i]) {
        int w = set.weightAt(i);
        first = first < 0 ? w : first;
        equal &= w == first;
        total += w;
        live[k] = i;
        cumulativeWeight[k++] = total;
      }
    }
    this.liveWeight = total;
    this.equalWeights = equal;
    this.smoothCurrent = new long[n];
  }

  int weight(int i) {
    return set.weightAt(i);
  }

  /** Returns the live index k whose cumulative weight range holds {@code point} (0 &le; point &lt; liveWeight). */
  int liveAtWeight(long point) {
    int lo = 0;
    int hi = live.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeWeight[mid] > point) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
