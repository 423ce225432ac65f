package dev.trestle.core.balance;

/**
 * LEAST_OUTSTANDING: reads every live node and takes the one with the fewest requests outstanding
 * per unit of weight, starting the scan at a node drawn by weight, so that ties are broken at
 * random in proportion to the weights.
 */
final class LeastOutstandingChooser implements Chooser {

  private final Draws draws;

  LeastOutstandingChooser(Draws draws) {
    this.draws = draws;
  }

  @Override
  public int choose(View<?> view, long keyHash, long now) {
    int[] live = view.live;
    int start = draws.weightedLive(view); // ties keep the start: with no load, picks follow the weights
    int best = live[start];
    long bestLoad = view.states[best].outstanding.get();
    for (int k = 1; k < live.length; k++) {
      int i = live[(start + k) % live.length];
      long load = view.states[i].outstanding.get();
      // load_i / w_i < best / w_best, in integers
      if (load * view.weight(best) < bestLoad * view.weight(i)) {
        best = i;
        bestLoad = load;
      }
    }
    return best;
  }
}
