package dev.trestle.core.retry;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Deadlines;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.FlightRecorderGate;
import dev.trestle.core.internal.TimedPark;
import dev.trestle.core.retry.RetryListener.GiveUp;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The retry: one {@link Attempts} per call holds the attempt number, the previous delay and the
 * deadline, and decides after each attempt whether and when to try again; {@link #call} parks
 * through the shared {@code TimedPark} (a timed park on the system clock, a timer on the scheduler
 * otherwise), {@link #callAsync} lets the scheduler start the next attempt.
 */
final class DefaultRetry implements Retry {

  private final RetryConfig config;
  private final LongAdder succeededWithoutRetry = new LongAdder();
  private final LongAdder succeededAfterRetry = new LongAdder();
  private final LongAdder failedWithoutRetry = new LongAdder();
  private final LongAdder failedAfterRetry = new LongAdder();
  private final LongAdder deniedByBudget = new LongAdder();

  DefaultRetry(RetryConfig config) {
    this.config = config;
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    Arguments.requireNonNull(task, "task");
    Attempts attempts = new Attempts();
    attempts.begin();
    while (true) {
      T value;
      try {
        value = attempts.run(task);
      } catch (Exception | Error failure) {
        long delay = attempts.afterFailure(failure);
        if (delay < 0) {
          if (attempts.lastResultRetried) {
            @SuppressWarnings("unchecked") // the previous attempt of this same task returned it
            T last = (T) attempts.lastResult;
            return last;
          }
          throw attempts.failureToThrow();
        }
        attempts.await(delay);
        continue;
      }
      if (!config.retryOnResult().test(value)) {
        attempts.succeeded();
        return value;
      }
      if (attempts.afterResult(value) < 0) {
        return value;
      }
      attempts.await(attempts.previousDelay);
    }
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    Arguments.requireNonNull(task, "task");
    Attempts attempts = new Attempts();
    try {
      attempts.begin();
    } catch (DeadlineExceededException expired) {
      return CompletableFuture.failedFuture(expired);
    }
    AsyncCall<T> call = new AsyncCall<>(task, attempts);
    call.attempt();
    return call;
  }

  @Override
  public RetryConfig config() {
    return config;
  }

  @Override
  public RetryMetrics metrics() {
    return new RetryMetrics(succeededWithoutRetry.sum(), succeededAfterRetry.sum(), failedWithoutRetry.sum(),
        failedAfterRetry.sum(), deniedByBudget.sum());
  }

  @Override
  public String toString() {
    return "Retry[" + config + "]";
  }

  /** One call's attempts. Used by one thread at a time: each step happens after the previous. */
  private final class Attempts {
    final long start = config.ticker().read();
    Deadline deadline;
    long limitNanos;
    int attempt;
    long previousDelay;
    Throwable lastFailure;
    Object lastResult;
    boolean lastResultRetried;
    GiveUp reason;

    /** Fixes the deadline; throws DeadlineExceededException if it has already passed. */
    void begin() {
      Deadline own = config.maxDuration() == null ? null
          : Deadlines.at(config.ticker(), start, Durations.nonNegativeNanos(config.maxDuration(), "maxDuration"));
      deadline = Deadlines.earlier(Deadlines.currentOrNull(), own);
      if (deadline != null) {
        limitNanos = deadline.remainingNanos();
        if (limitNanos <= 0) {
          giveUp(GiveUp.DEADLINE);
          throw new DeadlineExceededException(0, 0, "retry " + config.name()
              + ": the deadline had passed " + Durations.format(-limitNanos)
              + " before the call began; no attempt was made");
        }
      }
      if (config.budget() != null) {
        config.budget().recordRequest();
      }
    }

    <T> T run(Callable<T> task) throws Exception {
      beforeAttempt();
      return deadline == null ? task.call() : Deadlines.callAsOnly(deadline, task);
    }

    <T> CompletionStage<T> runAsync(Supplier<? extends CompletionStage<T>> task) throws Exception {
      beforeAttempt();
      return deadline == null ? task.get() : Deadlines.callAsOnly(deadline, task::get);
    }

    private void beforeAttempt() {
      if (attempt > 0 && deadline != null && deadline.isExpired()) {
        reason = GiveUp.DEADLINE; // reached only if a wake-up came late, or the deadline is on another ticker
        throw new AttemptNotStarted();
      }
      attempt++;
    }

    /** After a failed attempt: the delay before the next one, or -1 to give up. */
    long afterFailure(Throwable failure) {
      if (failure instanceof AttemptNotStarted) {
        giveUp(GiveUp.DEADLINE);
        return -1;
      }
      lastFailure = failure;
      lastResult = null;
      lastResultRetried = false;
      if (!config.isRetryable(failure)) {
        giveUp(GiveUp.NOT_RETRYABLE);
        return -1;
      }
      return next(failure, null);
    }

    /** After an attempt whose result is retried: the delay before the next one, or -1 to give up. */
    long afterResult(Object result) {
      lastFailure = null;
      lastResult = result;
      lastResultRetried = true;
      return next(null, result);
    }

    private long next(Throwable failure, Object result) {
      if (attempt >= config.maxAttempts()) {
        giveUp(GiveUp.EXHAUSTED);
        return -1;
      }
      long delay = config.backoff().delayNanos(attempt, previousDelay, config.random());
      if (deadline != null && delay >= deadline.remainingNanos()) {
        giveUp(GiveUp.DEADLINE);
        return -1;
      }
      if (config.budget() != null && !config.budget().tryAcquireRetry()) {
        deniedByBudget.increment();
        giveUp(GiveUp.BUDGET_DENIED);
        return -1;
      }
      previousDelay = delay;
      for (RetryListener listener : config.listeners()) {
        try {
          listener.onRetry(config.name(), attempt, Duration.ofNanos(delay), failure, result);
        } catch (RuntimeException ignored) {
          // a listener must not change the call
        }
      }
      return delay;
    }

    /** Parks the caller for the delay, on the config's clock (the delay was fitted to the deadline). */
    void await(long delay) throws InterruptedException {
      try {
        TimedPark.sleep(config.ticker(), config.scheduler(), delay);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        InterruptedException thrown = new InterruptedException("retry " + config.name()
            + " was interrupted while waiting " + Duration.ofNanos(delay) + " before attempt " + (attempt + 1));
        if (lastFailure != null) {
          thrown.addSuppressed(lastFailure);
        }
        giveUp(GiveUp.INTERRUPTED);
        throw thrown;
      }
    }

    void succeeded() {
      (attempt == 1 ? succeededWithoutRetry : succeededAfterRetry).increment();
      for (RetryListener listener : config.listeners()) {
        try {
          listener.onSuccess(config.name(), attempt);
        } catch (RuntimeException ignored) {
          // a listener must not change the call
        }
      }
    }

    private void giveUp(GiveUp why) {
      reason = why;
      (attempt <= 1 ? failedWithoutRetry : failedAfterRetry).increment();
      if (FlightRecorderGate.open()) {
        RetryExhaustedEvent.commit(config.name(), attempt, why, lastFailure);
      }
      for (RetryListener listener : config.listeners()) {
        try {
          listener.onGiveUp(config.name(), attempt, why, lastFailure);
        } catch (RuntimeException ignored) {
          // a listener must not change the call
        }
      }
    }

    /** What a call that gave up after a failure throws: the failure, or the deadline's exception. */
    Exception failureToThrow() {
      Throwable failure = reason == GiveUp.DEADLINE ? deadlineExceeded() : lastFailure;
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      return (Exception) failure;
    }

    private DeadlineExceededException deadlineExceeded() {
      long elapsed = config.ticker().read() - start;
      DeadlineExceededException exceeded = new DeadlineExceededException(limitNanos, elapsed, "retry "
          + config.name() + " gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts")
          + ": the next attempt could not start before the deadline");
      if (lastFailure != null) {
        exceeded.initCause(lastFailure);
      }
      return exceeded;
    }
  }

  /** Signals, inside {@link Attempts#run}, that the deadline passed before an attempt could start. */
  private static final class AttemptNotStarted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AttemptNotStarted() {
      super(null, null, false, false);
    }
  }

  /** One asynchronous call: completes with the outcome {@link #call} would have had. */
  private final class AsyncCall<T> extends CompletableFuture<T> {
    private final Supplier<? extends CompletionStage<T>> task;
    private final Attempts attempts;
    private volatile Cancellable timer;
    private volatile CompletionStage<T> stage;

    AsyncCall(Supplier<? extends CompletionStage<T>> task, Attempts attempts) {
      this.task = task;
      this.attempts = attempts;
    }

    void attempt() {
      if (isDone()) {
        return; // cancelled while waiting
      }
      CompletionStage<T> started;
      try {
        started = attempts.runAsync(task);
      } catch (Exception | Error failure) {
        settle(null, failure);
        return;
      }
      if (started == null) {
        completeExceptionally(new NullPointerException("task returned a null CompletionStage"));
        return;
      }
      stage = started;
      started.whenComplete(this::settle);
    }

    private void settle(T value, Throwable failure) {
      if (isDone()) {
        return;
      }
      if (failure instanceof CompletionException && failure.getCause() != null) {
        failure = failure.getCause();
      }
      long delay;
      if (failure != null) {
        delay = attempts.afterFailure(failure);
        if (delay < 0 && attempts.lastResultRetried) {
          @SuppressWarnings("unchecked") // the previous attempt of this same task returned it
          T last = (T) attempts.lastResult;
          complete(last);
          return;
        }
        if (delay < 0) {
          try {
            completeExceptionally(attempts.failureToThrow());
          } catch (Error error) {
            completeExceptionally(error);
          }
          return;
        }
      } else if (!config.retryOnResult().test(value)) {
        attempts.succeeded();
        complete(value);
        return;
      } else {
        delay = attempts.afterResult(value);
        if (delay < 0) {
          complete(value);
          return;
        }
      }
      if (delay == 0) {
        attempt();
      } else {
        timer = config.scheduler().schedule(this::attempt, delay);
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      Cancellable pending = timer;
      if (pending != null) {
        pending.cancel();
      }
      CompletionStage<T> current = stage;
      if (current != null) {
        try {
          current.toCompletableFuture().cancel(mayInterruptIfRunning);
        } catch (UnsupportedOperationException notACompletableFuture) {
          // the stage cannot be cancelled from outside; its outcome will be ignored
        }
      }
      return cancelled;
    }
  }
}
