package dev.trestle.tck.balance;

import static dev.trestle.tck.balance.LoadBalancerFeature.EJECTION;
import static dev.trestle.tck.balance.LoadBalancerFeature.KEYED;
import static dev.trestle.tck.balance.LoadBalancerFeature.LATENCY_AWARE;
import static dev.trestle.tck.balance.LoadBalancerFeature.LEAST_LOADED;
import static dev.trestle.tck.balance.LoadBalancerFeature.LOAD_AWARE;
import static dev.trestle.tck.balance.LoadBalancerFeature.WEIGHTED;

import dev.trestle.core.balance.LoadBalancer;
import dev.trestle.tck.balance.FaultyBalancer.Fault;
import dev.trestle.tck.balance.FaultyBalancer.Mode;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit run against each deliberately broken balancer. These classes are not run by the build
 * directly (Surefire skips nested classes); {@link BrokenBalancerSelfTest} runs each one's broken
 * rule and requires it to fail, and runs the faultless balancer of each mode through the same rules.
 */
final class BrokenBalancers {

  private BrokenBalancers() {}

  abstract static class Broken extends LoadBalancerTck {
    private final Fault fault;
    private final Mode mode;

    Broken(Fault fault, Mode mode) {
      this.fault = fault;
      this.mode = mode;
    }

    @Override
    protected LoadBalancer<String> newBalancer(BalancerSpec spec) {
      return new FaultyBalancer(fault, mode, spec);
    }

    @Override
    protected Set<LoadBalancerFeature> features() {
      switch (mode) {
        case LEAST:
          return EnumSet.of(LOAD_AWARE, LEAST_LOADED, EJECTION);
        case LATENCY:
          return EnumSet.of(LOAD_AWARE, LATENCY_AWARE, EJECTION);
        case HASH:
          return EnumSet.of(KEYED, EJECTION);
        default:
          return EnumSet.of(WEIGHTED, LOAD_AWARE, EJECTION);
      }
    }

    @Override
    protected String implementationName() {
      return "FaultyBalancer(" + (fault == null ? "faultless " + mode : fault) + ")";
    }
  }

  static final class StarvesLastNode extends Broken { StarvesLastNode() { super(Fault.STARVES_LAST_NODE, Mode.TWO_CHOICES); } }
  static final class StaleSet extends Broken { StaleSet() { super(Fault.STALE_SET, Mode.TWO_CHOICES); } }
  static final class CancelLeaks extends Broken { CancelLeaks() { super(Fault.CANCEL_LEAKS, Mode.TWO_CHOICES); } }
  static final class IgnoresWeights extends Broken { IgnoresWeights() { super(Fault.IGNORES_WEIGHTS, Mode.TWO_CHOICES); } }
  static final class PicksBusier extends Broken { PicksBusier() { super(Fault.PICKS_BUSIER, Mode.TWO_CHOICES); } }
  static final class TwoChoicesAsLeast extends Broken { TwoChoicesAsLeast() { super(Fault.TWO_CHOICES_AS_LEAST, Mode.LEAST); } }
  static final class IgnoresLatency extends Broken { IgnoresLatency() { super(Fault.IGNORES_LATENCY, Mode.LATENCY); } }
  static final class NeverReturns extends Broken { NeverReturns() { super(Fault.NEVER_RETURNS, Mode.TWO_CHOICES); } }
  static final class CountsAllFailures extends Broken { CountsAllFailures() { super(Fault.COUNTS_ALL_FAILURES, Mode.TWO_CHOICES); } }
  static final class NoEjectionCap extends Broken { NoEjectionCap() { super(Fault.NO_EJECTION_CAP, Mode.TWO_CHOICES); } }
  static final class FixedBackoff extends Broken { FixedBackoff() { super(Fault.FIXED_BACKOFF, Mode.TWO_CHOICES); } }
  static final class RacyCount extends Broken { RacyCount() { super(Fault.RACY_COUNT, Mode.TWO_CHOICES); } }
  static final class UpdatesInPlace extends Broken { UpdatesInPlace() { super(Fault.UPDATES_IN_PLACE, Mode.TWO_CHOICES); } }
  static final class IgnoresKey extends Broken { IgnoresKey() { super(Fault.IGNORES_KEY, Mode.HASH); } }

  /** The faultless balancers, to show the faults are the only difference. */
  static final class FaultlessTwoChoices extends Broken { FaultlessTwoChoices() { super(null, Mode.TWO_CHOICES); } }
  static final class FaultlessLeast extends Broken { FaultlessLeast() { super(null, Mode.LEAST); } }
  static final class FaultlessLatency extends Broken { FaultlessLatency() { super(null, Mode.LATENCY); } }
  static final class FaultlessHash extends Broken { FaultlessHash() { super(null, Mode.HASH); } }
}
