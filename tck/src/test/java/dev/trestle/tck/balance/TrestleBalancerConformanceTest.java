package dev.trestle.tck.balance;

import dev.trestle.core.balance.BalancingAlgorithm;
import org.junit.jupiter.api.Nested;

/** Every Trestle balancing algorithm through the {@link LoadBalancerTck}. */
class TrestleBalancerConformanceTest {

  private abstract static class Of extends TrestleBalancerConformance {
    Of(BalancingAlgorithm algorithm) {
      super(algorithm, featuresOf(algorithm));
    }
  }

  @Nested class RoundRobin extends Of { RoundRobin() { super(BalancingAlgorithm.ROUND_ROBIN); } }
  @Nested class WeightedRoundRobin extends Of { WeightedRoundRobin() { super(BalancingAlgorithm.WEIGHTED_ROUND_ROBIN); } }
  @Nested class RandomChoice extends Of { RandomChoice() { super(BalancingAlgorithm.RANDOM); } }
  @Nested class LeastOutstanding extends Of { LeastOutstanding() { super(BalancingAlgorithm.LEAST_OUTSTANDING); } }
  @Nested class TwoChoices extends Of { TwoChoices() { super(BalancingAlgorithm.TWO_CHOICES); } }
  @Nested class PeakEwma extends Of { PeakEwma() { super(BalancingAlgorithm.PEAK_EWMA); } }

  /** A ring's shares follow its points: with 160 per unit of weight, within about 15%. */
  @Nested class BoundedLoadHash extends Of {
    BoundedLoadHash() { super(BalancingAlgorithm.BOUNDED_LOAD_HASH); }
    @Override protected double weightTolerance() { return 0.2; }
  }

  @Nested class Maglev extends Of { Maglev() { super(BalancingAlgorithm.MAGLEV); } }
}
