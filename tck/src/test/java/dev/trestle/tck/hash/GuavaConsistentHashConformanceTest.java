package dev.trestle.tck.hash;

import dev.trestle.core.hash.HashRing;
import java.util.EnumSet;
import java.util.Set;

/** Guava's consistentHash through an adapter: the rules it can meet (monotone, balanced, no weights). */
class GuavaConsistentHashConformanceTest extends HashRingTck {

  @Override
  protected HashRing<String> newRing(RingSpec spec) {
    return new GuavaConsistentHashRing(spec.nodes());
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
