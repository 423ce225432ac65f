package dev.trestle.tck.hash;

import dev.trestle.core.hash.HashRing;
import java.util.EnumSet;
import java.util.Set;

/**
 * Guava's consistentHash through an adapter: the rules it can meet (monotone, balanced, no weights;
 * MurmurHash3 keys through HashRing's default keyHash, and jump placement, HASH-10.x).
 */
class GuavaConsistentHashConformanceTest extends HashRingTck {

  @Override
  protected HashRing<String> newRing(RingSpec spec) {
    return new GuavaConsistentHashRing(spec.nodes());
  }

  @Override
  protected Set<HashRingFeature> features() {
    return EnumSet.of(HashRingFeature.MONOTONE, HashRingFeature.MURMUR3_KEYS, HashRingFeature.REFERENCE_PLACEMENT);
  }

  /** Guava's consistentHash is Lamping and Veach's jump hash; the adapter re-hashes for replicas with fmix64(h + golden). */
  @Override
  protected RingReference reference() {
    return RingReference.jump(h -> ReferenceHashes.fmix64(h + TrestleHashRingConformanceTest.GOLDEN));
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
