package dev.trestle.tck.ratelimit;

import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.tck.ratelimit.FaultyRateLimiter.Fault;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit run against each deliberately broken limiter. Not run by the build directly (Surefire
 * skips nested classes); {@link BrokenLimiterSelfTest} runs each one's broken rule and requires it
 * to fail.
 */
final class BrokenLimiters {

  private BrokenLimiters() {}

  abstract static class Broken extends RateLimiterTck {
    private final Fault fault;
    private final boolean window;
    private final RateContract contract;

    Broken(Fault fault, boolean window, RateContract contract) {
      this.fault = fault;
      this.window = window;
      this.contract = contract;
    }

    @Override
    protected RateLimiter newLimiter(RateLimiterSpec spec) {
      return new FaultyRateLimiter(fault, window, spec);
    }

    @Override
    protected RateContract contract() {
      return contract;
    }

    @Override
    protected Set<RateLimiterFeature> features() {
      return EnumSet.allOf(RateLimiterFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyRateLimiter(" + fault + ")";
    }
  }

  static final class BoundaryDoubleBurst extends Broken {
    BoundaryDoubleBurst() { super(Fault.BOUNDARY_DOUBLE_BURST, true, RateContract.SLIDING_WINDOW); }
  }

  static final class LostUpdate extends Broken {
    LostUpdate() { super(Fault.LOST_UPDATE, false, RateContract.TOKEN_BUCKET); }
  }

  static final class OverflowAfterIdle extends Broken {
    OverflowAfterIdle() { super(Fault.OVERFLOW_AFTER_IDLE, false, RateContract.TOKEN_BUCKET); }
  }

  static final class WrongRetryAfter extends Broken {
    WrongRetryAfter() { super(Fault.WRONG_RETRY_AFTER, false, RateContract.TOKEN_BUCKET); }
  }

  static final class WaitingChargesOne extends Broken {
    WaitingChargesOne() { super(Fault.WAITING_CHARGES_ONE, false, RateContract.TOKEN_BUCKET); }
  }

  static final class WaitingUnchecked extends Broken {
    WaitingUnchecked() { super(Fault.WAITING_UNCHECKED, false, RateContract.TOKEN_BUCKET); }
  }

  /** The faultless bucket, to show the faults are the only difference. */
  static final class FaultlessBucket extends Broken {
    FaultlessBucket() { super(null, false, RateContract.TOKEN_BUCKET); }
  }

  /** The same fixed window, declared honestly. */
  static final class HonestFixedWindow extends Broken {
    HonestFixedWindow() { super(null, true, RateContract.FIXED_WINDOW); }
  }
}
