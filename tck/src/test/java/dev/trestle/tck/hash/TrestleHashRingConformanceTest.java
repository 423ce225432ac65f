package dev.trestle.tck.hash;

import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.core.hash.HashRingBuilder;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;

/**
 * Every Trestle ring against the kit, each with the bounds it declares in {@link HashAlgorithm}'s
 * documentation.
 */
class TrestleHashRingConformanceTest {

  static HashRing<String> build(HashAlgorithm algorithm, RingSpec spec) {
    HashRingBuilder<String> builder = HashRing.builder(algorithm);
    for (String node : spec.nodes()) {
      builder.node(node, spec.weight(node));
    }
    return builder.build();
  }

  @Nested
  class VirtualNodes extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.VIRTUAL_NODES, spec);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.complementOf(EnumSet.of(HashRingFeature.KETAMA));
    }

    @Override
    protected double peakToMeanBound() {
      return 1.35;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.3;
    }

    @Override
    protected double weightTolerance() {
      return 1.1;
    }
  }

  @Nested
  class Ketama extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.KETAMA, spec);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.allOf(HashRingFeature.class);
    }

    @Override
    protected double peakToMeanBound() {
      return 1.35;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.3;
    }

    @Override
    protected double weightTolerance() {
      return 1.1;
    }

    @Override
    protected java.util.Map<String, String> knownDeviations() {
      return KetamaWeightedRemovalTest.DEVIATIONS;
    }
  }

  @Nested
  class Rendezvous extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.RENDEZVOUS, spec);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.complementOf(EnumSet.of(HashRingFeature.KETAMA));
    }

    @Override
    protected double peakToMeanBound() {
      return 1.15;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.1;
    }

    @Override
    protected double weightTolerance() {
      return 1.05;
    }
  }

  @Nested
  class Maglev extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.MAGLEV, spec);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.of(HashRingFeature.ORDER_INDEPENDENT, HashRingFeature.ARBITRARY_REMOVAL, HashRingFeature.WEIGHTS);
    }

    @Override
    protected double peakToMeanBound() {
      return 1.15;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.3;
    }

    @Override
    protected double weightTolerance() {
      return 1.05;
    }
  }

  @Nested
  class Jump extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.JUMP, spec);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.of(HashRingFeature.MONOTONE);
    }

    @Override
    protected double peakToMeanBound() {
      return 1.15;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.1;
    }
  }
}
