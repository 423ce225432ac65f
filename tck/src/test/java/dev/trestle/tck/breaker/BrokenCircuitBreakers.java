package dev.trestle.tck.breaker;

import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.tck.breaker.FaultyCircuitBreaker.Fault;
import java.util.EnumSet;
import java.util.Set;

/** One kit subclass per fault of {@link FaultyCircuitBreaker}, each declaring every capability. */
final class BrokenCircuitBreakers {

  private BrokenCircuitBreakers() {}

  /** A kit run against a breaker with one fault. */
  abstract static class Broken extends CircuitBreakerTck {
    private final Fault fault;

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected CircuitBreaker newCircuitBreaker(CircuitBreakerConfig config) {
      return new FaultyCircuitBreaker(fault, config);
    }

    @Override
    protected Set<CircuitBreakerFeature> features() {
      return EnumSet.allOf(CircuitBreakerFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyCircuitBreaker(" + fault + ")";
    }
  }

  static final class ErrorNotRecorded extends Broken { ErrorNotRecorded() { super(Fault.ERROR_NOT_RECORDED); } }
  static final class AsyncSupplierThrowUnrecorded extends Broken {
    AsyncSupplierThrowUnrecorded() { super(Fault.ASYNC_SUPPLIER_THROW_UNRECORDED); }
  }
  static final class WaitToMillis extends Broken { WaitToMillis() { super(Fault.WAIT_TO_MILLIS); } }
  static final class DecoratorsCountRejectionTwice extends Broken {
    DecoratorsCountRejectionTwice() { super(Fault.DECORATORS_COUNT_REJECTION_TWICE); }
  }
  static final class StartsOpen extends Broken { StartsOpen() { super(Fault.STARTS_OPEN); } }
  static final class OpensBelowMinimum extends Broken { OpensBelowMinimum() { super(Fault.OPENS_BELOW_MINIMUM); } }
  static final class NeverOpens extends Broken { NeverOpens() { super(Fault.NEVER_OPENS); } }
  static final class OpensOnlyAboveThreshold extends Broken { OpensOnlyAboveThreshold() { super(Fault.OPENS_ONLY_ABOVE_THRESHOLD); } }
  static final class OpensBelowThreshold extends Broken { OpensBelowThreshold() { super(Fault.OPENS_BELOW_THRESHOLD); } }
  static final class CumulativeWindow extends Broken { CumulativeWindow() { super(Fault.CUMULATIVE_WINDOW); } }
  static final class ForgetsWindowWhenFull extends Broken { ForgetsWindowWhenFull() { super(Fault.FORGETS_WINDOW_WHEN_FULL); } }
  static final class WindowOneTooLarge extends Broken { WindowOneTooLarge() { super(Fault.WINDOW_ONE_TOO_LARGE); } }
  static final class TimeWindowNeverExpires extends Broken { TimeWindowNeverExpires() { super(Fault.TIME_WINDOW_NEVER_EXPIRES); } }
  static final class IgnoresSlowCalls extends Broken { IgnoresSlowCalls() { super(Fault.IGNORES_SLOW_CALLS); } }
  static final class SlowOnlyAboveDuration extends Broken { SlowOnlyAboveDuration() { super(Fault.SLOW_ONLY_ABOVE_DURATION); } }
  static final class PermitsWhileOpen extends Broken { PermitsWhileOpen() { super(Fault.PERMITS_WHILE_OPEN); } }
  static final class RunsRejectedTask extends Broken { RunsRejectedTask() { super(Fault.RUNS_REJECTED_TASK); } }
  static final class HalfWaitInOpen extends Broken { HalfWaitInOpen() { super(Fault.HALF_WAIT_IN_OPEN); } }
  static final class VagueRejection extends Broken { VagueRejection() { super(Fault.VAGUE_REJECTION); } }
  static final class UnlimitedHalfOpen extends Broken { UnlimitedHalfOpen() { super(Fault.UNLIMITED_HALF_OPEN); } }
  static final class RacyHalfOpen extends Broken { RacyHalfOpen() { super(Fault.RACY_HALF_OPEN); } }
  static final class KeepsWindowOnClose extends Broken { KeepsWindowOnClose() { super(Fault.KEEPS_WINDOW_ON_CLOSE); } }
  static final class ClosesOnFirstSuccess extends Broken { ClosesOnFirstSuccess() { super(Fault.CLOSES_ON_FIRST_SUCCESS); } }
  static final class ReopensWithoutWait extends Broken { ReopensWithoutWait() { super(Fault.REOPENS_WITHOUT_WAIT); } }
  static final class ReleaseLosesPermit extends Broken { ReleaseLosesPermit() { super(Fault.RELEASE_LOSES_PERMIT); } }
  static final class IgnoresMaxWaitInHalfOpen extends Broken { IgnoresMaxWaitInHalfOpen() { super(Fault.IGNORES_MAX_WAIT_IN_HALF_OPEN); } }
  static final class NoWaitBackoff extends Broken { NoWaitBackoff() { super(Fault.NO_WAIT_BACKOFF); } }
  static final class CountsIgnoredAsFailure extends Broken { CountsIgnoredAsFailure() { super(Fault.COUNTS_IGNORED_AS_FAILURE); } }
  static final class CountsIgnoredAsSuccess extends Broken { CountsIgnoredAsSuccess() { super(Fault.COUNTS_IGNORED_AS_SUCCESS); } }
  static final class RecordWinsOverIgnore extends Broken { RecordWinsOverIgnore() { super(Fault.RECORD_WINS_OVER_IGNORE); } }
  static final class RecordsUnlisted extends Broken { RecordsUnlisted() { super(Fault.RECORDS_UNLISTED); } }
  static final class IgnoresResult extends Broken { IgnoresResult() { super(Fault.IGNORES_RESULT); } }
  static final class DisabledOpens extends Broken { DisabledOpens() { super(Fault.DISABLED_OPENS); } }
  static final class ForcedOpenExpires extends Broken { ForcedOpenExpires() { super(Fault.FORCED_OPEN_EXPIRES); } }
  static final class MetricsOnlyOpens extends Broken { MetricsOnlyOpens() { super(Fault.METRICS_ONLY_OPENS); } }
  static final class ExplicitCloseKeepsWindow extends Broken { ExplicitCloseKeepsWindow() { super(Fault.EXPLICIT_CLOSE_KEEPS_WINDOW); } }
  static final class WrapsException extends Broken { WrapsException() { super(Fault.WRAPS_EXCEPTION); } }
  static final class RunSwallowsException extends Broken { RunSwallowsException() { super(Fault.RUN_SWALLOWS_EXCEPTION); } }
  static final class AsyncRecordsAtStart extends Broken { AsyncRecordsAtStart() { super(Fault.ASYNC_RECORDS_AT_START); } }
  static final class AcceptsNull extends Broken { AcceptsNull() { super(Fault.ACCEPTS_NULL); } }
  static final class RateBelowMinimum extends Broken { RateBelowMinimum() { super(Fault.RATE_BELOW_MINIMUM); } }
  static final class AnnouncesOpenAgain extends Broken { AnnouncesOpenAgain() { super(Fault.ANNOUNCES_OPEN_AGAIN); } }
  static final class SilentRejections extends Broken { SilentRejections() { super(Fault.SILENT_REJECTIONS); } }
  static final class RacyCounters extends Broken { RacyCounters() { super(Fault.RACY_COUNTERS); } }
  static final class SuccessNeverDecides extends Broken { SuccessNeverDecides() { super(Fault.SUCCESS_NEVER_DECIDES); } }
  static final class SlowCallsNeverLeaveCountWindow extends Broken { SlowCallsNeverLeaveCountWindow() { super(Fault.SLOW_CALLS_NEVER_LEAVE_COUNT_WINDOW); } }
  static final class SlowBoundaryOnlyForSuccess extends Broken { SlowBoundaryOnlyForSuccess() { super(Fault.SLOW_BOUNDARY_ONLY_FOR_SUCCESS); } }
  static final class TimeWindowOneSecondLong extends Broken { TimeWindowOneSecondLong() { super(Fault.TIME_WINDOW_ONE_SECOND_LONG); } }
  static final class TimeWindowIgnoresSlowCalls extends Broken { TimeWindowIgnoresSlowCalls() { super(Fault.TIME_WINDOW_IGNORES_SLOW_CALLS); } }
  static final class OpensFromTickerZero extends Broken { OpensFromTickerZero() { super(Fault.OPENS_FROM_TICKER_ZERO); } }
  static final class FirstTrialFree extends Broken { FirstTrialFree() { super(Fault.FIRST_TRIAL_FREE); } }
  static final class IgnoredTrialKeepsPermission extends Broken { IgnoredTrialKeepsPermission() { super(Fault.IGNORED_TRIAL_KEEPS_PERMISSION); } }
  static final class DecoratorsUntimed extends Broken { DecoratorsUntimed() { super(Fault.DECORATORS_UNTIMED); } }
  static final class NullStageUnrecorded extends Broken { NullStageUnrecorded() { super(Fault.NULL_STAGE_UNRECORDED); } }
  static final class SlowRateUnknown extends Broken { SlowRateUnknown() { super(Fault.SLOW_RATE_UNKNOWN); } }
  static final class WrongName extends Broken { WrongName() { super(Fault.WRONG_NAME); } }
  static final class SilentExplicitTransitions extends Broken { SilentExplicitTransitions() { super(Fault.SILENT_EXPLICIT_TRANSITIONS); } }
  static final class TurningCallAlwaysGranted extends Broken { TurningCallAlwaysGranted() { super(Fault.TURNING_CALL_ALWAYS_GRANTED); } }

  /** The same breaker without a fault, to show the faults are the only difference. */
  static final class Faultless extends Broken { Faultless() { super(null); } }
}
