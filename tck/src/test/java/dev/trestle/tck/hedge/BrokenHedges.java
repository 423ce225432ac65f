package dev.trestle.tck.hedge;

import dev.trestle.core.hedge.Hedge;
import dev.trestle.tck.hedge.FaultyHedge.Fault;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * The kit run against each deliberately broken hedge. These classes are not run by the build
 * directly (Surefire skips nested classes); {@link BrokenHedgeSelfTest} runs each one's broken rule
 * and requires it to fail, and the faultless one's rules and requires them to pass.
 */
final class BrokenHedges {

  private BrokenHedges() {}

  /** The kit run against FaultyHedge with {@code fault} (none if null); it supports every capability. */
  abstract static class Broken extends HedgeTck {
    private final Fault fault;
    private final List<FaultyHedge> made = new CopyOnWriteArrayList<>();

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected Hedge newHedge(HedgeSpec spec) {
      FaultyHedge hedge = new FaultyHedge(fault, spec);
      made.add(hedge);
      return hedge;
    }

    @Override
    protected Set<HedgeFeature> features() {
      return EnumSet.allOf(HedgeFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyHedge(" + fault + ")";
    }

    @AfterEach
    void releaseHedges() {
      made.forEach(FaultyHedge::release);
    }
  }

  static final class HedgesImmediately extends Broken { HedgesImmediately() { super(Fault.HEDGES_IMMEDIATELY); } }
  static final class OneHedgeTooMany extends Broken { OneHedgeTooMany() { super(Fault.ONE_HEDGE_TOO_MANY); } }
  static final class HedgesAfterAnswer extends Broken { HedgesAfterAnswer() { super(Fault.HEDGES_AFTER_ANSWER); } }
  static final class NullIsNoAnswer extends Broken { NullIsNoAnswer() { super(Fault.NULL_IS_NO_ANSWER); } }
  static final class NeverCancelsLosers extends Broken { NeverCancelsLosers() { super(Fault.NEVER_CANCELS_LOSERS); } }
  static final class CancelsWithoutInterrupt extends Broken { CancelsWithoutInterrupt() { super(Fault.CANCELS_WITHOUT_INTERRUPT); } }
  static final class WaitsForLosers extends Broken { WaitsForLosers() { super(Fault.WAITS_FOR_LOSERS); } }
  static final class IgnoresCallerCancel extends Broken { IgnoresCallerCancel() { super(Fault.IGNORES_CALLER_CANCEL); } }
  static final class FailsOnFirstFailure extends Broken { FailsOnFirstFailure() { super(Fault.FAILS_ON_FIRST_FAILURE); } }
  static final class HedgesOnFailure extends Broken { HedgesOnFailure() { super(Fault.HEDGES_ON_FAILURE); } }
  static final class FirstFailureWins extends Broken { FirstFailureWins() { super(Fault.FIRST_FAILURE_WINS); } }
  static final class DropsEarlierFailures extends Broken { DropsEarlierFailures() { super(Fault.DROPS_EARLIER_FAILURES); } }
  static final class WrapsFailure extends Broken { WrapsFailure() { super(Fault.WRAPS_FAILURE); } }
  static final class IgnoresBudget extends Broken { IgnoresBudget() { super(Fault.IGNORES_BUDGET); } }
  static final class KeepsAskingAfterDenial extends Broken { KeepsAskingAfterDenial() { super(Fault.KEEPS_ASKING_AFTER_DENIAL); } }
  static final class NoFloor extends Broken { NoFloor() { super(Fault.NO_FLOOR); } }
  static final class IgnoresDeadline extends Broken { IgnoresDeadline() { super(Fault.IGNORES_DEADLINE); } }
  static final class LosesDeadlineOnHedges extends Broken { LosesDeadlineOnHedges() { super(Fault.LOSES_DEADLINE_ON_HEDGES); } }
  static final class PercentileWithoutFloor extends Broken { PercentileWithoutFloor() { super(Fault.PERCENTILE_WITHOUT_FLOOR); } }
  static final class FixedAtFloor extends Broken { FixedAtFloor() { super(Fault.FIXED_AT_FLOOR); } }
  static final class WindowNeverForgets extends Broken { WindowNeverForgets() { super(Fault.WINDOW_NEVER_FORGETS); } }
  static final class LeaksTimer extends Broken { LeaksTimer() { super(Fault.LEAKS_TIMER); } }
  static final class LeaksThread extends Broken { LeaksThread() { super(Fault.LEAKS_THREAD); } }
  static final class CountsHedgedAsWon extends Broken { CountsHedgedAsWon() { super(Fault.COUNTS_HEDGED_AS_WON); } }
  static final class ReportsConfiguredDelay extends Broken { ReportsConfiguredDelay() { super(Fault.REPORTS_CONFIGURED_DELAY); } }
  static final class SharedCallState extends Broken { SharedCallState() { super(Fault.SHARED_CALL_STATE); } }
  static final class NullFailsFuture extends Broken { NullFailsFuture() { super(Fault.NULL_FAILS_FUTURE); } }
  static final class DelayToMillis extends Broken { DelayToMillis() { super(Fault.DELAY_TO_MILLIS); } }
  static final class ThrownAttemptEndsCall extends Broken { ThrownAttemptEndsCall() { super(Fault.THROWN_ATTEMPT_ENDS_CALL); } }
  static final class InterruptLeavesAttempts extends Broken { InterruptLeavesAttempts() { super(Fault.INTERRUPT_LEAVES_ATTEMPTS); } }
  static final class ThrowingAttemptNotCounted extends Broken {
    ThrowingAttemptNotCounted() { super(Fault.THROWING_ATTEMPT_NOT_COUNTED); }
  }

  /** The same hedge without a fault, to show the faults are the only difference. */
  static final class Faultless extends Broken { Faultless() { super(null); } }
}
