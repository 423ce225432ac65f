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

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      Map<String, Integer> weights = new LinkedHashMap<>();
      for (String node : spec.nodes()) {
        weights.put(node, spec.weight(node));
      }
      return new FaultyRing(fault, weights);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return fault == Fault.NOT_KETAMA ? EnumSet.allOf(HashRingFeature.class) : EnumSet.complementOf(EnumSet.of(HashRingFeature.KETAMA));
    }

    @Override
    protected String implementationName() {
      return "FaultyRing(" + (fault == null ? "none" : fault) + ")";
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
}
