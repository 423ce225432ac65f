package dev.trestle.core.balance;

/** One algorithm's choice of a node among a view's live nodes. Implementations are thread-safe. */
interface Chooser {

  /** Returns the index (into the view's set) of the chosen node; the view has a live node. */
  int choose(View<?> view, long keyHash, long now);

  static Chooser of(LoadBalancerConfig config, Draws draws) {
    switch (config.algorithm) {
      case ROUND_ROBIN:
        return new RoundRobinChooser();
      case WEIGHTED_ROUND_ROBIN:
        return new SmoothWeightedChooser();
      case RANDOM:
        return (view, key, now) -> view.live[draws.weightedLive(view)];
      case LEAST_OUTSTANDING:
        return new LeastOutstandingChooser(draws);
      case TWO_CHOICES:
        return new TwoChoicesChooser(draws, null);
      case PEAK_EWMA:
        return new TwoChoicesChooser(draws, config);
      case BOUNDED_LOAD_HASH:
        return new HashChooser(config.loadFactor);
      case MAGLEV:
        return new HashChooser(Double.NaN);
      default:
        throw new AssertionError(config.algorithm);
    }
  }
}
