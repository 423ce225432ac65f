package dev.trestle.core.timeout;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Deadlines;
import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The time limiter: a {@link FutureTask} on the executor per synchronous call and the caller parked
 * on it, with a timed park on the system ticker and a timer on the scheduler on any other. FutureTask gives the two guarantees that
 * matter here for free: a task cancelled before it starts never runs, and its interrupt reaches
 * only the run it was meant for (the pool clears it before the thread's next task).
 */
final class DefaultTimeLimiter implements TimeLimiter {

  private final TimeLimiterConfig config;
  private final Ticker ticker;
  private final Scheduler scheduler;
  private final boolean realTime;
  private final java.util.List<TimeLimiterListener> listeners;

  DefaultTimeLimiter(TimeLimiterConfig config) {
    this.config = config;
    this.ticker = config.ticker();
    this.scheduler = config.scheduler();
    this.realTime = ticker == Ticker.system();
    this.listeners = config.listeners();
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    Arguments.requireNonNull(task, "task");
    if (listeners.isEmpty()) {
      return limit(task);
    }
    long start = ticker.read();
    T value;
    try {
      value = limit(task);
    } catch (Exception | Error failure) {
      tell(start, failure);
      throw failure;
    }
    tell(start, null);
    return value;
  }

  private <T> T limit(Callable<T> task) throws Exception {
    long start = ticker.read();
    Deadline outer = Deadlines.currentOrNull();
    long limit = limitNanos(outer);
    if (limit <= 0) {
      throw alreadyExpired(outer);
    }
    Deadline deadline = taskDeadline(outer, start, limit);
    Attempt<T> attempt = new Attempt<>(() -> Deadlines.callAsOnly(deadline, task), start);
    return realTime ? callTimed(attempt, limit) : callScheduled(attempt, limit);
  }

  /**
   * On the system ticker the caller's own timed park is the timer: no timer thread is woken per
   * call, which on a lightly loaded limiter would cost a context switch each time.
   */
  private <T> T callTimed(Attempt<T> attempt, long limit) throws Exception {
    config.executor().execute(attempt);
    try {
      return attempt.get(limit, TimeUnit.NANOSECONDS);
    } catch (TimeoutException late) {
      long elapsed = ticker.read() - attempt.start;
      if (attempt.cancel(config.interruptOnTimeout())) {
        throw new DeadlineExceededException(limit, elapsed);
      }
      return outcome(attempt); // it finished just as the limit passed
    } catch (ExecutionException failed) {
      throw rethrow(failed);
    } catch (InterruptedException interrupted) {
      attempt.cancel(config.interruptOnTimeout());
      throw interrupted;
    }
  }

  /** On any other ticker the scheduler fires the timeout, so a manual ticker drives it exactly. */
  private <T> T callScheduled(Attempt<T> attempt, long limit) throws Exception {
    Cancellable timer = scheduler.schedule(() -> attempt.expire(config.interruptOnTimeout()), limit);
    try {
      config.executor().execute(attempt);
    } catch (RuntimeException | Error rejected) {
      timer.cancel();
      throw rejected;
    }
    try {
      T value = attempt.get();
      timer.cancel();
      return value;
    } catch (CancellationException cancelled) {
      throw new DeadlineExceededException(limit, attempt.elapsedAtExpiry);
    } catch (ExecutionException failed) {
      timer.cancel();
      throw rethrow(failed);
    } catch (InterruptedException interrupted) {
      timer.cancel();
      attempt.cancel(config.interruptOnTimeout());
      throw interrupted;
    }
  }

  private static <T> T outcome(Attempt<T> done) throws Exception {
    try {
      return done.get();
    } catch (ExecutionException failed) {
      throw rethrow(failed);
    }
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    Arguments.requireNonNull(task, "task");
    if (listeners.isEmpty()) {
      return limitAsync(task);
    }
    long start = ticker.read();
    CompletableFuture<T> result = limitAsync(task);
    AtomicBoolean cancelledByCaller = new AtomicBoolean();
    CompletableFuture<T> told = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        cancelledByCaller.set(true); // before the limiter's future ends, so its listener call sees it
        result.cancel(mayInterruptIfRunning);
        return super.cancel(mayInterruptIfRunning);
      }
    };
    result.whenComplete((value, failure) -> {
      Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (!(cause instanceof CancellationException && cancelledByCaller.get())) {
        tell(start, cause);
      }
      if (failure != null) {
        told.completeExceptionally(failure);
      } else {
        told.complete(value);
      }
    });
    return told;
  }

  /** Tells every listener how a call that began at {@code start} ended; {@code failure} null is a success. */
  private void tell(long start, Throwable failure) {
    Duration elapsed = Duration.ofNanos(ticker.read() - start);
    for (TimeLimiterListener listener : listeners) {
      try {
        if (failure == null) {
          listener.onSuccess(elapsed);
        } else if (failure instanceof DeadlineExceededException) {
          listener.onTimeout(elapsed);
        } else {
          listener.onError(elapsed, failure);
        }
      } catch (RuntimeException | Error ignored) {
        // a listener cannot change the call's outcome
      }
    }
  }

  private <T> CompletableFuture<T> limitAsync(Supplier<? extends CompletionStage<T>> task) {
    long start = ticker.read();
    Deadline outer = Deadlines.currentOrNull();
    long limit = limitNanos(outer);
    if (limit <= 0) {
      return CompletableFuture.failedFuture(alreadyExpired(outer));
    }
    Deadline deadline = taskDeadline(outer, start, limit);
    CompletionStage<T> stage;
    try {
      stage = Deadlines.callAsOnly(deadline, task::get);
    } catch (Exception | Error failed) {
      return CompletableFuture.failedFuture(failed);
    }
    if (stage == null) {
      return CompletableFuture.failedFuture(new NullPointerException("task returned a null CompletionStage"));
    }
    AsyncAttempt<T> attempt = new AsyncAttempt<>(stage, start, limit, config.interruptOnTimeout());
    attempt.timer = scheduler.schedule(attempt::expire, limit);
    stage.whenComplete(attempt::settle);
    return attempt;
  }

  @Override
  public TimeLimiterConfig config() {
    return config;
  }

  /** The smaller of the timeout and what remains of the deadline the caller runs under. */
  private long limitNanos(Deadline outer) {
    long limit = config.timeoutNanos();
    return outer == null ? limit : Math.min(limit, outer.remainingNanos());
  }

  /** The caller's deadline when it binds and is on our ticker (exact), else one at start + limit. */
  private Deadline taskDeadline(Deadline outer, long start, long limit) {
    if (outer != null && outer.ticker() == ticker && limit < config.timeoutNanos()) {
      return outer;
    }
    return Deadlines.at(ticker, start, limit);
  }

  private static DeadlineExceededException alreadyExpired(Deadline outer) {
    return new DeadlineExceededException(0, 0,
        "the caller's deadline had passed " + Durations.format(-outer.remainingNanos())
            + " before the call began; the task was not started");
  }

  private static Exception rethrow(ExecutionException failed) {
    Throwable cause = failed.getCause();
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return cause instanceof Exception ? (Exception) cause : failed;
  }

  @Override
  public String toString() {
    return "TimeLimiter[" + config + "]";
  }

  /** One synchronous call: the task, and when it was cut off. */
  private final class Attempt<T> extends FutureTask<T> {
    final long start;
    volatile long elapsedAtExpiry;

    Attempt(Callable<T> callable, long start) {
      super(callable);
      this.start = start;
    }

    void expire(boolean interrupt) {
      if (!isDone()) {
        elapsedAtExpiry = ticker.read() - start;
        cancel(interrupt);
      }
    }
  }

  /**
   * One asynchronous call: completes with the stage's outcome or with the timeout, whichever is
   * decided first. The decision is taken once (a CAS) and its side effects (disarming the timer,
   * cancelling the stage) happen before this future completes, so anyone woken by the result
   * already sees them.
   */
  private final class AsyncAttempt<T> extends CompletableFuture<T> {
    private final CompletionStage<T> stage;
    private final long start;
    private final long limit;
    private final boolean interrupt;
    private final AtomicBoolean decided = new AtomicBoolean();
    volatile Cancellable timer;

    AsyncAttempt(CompletionStage<T> stage, long start, long limit, boolean interrupt) {
      this.stage = stage;
      this.start = start;
      this.limit = limit;
      this.interrupt = interrupt;
    }

    void expire() {
      if (decided.compareAndSet(false, true)) {
        DeadlineExceededException timeout = new DeadlineExceededException(limit, ticker.read() - start);
        cancelStage();
        completeExceptionally(timeout);
      }
    }

    void settle(T value, Throwable failure) {
      if (decided.compareAndSet(false, true)) {
        disarm();
        if (failure != null) {
          completeExceptionally(failure);
        } else {
          complete(value);
        }
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (!decided.compareAndSet(false, true)) {
        return isCancelled();
      }
      disarm();
      cancelStage();
      return super.cancel(mayInterruptIfRunning);
    }

    private void disarm() {
      Cancellable armed = timer;
      if (armed != null) {
        armed.cancel();
      }
    }

    private void cancelStage() {
      try {
        stage.toCompletableFuture().cancel(interrupt);
      } catch (UnsupportedOperationException notACompletableFuture) {
        // The stage cannot be cancelled from outside; its result will be ignored.
      }
    }
  }
}
