package dev.trestle.tck.retry;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryBudget;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.retry.RetryMetrics;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
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
    SHARES_ATTEMPT_COUNTER
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
    this.config = RetryConfig.builder().maxAttempts(spec.maxAttempts()).backoff(spec.backoff()).build();
    this.budget = spec.budget() == null ? null
        : RetryBudget.of(spec.budget().ratio(), spec.budget().minRetriesPerSecond(), spec.budget().ttl(), spec.ticker());
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    if (task == null) {
      throw new NullPointerException("task");
    }
    long start = spec.ticker().read();
    long remaining = Long.MAX_VALUE;
    if (Deadline.current().isPresent()) {
      remaining = Deadline.current().get().remainingNanos();
    }
    if (spec.maxDuration() != null) {
      remaining = Math.min(remaining, spec.maxDuration().toNanos());
    }
    long end = remaining == Long.MAX_VALUE ? Long.MAX_VALUE : start + remaining;
    boolean watchDeadline = fault != Fault.RETRIES_PAST_DEADLINE && end != Long.MAX_VALUE;
    if (watchDeadline && spec.ticker().read() >= end) {
      throw new DeadlineExceededException(remaining, 0);
    }
    if (budget != null) {
      budget.recordRequest();
    }
    int lastAttempt = fault == Fault.ONE_ATTEMPT_TOO_MANY ? spec.maxAttempts() + 1 : spec.maxAttempts();
    long previous = 0;
    sharedAttempts.set(0);
    for (int attempt = 1; ; attempt++) {
      Exception failure = null;
      T value = null;
      try {
        value = task.call();
      } catch (Exception e) {
        failure = e;
      }
      if (failure == null && (spec.retryOnResult() == null || !spec.retryOnResult().test(value))) {
        return value;
      }
      if (failure != null && !retryable(failure)) {
        throw failure;
      }
      int counted = sharedAttempts.incrementAndGet();
      if ((fault == Fault.SHARES_ATTEMPT_COUNTER ? counted : attempt) >= lastAttempt) {
        return giveUp(failure, value);
      }
      long delay = fault == Fault.IGNORES_BACKOFF ? 0 : delay(attempt, previous);
      if (watchDeadline && spec.ticker().read() + delay >= end) {
        DeadlineExceededException exceeded = new DeadlineExceededException(remaining, spec.ticker().read() - start);
        if (failure == null) {
          return value;
        }
        exceeded.initCause(failure);
        throw exceeded;
      }
      if (budget != null && fault != Fault.IGNORES_BUDGET && !budget.tryAcquireRetry()) {
        return giveUp(failure, value);
      }
      previous = delay;
      if (delay > 0) {
        await(delay, failure);
      }
    }
  }

  private <T> T giveUp(Exception failure, T value) throws Exception {
    if (failure == null) {
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
    Backoff backoff = spec.backoff();
    long base = backoff.base().toNanos();
    long cap = backoff.cap().toNanos();
    if (fault == Fault.OVERFLOWS && backoff.kind() == Backoff.Kind.EXPONENTIAL) {
      return Math.min(cap, base * (long) Math.pow(backoff.multiplier(), retry - 1));
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
      Thread.currentThread().interrupt();
      throw interrupted;
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
    return new RetryMetrics(0, 0, 0, 0, 0);
  }

  @Override
  public String toString() {
    return "FaultyRetry(" + fault + ")";
  }
}
