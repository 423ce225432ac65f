package dev.trestle.tck.timeout;

import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.tck.timeout.FaultyTimeLimiter.Fault;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit run against each deliberately broken limiter. These classes are not run by the build
 * directly (Surefire skips nested classes); {@link BrokenTimeLimiterSelfTest} runs each one's
 * broken rule and requires it to fail.
 */
final class BrokenTimeLimiters {

  private BrokenTimeLimiters() {}

  abstract static class Broken extends TimeLimiterTck {
    private final Fault fault;

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected TimeLimiter newTimeLimiter(TimeLimiterSpec spec) {
      return new FaultyTimeLimiter(fault, spec);
    }

    @Override
    protected Set<TimeLimiterFeature> features() {
      return EnumSet.allOf(TimeLimiterFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyTimeLimiter(" + fault + ")";
    }
  }

  static final class SyncTruncatesToMillis extends Broken { SyncTruncatesToMillis() { super(Fault.SYNC_TRUNCATES_TO_MILLIS); } }
  static final class AsyncTruncatesToMillis extends Broken { AsyncTruncatesToMillis() { super(Fault.ASYNC_TRUNCATES_TO_MILLIS); } }
  static final class DeadlineToMillis extends Broken { DeadlineToMillis() { super(Fault.DEADLINE_TO_MILLIS); } }
  static final class AsyncTimerLeaksOnThrow extends Broken { AsyncTimerLeaksOnThrow() { super(Fault.ASYNC_TIMER_LEAKS_ON_THROW); } }
  static final class InterruptAsTimeout extends Broken { InterruptAsTimeout() { super(Fault.INTERRUPT_AS_TIMEOUT); } }
  static final class InterruptLeavesTask extends Broken { InterruptLeavesTask() { super(Fault.INTERRUPT_LEAVES_TASK); } }
  static final class NeverTimesOut extends Broken { NeverTimesOut() { super(Fault.NEVER_TIMES_OUT); } }
  static final class LeaksWorkerThread extends Broken { LeaksWorkerThread() { super(Fault.LEAKS_WORKER_THREAD); } }
  static final class SwallowsException extends Broken { SwallowsException() { super(Fault.SWALLOWS_EXCEPTION); } }
  static final class WrapsException extends Broken { WrapsException() { super(Fault.WRAPS_EXCEPTION); } }
  static final class DoesNotCancel extends Broken { DoesNotCancel() { super(Fault.DOES_NOT_CANCEL); } }
  static final class AlwaysInterrupts extends Broken { AlwaysInterrupts() { super(Fault.ALWAYS_INTERRUPTS); } }
  static final class TimesOutEarly extends Broken { TimesOutEarly() { super(Fault.TIMES_OUT_EARLY); } }
  static final class IgnoresDeadline extends Broken { IgnoresDeadline() { super(Fault.IGNORES_DEADLINE); } }
  static final class CallerRuns extends Broken { CallerRuns() { super(Fault.CALLER_RUNS); } }
  static final class AsyncLeavesStagePending extends Broken { AsyncLeavesStagePending() { super(Fault.ASYNC_LEAVES_STAGE_PENDING); } }

  /** The faultless limiter, to show the faults are the only difference. */
  static final class Faultless extends TimeLimiterTck {
    @Override
    protected TimeLimiter newTimeLimiter(TimeLimiterSpec spec) {
      return new FaultyTimeLimiter(null, spec);
    }

    @Override
    protected Set<TimeLimiterFeature> features() {
      return EnumSet.allOf(TimeLimiterFeature.class);
    }
  }
}
