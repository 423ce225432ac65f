package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.tck.ratelimit.FaultyConcurrencyLimiter.Fault;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit run against each deliberately broken concurrency limiter. Not run by the build directly
 * (Surefire skips nested classes); {@link BrokenConcurrencyLimiterSelfTest} runs each one's broken
 * rule and requires it to fail. Every one declares every capability.
 */
final class BrokenConcurrencyLimiters {

  private BrokenConcurrencyLimiters() {}

  abstract static class Broken extends ConcurrencyLimiterTck {
    private final Fault fault;

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected ConcurrencyLimiter newLimiter(ConcurrencyLimiterSpec spec) {
      return new FaultyConcurrencyLimiter(fault, spec);
    }

    @Override
    protected Set<ConcurrencyLimiterFeature> features() {
      return EnumSet.allOf(ConcurrencyLimiterFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyConcurrencyLimiter(" + fault + ")";
    }
  }

  static final class OffByOne extends Broken { OffByOne() { super(Fault.OFF_BY_ONE); } }
  static final class NonIdempotent extends Broken { NonIdempotent() { super(Fault.NON_IDEMPOTENT); } }
  static final class IgnoresDrops extends Broken { IgnoresDrops() { super(Fault.IGNORES_DROPS); } }
  static final class IgnoresLatency extends Broken { IgnoresLatency() { super(Fault.IGNORES_LATENCY); } }
  static final class NeverGrows extends Broken { NeverGrows() { super(Fault.NEVER_GROWS); } }
  static final class Unclamped extends Broken { Unclamped() { super(Fault.UNCLAMPED); } }
  static final class LeaksOnError extends Broken { LeaksOnError() { super(Fault.LEAKS_ON_ERROR); } }
  static final class KeepsSlotOnInterrupt extends Broken { KeepsSlotOnInterrupt() { super(Fault.KEEPS_SLOT_ON_INTERRUPT); } }
  static final class Miscounts extends Broken { Miscounts() { super(Fault.MISCOUNTS); } }
  static final class LostUpdate extends Broken { LostUpdate() { super(Fault.LOST_UPDATE); } }
  static final class EarlyTimeout extends Broken { EarlyTimeout() { super(Fault.EARLY_TIMEOUT); } }
  static final class WrongOrder extends Broken { WrongOrder() { super(Fault.WRONG_ORDER); } }
  static final class NoReserve extends Broken { NoReserve() { super(Fault.NO_RESERVE); } }

  /** The faultless limiter, to show the faults are the only difference. */
  static final class Faultless extends Broken { Faultless() { super(null); } }
}
