package dev.trestle.core.balance;

import java.util.List;

/**
 * BOUNDED_LOAD_HASH and MAGLEV: a key goes to its first node on the view's ring that is live and,
 * with a load factor, below its bounded share of the outstanding requests. Most keys are settled by
 * the ring's allocation-free {@code nodeFor}; the preference list is built only when the first node
 * is ejected or full.
 */
final class HashChooser implements Chooser {

  private final double loadFactor; // NaN: no bound (MAGLEV)

  HashChooser(double loadFactor) {
    this.loadFactor = loadFactor;
  }

  @Override
  public int choose(View<?> view, long keyHash, long now) {
    @SuppressWarnings("unchecked")
    View<Object> v = (View<Object>) view;
    long total = Double.isNaN(loadFactor) ? 0 : totalOutstanding(v);
    int first = v.set.indexOf(v.ring.nodeFor(keyHash));
    if (fits(v, first, total)) {
      return first;
    }
    List<Object> preference = v.ring.nodesFor(keyHash, v.states.length);
    int fallback = -1;
    for (Object node : preference) {
      int i = v.set.indexOf(node);
      if (fits(v, i, total)) {
        return i;
      }
      if (fallback < 0 && v.isLive[i]) {
        fallback = i;
      }
    }
    return fallback; // every live node at its bound: only possible while reports race picks
  }

  private boolean fits(View<Object> v, int i, long total) {
    if (!v.isLive[i]) {
      return false;
    }
    if (Double.isNaN(loadFactor)) {
      return true;
    }
    double capacity = Math.ceil((1 + loadFactor) * (total + 1) * v.weight(i) / (double) v.liveWeight);
    return v.states[i].outstanding.get() < capacity;
  }

  private static long totalOutstanding(View<Object> v) {
    long total = 0;
    for (int i : v.live) {
      total += v.states[i].outstanding.get();
    }
    return total;
  }
}
