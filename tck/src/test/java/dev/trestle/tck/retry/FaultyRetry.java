package dev.trestle.tck.retry;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryBudget;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.retry.RetryListener;
import dev.trestle.core.retry.RetryListener.GiveUp;
import dev.trestle.core.retry.RetryMetrics;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A simple, correct synchronous retry with one deliberate fault switched on: the kit's self-test
 * checks that each fault is caught by the rule it breaks. The faults are mistakes real retry code
 * makes.
 */
final class FaultyRetry implements Retry {

  enum Fault {
    /** Never looks at the deadline: waits and attempts past it. */
    RETRIES_PAST_DEADLINE,
    /** Loops while attempt <= maxAttempts after the first: one attempt too many. */
    ONE_ATTEMPT_TOO_MANY,
    /** Checks the retry list before the ignore list, so an ignored exception that is also listed is retried. */
    RETRIES_NON_RETRYABLE,
    /** Retries at once, whatever the backoff says. */
    IGNORES_BACKOFF,
    /** Full jitter drawn from [0, base x 2^k]: the exponent one too high, so waits run past the bound. */
    JITTER_OUTSIDE_BOUNDS,
    /** Full jitter that always waits the ceiling: no jitter at all. */
    CONSTANT_JITTER,
    /** base x (long) multiplier^(k-1) in long arithmetic: late waits overflow to nonsense. */
    OVERFLOWS,
    /** Throws a RetriesExhaustedException with the last failure as its cause. */
    WRAPS_FINAL_EXCEPTION,
    /** Never asks the budget. */
    IGNORES_BUDGET,
    /** Interrupted during a wait, throws the last failure and clears the interrupt status. */
    SWALLOWS_INTERRUPTION,
    /** Counts attempts in a field of the retry, reset by each call: concurrent calls spend each other's attempts. */
    SHARES_ATTEMPT_COUNTER,
    /** Waits the backoff after every failed attempt, the last one included, before giving up. */
    SLEEPS_AFTER_LAST_ATTEMPT,
    /** Converts each delay through whole milliseconds (a scheduler taking millis): 250.250 us becomes 0. */
    DELAY_TO_MILLIS,
    /** Decorrelated jitter drawn as for the first retry every time: the previous wait is never carried over. */
    DECORRELATED_FORGETS_PREVIOUS,
    /** Interrupted during a wait, throws InterruptedException (suppressing the last failure) without restoring the status. */
    CLEARS_INTERRUPT_STATUS,
    /** Records a call's outcome in its metrics on return and on an Exception, but not when an Error escapes. */
    ERROR_NOT_COUNTED,
    /** Retries a retried result after the first retry's delay every time: its retry number grows on exceptions only. */
    RESULT_BACKOFF_NOT_GROWN,
    /** Rejects, when built, an exponential backoff whose multiplier is 1 or whose cap equals its base (strict checks). */
    STRICT_BACKOFF_CHECKS,
    /** Draws jitter from [low, high): the upper end of each range is never drawn. */
    JITTER_EXCLUSIVE_UPPER,
    /** Gives up only when a wait would end after the deadline, so it starts one that ends exactly at it. */
    WAITS_TO_THE_DEADLINE,
    /** Records a call with the budget only once its first attempt has failed: calls that succeed at once never count. */
    REQUEST_RECORDED_ON_FAILURE,
    /** Never counts a retry the budget denied in its metrics. */
    DENIAL_NOT_COUNTED,
    /** Tells the listener of a give-up only when an exception ends the call, not when retried results run out. */
    GIVE_UP_NOT_TOLD_ON_RESULT,
    /** config() is built without the spec's backoff, so it reports RetryConfig's default backoff. */
    CONFIG_WITHOUT_BACKOFF
  }

