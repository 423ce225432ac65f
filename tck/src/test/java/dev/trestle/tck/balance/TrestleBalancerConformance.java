package dev.trestle.tck.balance;

import static dev.trestle.tck.balance.LoadBalancerFeature.EJECTION;
import static dev.trestle.tck.balance.LoadBalancerFeature.KEYED;
import static dev.trestle.tck.balance.LoadBalancerFeature.LATENCY_AWARE;
import static dev.trestle.tck.balance.LoadBalancerFeature.LEAST_LOADED;
import static dev.trestle.tck.balance.LoadBalancerFeature.LOAD_AWARE;
import static dev.trestle.tck.balance.LoadBalancerFeature.WEIGHTED;

import dev.trestle.core.balance.BalancingAlgorithm;
import dev.trestle.core.balance.LoadBalancer;
import dev.trestle.core.balance.LoadBalancerConfig;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit over one of Trestle's balancing algorithms, declaring what that algorithm promises; run
 * for each algorithm by the nested classes of {@link TrestleBalancerConformanceTest}.
 */
abstract class TrestleBalancerConformance extends LoadBalancerTck {

  private final BalancingAlgorithm algorithm;
  private final Set<LoadBalancerFeature> features;

  TrestleBalancerConformance(BalancingAlgorithm algorithm, Set<LoadBalancerFeature> features) {
    this.algorithm = algorithm;
    this.features = features;
  }

  @Override
  protected LoadBalancer<String> newBalancer(BalancerSpec spec) {
    return LoadBalancer.of(spec.nodes(), LoadBalancerConfig.builder()
        .algorithm(algorithm)
        .ticker(spec.ticker())
        .seed(spec.seed())
        .consecutiveFailures(spec.consecutiveFailures())
        .baseEjectionTime(spec.baseEjectionTime())
        .maxEjectionTime(spec.maxEjectionTime())
        .maxEjectionPercent(spec.maxEjectionPercent())
        .build());
  }

  @Override
  protected Set<LoadBalancerFeature> features() {
    return features;
  }

  @Override
  protected String implementationName() {
    return "Trestle " + algorithm;
  }

  static Set<LoadBalancerFeature> featuresOf(BalancingAlgorithm algorithm) {
    switch (algorithm) {
      case ROUND_ROBIN:
        return EnumSet.of(EJECTION);
      case WEIGHTED_ROUND_ROBIN:
      case RANDOM:
        return EnumSet.of(WEIGHTED, EJECTION);
      case LEAST_OUTSTANDING:
        return EnumSet.of(WEIGHTED, LOAD_AWARE, LEAST_LOADED, EJECTION);
      case TWO_CHOICES:
        return EnumSet.of(WEIGHTED, LOAD_AWARE, EJECTION);
      case PEAK_EWMA:
        return EnumSet.of(LOAD_AWARE, LATENCY_AWARE, EJECTION);
      case BOUNDED_LOAD_HASH:
      case MAGLEV:
        return EnumSet.of(WEIGHTED, KEYED, EJECTION);
      default:
        throw new AssertionError(algorithm);
    }
  }
}
