package dev.trestle.core.balance;

/**
 * TWO_CHOICES and PEAK_EWMA: draw two distinct live nodes in proportion to their weights and take
 * the one of lower load per unit of weight; ties go to the first draw, so with no load at all the
 * picks follow the weights. Load is the outstanding count, or with a config (PEAK_EWMA) the node's
 * peak-EWMA cost.
 */
final class TwoChoicesChooser implements Chooser {

  private final Draws draws;
  private final boolean ewma;
  private final double decayNanos;

  TwoChoicesChooser(Draws draws, LoadBalancerConfig ewmaConfig) {
    this.draws = draws;
    this.ewma = ewmaConfig != null;
    this.decayNanos = ewma ? (double) ewmaConfig.decayNanos : 1;
  }

  @Override
  public int choose(View<?> view, long keyHash, long now) {
    int[] live = view.live;
    int first = draws.weightedLive(view);
    if (live.length == 1) {
      return live[0];
    }
    int second = draws.weightedLive(view);
    for (int tries = 0; second == first && tries < 8; tries++) {
      second = draws.weightedLive(view);
    }
    if (second == first) { // a node with nearly all the weight: its neighbour is the other choice
      second = (first + 1) % live.length;
    }
    int a = live[first];
    int b = live[second];
    return load(view, b, now) < load(view, a, now) ? b : a;
  }

  private double load(View<?> view, int i, long now) {
    NodeState state = view.states[i];
    double load = ewma ? state.cost(now, decayNanos) : state.outstanding.get();
    return load / view.weight(i);
  }
}