  /** What the WRAPS_FINAL_EXCEPTION fault throws. */
  static final class RetriesExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RetriesExhaustedException(Throwable last) {
      super("retries exhausted", last);
    }
  }

  private final Fault fault;
  private final RetrySpec spec;
  private final RetryConfig config;
  private final RetryBudget budget;
  private final java.util.concurrent.atomic.AtomicInteger sharedAttempts = new java.util.concurrent.atomic.AtomicInteger();

  FaultyRetry(Fault fault, RetrySpec spec) {
    this.fault = fault;
    this.spec = spec;
    Backoff backoff = spec.backoff();
    if (fault == Fault.STRICT_BACKOFF_CHECKS && backoff.kind() == Backoff.Kind.EXPONENTIAL
        && (backoff.multiplier() <= 1 || backoff.cap().compareTo(backoff.base()) <= 0)) {
      throw new IllegalArgumentException("exponential backoff needs a multiplier above 1 and a cap above its base, was " + backoff);
    }
    this.budget = spec.budget() == null ? null
        : RetryBudget.of(spec.budget().ratio(), spec.budget().minRetriesPerSecond(), spec.budget().ttl(), spec.ticker());
    RetryConfig.Builder config = RetryConfig.builder().maxAttempts(spec.maxAttempts());
    if (fault != Fault.CONFIG_WITHOUT_BACKOFF) {
      config.backoff(backoff);
    }
    this.config = (budget == null ? config : config.budget(budget)).build();
  }

  private final java.util.concurrent.atomic.AtomicLong succeededWithoutRetry = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong succeededAfterRetry = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong failedWithoutRetry = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong failedAfterRetry = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong deniedByBudget = new java.util.concurrent.atomic.AtomicLong();

  /** What one call did: attempts made, and whether it gave up returning a retried result. */
  private static final class Progress {
    int attempts;
    boolean gaveUpOnResult;
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    if (task == null) {
      throw new NullPointerException("task");
    }
    Progress progress = new Progress();
    T value;
    try {
      value = attempts(task, progress);
    } catch (Exception e) {
      record(progress.attempts, false);
      throw e;
    } catch (Error e) {
      if (fault != Fault.ERROR_NOT_COUNTED) {
        record(progress.attempts, false);
      }
      throw e;
    }
    record(progress.attempts, !progress.gaveUpOnResult);
    return value;
  }

  private void record(int attempts, boolean succeeded) {
    if (succeeded) {
      (attempts <= 1 ? succeededWithoutRetry : succeededAfterRetry).incrementAndGet();
    } else {
      (attempts <= 1 ? failedWithoutRetry : failedAfterRetry).incrementAndGet();
    }
  }

  private <T> T attempts(Callable<T> task, Progress progress) throws Exception {
    long start = spec.ticker().read();
    long remaining = Long.MAX_VALUE;
    Deadline deadline = Deadline.current().orElse(null);
    if (deadline != null) {
      remaining = deadline.remainingNanos();
    }
    if (spec.maxDuration() != null) {
      remaining = Math.min(remaining, spec.maxDuration().toNanos());
    }
    long end = remaining == Long.MAX_VALUE ? Long.MAX_VALUE : start + remaining;
    boolean watchDeadline = fault != Fault.RETRIES_PAST_DEADLINE && end != Long.MAX_VALUE;
    if (watchDeadline && spec.ticker().read() >= end) {
      throw new DeadlineExceededException(remaining, 0);
    }
    if (budget != null && fault != Fault.REQUEST_RECORDED_ON_FAILURE) {
      budget.recordRequest();
    }
    int lastAttempt = fault == Fault.ONE_ATTEMPT_TOO_MANY ? spec.maxAttempts() + 1 : spec.maxAttempts();
    long previous = 0;
    sharedAttempts.set(0);
    Exception failure = null;
    T value = null;
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1 && watchDeadline && (spec.ticker().read() >= end || (deadline != null && deadline.isExpired()))) {
        return pastTheDeadline(failure, value, remaining, start, progress); // the wait ended late, or on another clock
      }
      failure = null;
      value = null;
      progress.attempts = attempt;
      try {
        value = task.call();
      } catch (Exception e) {
        failure = e;
      }
      if (failure == null && (spec.retryOnResult() == null || !spec.retryOnResult().test(value))) {
        if (spec.listener() != null) {
          spec.listener().onSuccess("faulty", attempt);
        }
        return value;
      }
      if (failure != null && !retryable(failure)) {
        tellGiveUp(attempt, GiveUp.NOT_RETRYABLE, failure);
        throw failure;
      }
      if (attempt == 1 && budget != null && fault == Fault.REQUEST_RECORDED_ON_FAILURE) {
        budget.recordRequest();
      }
      int counted = sharedAttempts.incrementAndGet();
      if ((fault == Fault.SHARES_ATTEMPT_COUNTER ? counted : attempt) >= lastAttempt) {
        if (fault == Fault.SLEEPS_AFTER_LAST_ATTEMPT) {
          await(delay(attempt, previous), failure);
        }
        return giveUp(failure, value, progress, GiveUp.EXHAUSTED);
      }
      int retry = failure == null && fault == Fault.RESULT_BACKOFF_NOT_GROWN ? 1 : attempt;
      long delay = fault == Fault.IGNORES_BACKOFF ? 0 : delay(retry, previous);
      long waitEnd = spec.ticker().read() + delay;
      if (watchDeadline && (fault == Fault.WAITS_TO_THE_DEADLINE ? waitEnd > end : waitEnd >= end)) {
        return pastTheDeadline(failure, value, remaining, start, progress);
      }
      if (budget != null && fault != Fault.IGNORES_BUDGET && !budget.tryAcquireRetry()) {
        if (fault != Fault.DENIAL_NOT_COUNTED) {
          deniedByBudget.incrementAndGet();
        }
        return giveUp(failure, value, progress, GiveUp.BUDGET_DENIED);
      }
      if (spec.listener() != null) {
        spec.listener().onRetry("faulty", attempt, java.time.Duration.ofNanos(delay), failure, failure == null ? value : null);
      }
      previous = delay;
      if (delay > 0) {
        await(delay, failure);
      }
    }
  }

  /** Ends a call the deadline stopped: its retried result, or DeadlineExceededException caused by its failure. */
  private <T> T pastTheDeadline(Exception failure, T value, long remaining, long start, Progress progress) {
    tellGiveUp(progress.attempts, GiveUp.DEADLINE, failure);
    if (failure == null) {
      progress.gaveUpOnResult = true;
      return value;
    }
    DeadlineExceededException exceeded = new DeadlineExceededException(remaining, spec.ticker().read() - start);
    exceeded.initCause(failure);
    throw exceeded;
  }

  private void tellGiveUp(int attempts, GiveUp reason, Exception lastFailure) {
    RetryListener listener = spec.listener();
    if (listener != null && !(fault == Fault.GIVE_UP_NOT_TOLD_ON_RESULT && lastFailure == null)) {
      listener.onGiveUp("faulty", attempts, reason, lastFailure);
    }
  }

  private <T> T giveUp(Exception failure, T value, Progress progress, GiveUp reason) throws Exception {
    tellGiveUp(progress.attempts, reason, failure);
    if (failure == null) {
      progress.gaveUpOnResult = true;
      return value;
    }
    throw fault == Fault.WRAPS_FINAL_EXCEPTION ? new RetriesExhaustedException(failure) : failure;
  }

  private boolean retryable(Exception failure) {
    if (fault == Fault.RETRIES_NON_RETRYABLE) {
      for (Class<? extends Throwable> retried : spec.retryExceptions()) {
        if (retried.isInstance(failure)) {
          return true;
        }
      }
    }
    for (Class<? extends Throwable> ignored : spec.ignoreExceptions()) {
      if (ignored.isInstance(failure)) {
        return false;
      }
    }
    if (spec.retryExceptions().isEmpty()) {
      return true;
    }
    for (Class<? extends Throwable> retried : spec.retryExceptions()) {
      if (retried.isInstance(failure)) {
        return true;
      }
    }
    return false;
  }

  private long delay(int retry, long previous) {
    long delay = plannedDelay(retry, previous);
    return fault == Fault.DELAY_TO_MILLIS ? TimeUnit.MILLISECONDS.toNanos(TimeUnit.NANOSECONDS.toMillis(delay)) : delay;
  }

  private long plannedDelay(int retry, long previous) {
    Backoff backoff = spec.backoff();
    if (fault == Fault.DECORRELATED_FORGETS_PREVIOUS && backoff.kind() == Backoff.Kind.DECORRELATED_JITTER) {
      return backoff.delayNanos(1, 0, spec.random());
    }
    long base = backoff.base().toNanos();
    long cap = backoff.cap().toNanos();
    if (fault == Fault.OVERFLOWS && backoff.kind() == Backoff.Kind.EXPONENTIAL) {
      return Math.min(cap, base * (long) Math.pow(backoff.multiplier(), retry - 1));
    }
    if (fault == Fault.JITTER_EXCLUSIVE_UPPER && backoff.kind() != Backoff.Kind.FIXED && backoff.kind() != Backoff.Kind.EXPONENTIAL) {
      long low = backoff.lowerBoundNanos(retry, previous);
      long high = backoff.upperBoundNanos(retry, previous);
      return high > low ? spec.random().nextLong(low, high) : low;
    }
    if (backoff.kind() == Backoff.Kind.FULL_JITTER) {
      if (fault == Fault.JITTER_OUTSIDE_BOUNDS) {
        return spec.random().nextLong(0, Math.min(cap, base << Math.min(retry, 40)) + 1);
      }
      if (fault == Fault.CONSTANT_JITTER) {
        return backoff.upperBoundNanos(retry, previous);
      }
    }
    return backoff.delayNanos(retry, previous, spec.random());
  }

  private void await(long delay, Exception failure) throws Exception {
    CountDownLatch wake = new CountDownLatch(1);
    Cancellable timer = spec.scheduler().schedule(wake::countDown, delay);
    try {
      wake.await();
    } catch (InterruptedException interrupted) {
      timer.cancel();
      if (fault == Fault.SWALLOWS_INTERRUPTION && failure != null) {
        throw failure;
      }
      InterruptedException reported = new InterruptedException("interrupted while waiting to retry");
      if (failure != null) {
        reported.addSuppressed(failure);
      }
      if (fault != Fault.CLEARS_INTERRUPT_STATUS) {
        Thread.currentThread().interrupt();
      }
      throw reported;
    }
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    throw new UnsupportedOperationException("FaultyRetry is synchronous only");
  }

  @Override
  public RetryConfig config() {
    return config;
  }

  @Override
  public RetryMetrics metrics() {
    return new RetryMetrics(succeededWithoutRetry.get(), succeededAfterRetry.get(), failedWithoutRetry.get(),
        failedAfterRetry.get(), deniedByBudget.get());
  }

  @Override
  public String toString() {
    return "FaultyRetry(" + fault + ")";
  }
}
