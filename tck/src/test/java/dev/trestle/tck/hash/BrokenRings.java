package dev.trestle.tck.hash;

import dev.trestle.core.hash.HashRing;
import dev.trestle.tck.hash.FaultyRing.Fault;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The kit run against each deliberately broken ring. Surefire skips these nested classes;
 * {@link BrokenRingSelfTest} runs each one's broken rule and requires it to fail.
 */
final class BrokenRings {

  private BrokenRings() {}

  abstract static class Broken extends HashRingTck {
    private final Fault fault;
    private final boolean ketama;

    Broken(Fault fault) {
      this(fault, false);
    }

    Broken(Fault fault, boolean ketama) {
      this.fault = fault;
      this.ketama = ketama;
    }

    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      Map<String, Integer> weights = new LinkedHashMap<>();
      for (String node : spec.nodes()) {
        weights.put(node, spec.weight(node));
      }
      return new FaultyRing(fault, ketama, weights);
    }

    @Override
    protected Set<HashRingFeature> features() {
      if (ketama) {
        return EnumSet.of(HashRingFeature.KETAMA, HashRingFeature.ORDER_INDEPENDENT, HashRingFeature.MONOTONE,
            HashRingFeature.ARBITRARY_REMOVAL, HashRingFeature.REPLICA_FAILOVER);
      }
      return fault == Fault.NOT_KETAMA ? EnumSet.allOf(HashRingFeature.class) : EnumSet.complementOf(EnumSet.of(HashRingFeature.KETAMA));
    }

    /** FaultyRing's points without a fault: fmix64(murmur3(name) + j x golden), 100 per unit of weight. */
    @Override
    protected RingReference reference() {
      return RingReference.continuum((node, weight) -> {
        long[] points = new long[100 * weight];
        long base = ReferenceHashes.murmur3(node);
        for (int j = 0; j < points.length; j++) {
          points[j] = ReferenceHashes.fmix64(base + j * TrestleHashRingConformanceTest.GOLDEN);
        }
        return points;
      });
    }

    @Override
    protected String implementationName() {
      return "FaultyRing(" + (fault == null ? "none" : fault) + (ketama ? ", ketama" : "") + ")";
    }
  }

  static final class Faultless extends Broken { Faultless() { super(null); } }
  static final class Nondeterministic extends Broken { Nondeterministic() { super(Fault.NONDETERMINISTIC); } }
  static final class GrownDiffers extends Broken { GrownDiffers() { super(Fault.GROWN_DIFFERS); } }
  static final class UnstableOrder extends Broken { UnstableOrder() { super(Fault.UNSTABLE_ORDER); } }
  static final class CharsHashedDifferently extends Broken { CharsHashedDifferently() { super(Fault.CHARS_HASHED_DIFFERENTLY); } }
  static final class Mutable extends Broken { Mutable() { super(Fault.MUTABLE); } }
  static final class TooFewPoints extends Broken { TooFewPoints() { super(Fault.TOO_FEW_POINTS); } }
  static final class Modulo extends Broken { Modulo() { super(Fault.MODULO); } }
  static final class RemovalReseeds extends Broken { RemovalReseeds() { super(Fault.REMOVAL_RESEEDS); } }
  static final class WrapOffByOne extends Broken { WrapOffByOne() { super(Fault.WRAP_OFF_BY_ONE); } }
  static final class DuplicateReplicas extends Broken { DuplicateReplicas() { super(Fault.DUPLICATE_REPLICAS); } }
  static final class PrefixBroken extends Broken { PrefixBroken() { super(Fault.PREFIX_BROKEN); } }
  static final class IgnoresWeights extends Broken { IgnoresWeights() { super(Fault.IGNORES_WEIGHTS); } }
  static final class MisreportsWeight extends Broken { MisreportsWeight() { super(Fault.MISREPORTS_WEIGHT); } }
  static final class NotKetama extends Broken { NotKetama() { super(Fault.NOT_KETAMA); } }
  static final class EmptyReturnsNull extends Broken { EmptyReturnsNull() { super(Fault.EMPTY_RETURNS_NULL); } }
  static final class AcceptsDuplicate extends Broken { AcceptsDuplicate() { super(Fault.ACCEPTS_DUPLICATE); } }
  static final class AcceptsNonPositiveWeight extends Broken { AcceptsNonPositiveWeight() { super(Fault.ACCEPTS_NON_POSITIVE_WEIGHT); } }
  static final class CountUnchecked extends Broken { CountUnchecked() { super(Fault.COUNT_UNCHECKED); } }
  static final class NullKeyAsString extends Broken { NullKeyAsString() { super(Fault.NULL_KEY_AS_STRING); } }
  static final class NotThreadSafe extends Broken { NotThreadSafe() { super(Fault.NOT_THREAD_SAFE); } }
  static final class RemovalKeepsWeight extends Broken { RemovalKeepsWeight() { super(Fault.REMOVAL_KEEPS_WEIGHT); } }
  static final class ExposesNodes extends Broken { ExposesNodes() { super(Fault.EXPOSES_NODES); } }
  static final class SharesPreferenceLists extends Broken { SharesPreferenceLists() { super(Fault.SHARES_PREFERENCE_LISTS); } }
  static final class KeyHashSeeded extends Broken { KeyHashSeeded() { super(Fault.KEY_HASH_SEEDED); } }
  static final class OnPointGoesPast extends Broken { OnPointGoesPast() { super(Fault.ON_POINT_GOES_PAST); } }
  static final class FaultlessKetama extends Broken { FaultlessKetama() { super(null, true); } }
  static final class KetamaTieToLastAdded extends Broken { KetamaTieToLastAdded() { super(Fault.KETAMA_TIE_TO_LAST_ADDED, true); } }
}
