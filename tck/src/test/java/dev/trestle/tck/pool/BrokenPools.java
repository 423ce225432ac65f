package dev.trestle.tck.pool;

import dev.trestle.pool.Allocator;
import dev.trestle.pool.ObjectPool;
import dev.trestle.tck.pool.FaultyPool.Fault;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit run against each deliberately broken pool. Not run by the build directly (Surefire skips
 * nested classes); {@link BrokenPoolSelfTest} runs each one's broken rule and requires it to fail.
 */
final class BrokenPools {

  private BrokenPools() {}

  abstract static class Broken extends ObjectPoolTck {
    private final Fault fault;

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected ObjectPool<Probe> newPool(Allocator<Probe> allocator, PoolSpec spec) {
      return new FaultyPool(fault, allocator, spec);
    }

    @Override
    protected Set<PoolFeature> features() {
      return EnumSet.of(PoolFeature.VALIDATION, PoolFeature.FAIR, PoolFeature.GRACEFUL_SHUTDOWN, PoolFeature.STATS,
          PoolFeature.CREATION_TIMEOUT);
    }

    @Override
    protected String implementationName() {
      return "FaultyPool(" + fault + ")";
    }
  }

  static final class DoubleLease extends Broken { DoubleLease() { super(Fault.DOUBLE_LEASE); } }
  static final class CreatesOnCaller extends Broken { CreatesOnCaller() { super(Fault.CREATES_ON_CALLER); } }
  static final class LeaksSlotOnFailure extends Broken { LeaksSlotOnFailure() { super(Fault.LEAKS_SLOT_ON_FAILURE); } }
  static final class DestroysTwice extends Broken { DestroysTwice() { super(Fault.DESTROYS_TWICE); } }
  static final class OverflowsMaxSize extends Broken { OverflowsMaxSize() { super(Fault.OVERFLOWS_MAX_SIZE); } }
  static final class Unfair extends Broken { Unfair() { super(Fault.UNFAIR); } }
  static final class NoCreationDeadline extends Broken { NoCreationDeadline() { super(Fault.NO_CREATION_DEADLINE); } }
  static final class IgnoresTimeoutArgument extends OnManualTicker { IgnoresTimeoutArgument() { super(Fault.IGNORES_TIMEOUT_ARGUMENT); } }
  static final class TruncatesToMillis extends OnManualTicker { TruncatesToMillis() { super(Fault.TRUNCATES_TO_MILLIS); } }
  /** The faultless pool on the kit's manual ticker, for the rules that need it. */
  static final class FaultlessOnManualTicker extends OnManualTicker { FaultlessOnManualTicker() { super(null); } }

  /** A broken pool run on the kit's ManualTicker (Trestle's pool takes it), for rules that need MANUAL_TICKER. */
  abstract static class OnManualTicker extends Broken {
    OnManualTicker(Fault fault) {
      super(fault);
    }

    @Override
    protected Set<PoolFeature> features() {
      Set<PoolFeature> features = EnumSet.copyOf(super.features());
      features.add(PoolFeature.MANUAL_TICKER);
      return features;
    }
  }
  static final class DiesOnError extends Broken { DiesOnError() { super(Fault.DIES_ON_ERROR); } }

  /** The same decorator with no fault, to show the faults are the only difference. */
  static final class Faultless extends Broken { Faultless() { super(null); } }
}
