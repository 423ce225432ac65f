package dev.trestle.tck.retry;

import dev.trestle.core.retry.Retry;
import dev.trestle.tck.retry.FaultyRetry.Fault;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit run against each deliberately broken retry. These classes are not run by the build
 * directly (Surefire skips nested classes); {@link BrokenRetrySelfTest} runs each one's broken rule
 * and requires it to fail.
 */
final class BrokenRetries {

  private BrokenRetries() {}

  /** Everything FaultyRetry supports: all but ASYNC. */
  static Set<RetryFeature> features() {
    return EnumSet.complementOf(EnumSet.of(RetryFeature.ASYNC));
  }

  abstract static class Broken extends RetryTck {
    private final Fault fault;

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected Retry newRetry(RetrySpec spec) {
      return new FaultyRetry(fault, spec);
    }

    @Override
    protected Set<RetryFeature> features() {
      return BrokenRetries.features();
    }

    @Override
    protected String implementationName() {
      return "FaultyRetry(" + fault + ")";
    }
  }

  static final class RetriesPastDeadline extends Broken { RetriesPastDeadline() { super(Fault.RETRIES_PAST_DEADLINE); } }
  static final class OneAttemptTooMany extends Broken { OneAttemptTooMany() { super(Fault.ONE_ATTEMPT_TOO_MANY); } }
  static final class RetriesNonRetryable extends Broken { RetriesNonRetryable() { super(Fault.RETRIES_NON_RETRYABLE); } }
  static final class IgnoresBackoff extends Broken { IgnoresBackoff() { super(Fault.IGNORES_BACKOFF); } }
  static final class JitterOutsideBounds extends Broken { JitterOutsideBounds() { super(Fault.JITTER_OUTSIDE_BOUNDS); } }
  static final class ConstantJitter extends Broken { ConstantJitter() { super(Fault.CONSTANT_JITTER); } }
  static final class Overflows extends Broken { Overflows() { super(Fault.OVERFLOWS); } }
  static final class WrapsFinalException extends Broken { WrapsFinalException() { super(Fault.WRAPS_FINAL_EXCEPTION); } }
  static final class IgnoresBudget extends Broken { IgnoresBudget() { super(Fault.IGNORES_BUDGET); } }
  static final class SharesAttemptCounter extends Broken { SharesAttemptCounter() { super(Fault.SHARES_ATTEMPT_COUNTER); } }
  static final class SwallowsInterruption extends Broken { SwallowsInterruption() { super(Fault.SWALLOWS_INTERRUPTION); } }
  static final class SleepsAfterLastAttempt extends Broken { SleepsAfterLastAttempt() { super(Fault.SLEEPS_AFTER_LAST_ATTEMPT); } }
  static final class DelayToMillis extends Broken { DelayToMillis() { super(Fault.DELAY_TO_MILLIS); } }
  static final class DecorrelatedForgetsPrevious extends Broken {
    DecorrelatedForgetsPrevious() { super(Fault.DECORRELATED_FORGETS_PREVIOUS); }
  }
  static final class ClearsInterruptStatus extends Broken { ClearsInterruptStatus() { super(Fault.CLEARS_INTERRUPT_STATUS); } }
  static final class ErrorNotCounted extends Broken { ErrorNotCounted() { super(Fault.ERROR_NOT_COUNTED); } }
  static final class ResultBackoffNotGrown extends Broken { ResultBackoffNotGrown() { super(Fault.RESULT_BACKOFF_NOT_GROWN); } }
  static final class StrictBackoffChecks extends Broken { StrictBackoffChecks() { super(Fault.STRICT_BACKOFF_CHECKS); } }
  static final class JitterExclusiveUpper extends Broken { JitterExclusiveUpper() { super(Fault.JITTER_EXCLUSIVE_UPPER); } }
  static final class WaitsToTheDeadline extends Broken { WaitsToTheDeadline() { super(Fault.WAITS_TO_THE_DEADLINE); } }
  static final class RequestRecordedOnFailure extends Broken {
    RequestRecordedOnFailure() { super(Fault.REQUEST_RECORDED_ON_FAILURE); }
  }
  static final class DenialNotCounted extends Broken { DenialNotCounted() { super(Fault.DENIAL_NOT_COUNTED); } }
  static final class GiveUpNotToldOnResult extends Broken {
    GiveUpNotToldOnResult() { super(Fault.GIVE_UP_NOT_TOLD_ON_RESULT); }
  }
  static final class ConfigWithoutBackoff extends Broken { ConfigWithoutBackoff() { super(Fault.CONFIG_WITHOUT_BACKOFF); } }

  /** Trestle's retry whose callAsync returns a stage derived from the retry's future (see {@link DetachedAsyncRetry}). */
  static final class DetachedAsyncFuture extends RetryTck {
    @Override
    protected Retry newRetry(RetrySpec spec) {
      return new DetachedAsyncRetry(TrestleRetries.build(spec, true));
    }

    @Override
    protected Set<RetryFeature> features() {
      return EnumSet.allOf(RetryFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyRetry(DETACHED_ASYNC_FUTURE)";
    }
  }

  /** Trestle's retry whose callAsync makes the first attempt outside the retry (see {@link EagerAsyncRetry}). */
  static final class EagerFirstAsyncAttempt extends RetryTck {
    @Override
    protected Retry newRetry(RetrySpec spec) {
      return new EagerAsyncRetry(TrestleRetries.build(spec, true));
    }

    @Override
    protected Set<RetryFeature> features() {
      return EnumSet.allOf(RetryFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyRetry(EAGER_FIRST_ASYNC_ATTEMPT)";
    }
  }

  /** Trestle's retry whose callAsync hands it each failure's root cause (see {@link RootCauseAsyncRetry}). */
  static final class RootCauseOfAsyncFailures extends RetryTck {
    @Override
    protected Retry newRetry(RetrySpec spec) {
      return new RootCauseAsyncRetry(TrestleRetries.build(spec, true));
    }

    @Override
    protected Set<RetryFeature> features() {
      return EnumSet.allOf(RetryFeature.class);
    }

    @Override
    protected String implementationName() {
      return "FaultyRetry(ROOT_CAUSE_OF_ASYNC_FAILURES)";
    }
  }

  /** The faultless retry, to show the faults are the only difference. */
  static final class Faultless extends RetryTck {
    @Override
    protected Retry newRetry(RetrySpec spec) {
      return new FaultyRetry(null, spec);
    }

    @Override
    protected Set<RetryFeature> features() {
      return BrokenRetries.features();
    }
  }
}
