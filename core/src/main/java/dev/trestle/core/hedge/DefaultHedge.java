package dev.trestle.core.hedge;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Deadlines;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.FlightRecorderGate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The hedge: one {@link HedgedCall} per call, which owns its attempts and its two timers (the next
 * hedge, the deadline) and is settled once, by whichever of a success, the last failure, the
 * deadline or a cancellation completes its future first. Everything that must stop then (timers,
 * other attempts) is stopped in one place, the future's completion callback.
 */
final class DefaultHedge implements Hedge {

  private final HedgeConfig config;
  private final Ticker ticker;
  private final Scheduler scheduler;
  private final LatencyWindow latencies;
  private final HedgeBudget budget;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong hedgesSent = new AtomicLong();
  private final AtomicLong hedgesWon = new AtomicLong();
  private final AtomicLong budgetDenials = new AtomicLong();

  DefaultHedge(HedgeConfig config) {
    this.config = config;
    this.ticker = config.ticker;
    this.scheduler = config.scheduler;
    this.latencies = config.adaptiveDelay()
        ? new LatencyWindow(config.latencyWindow, config.percentile, config.floorNanos) : null;
    this.budget = new HedgeBudget(config.budgetRatio, config.budgetMinPerSecond, ticker);
  }

  private long delayNanos() {
    return latencies == null ? config.fixedDelayNanos : latencies.delayNanos();
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> attempt) {
    Arguments.requireNonNull(attempt, "attempt");
    Deadline deadline = Deadlines.currentOrNull();
    if (deadline != null && deadline.isExpired()) {
      return CompletableFuture.failedFuture(new DeadlineExceededException(0, 0,
          "the caller's deadline had passed " + Durations.format(-deadline.remainingNanos())
              + " before the call began; no attempt was sent"));
    }
    calls.incrementAndGet();
    budget.deposit();
    HedgedCall<T> call = new HedgedCall<>(attempt, deadline);
    call.start();
    return call.result;
  }

  @Override
  public <T> T call(Callable<T> attempt) throws Exception {
    Arguments.requireNonNull(attempt, "attempt");
    CompletableFuture<T> result = callAsync(() -> {
      // Runs under the call's deadline (see HedgedCall.send), which wrap carries to the worker.
      InterruptibleAttempt<T> task = new InterruptibleAttempt<>(Deadline.wrap(attempt));
      config.executor.execute(task.task);
      return task;
    });
    try {
      return result.get();
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw cause instanceof Exception ? (Exception) cause : failed;
    } catch (InterruptedException interrupted) {
      result.cancel(true);
      throw interrupted;
    }
  }

  @Override
  public HedgeMetrics metrics() {
    return new HedgeMetrics(calls.get(), hedgesSent.get(), hedgesWon.get(), budgetDenials.get(), delayNanos());
  }

  @Override
  public HedgeConfig config() {
    return config;
  }

  @Override
  public String toString() {
    return "Hedge[" + config + ", " + metrics() + "]";
  }

  /**
   * Adds each of {@code others} to {@code failure} as suppressed, so the failures of the other
   * attempts are not lost; never the failure itself nor one instance twice (an attempt may rethrow
   * a shared exception), which {@link Throwable#addSuppressed} would refuse or repeat.
   */
  private static void suppress(Throwable failure, List<Throwable> others) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(failure);
    seen.addAll(Arrays.asList(failure.getSuppressed()));
    for (Throwable other : others) {
      if (seen.add(other)) {
        failure.addSuppressed(other);
      }
    }
  }

  private static void cancel(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().cancel(true);
    } catch (UnsupportedOperationException notCancellable) {
      // the stage cannot be cancelled from outside; its answer will be ignored
    }
  }

  /** One hedged call. Its mutable state is guarded by {@code lock}; user code never runs under it. */
  private final class HedgedCall<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final Supplier<? extends CompletionStage<T>> attempt;
    final Deadline deadline;
    final long start = ticker.read();
    final long delay = delayNanos();
    final ReentrantLock lock = new ReentrantLock();
    final List<CompletionStage<T>> attempts = new ArrayList<>(2); // guarded by lock
    int sent; // guarded by lock
    int pending; // attempts sent and not yet answered; guarded by lock
    final List<Throwable> failures = new ArrayList<>(1); // of attempts that failed while others were pending; guarded by lock
    boolean settled; // guarded by lock
    Cancellable hedgeTimer; // guarded by lock
    Cancellable deadlineTimer; // guarded by lock

    HedgedCall(Supplier<? extends CompletionStage<T>> attempt, Deadline deadline) {
      this.attempt = attempt;
      this.deadline = deadline;
    }

    void start() {
      result.whenComplete((value, failure) -> stop());
      if (deadline != null) {
        long limit = deadline.remainingNanos();
        Cancellable timer = scheduler.schedule(() -> expire(limit), limit);
        if (!arm(timer, true)) {
          timer.cancel();
        }
      }
      send(0);
    }

    /** Stores a timer unless the call is already settled; returns whether it was stored. */
    private boolean arm(Cancellable timer, boolean isDeadline) {
      lock.lock();
      try {
        if (settled) {
          return false;
        }
        if (isDeadline) {
          deadlineTimer = timer;
        } else {
          hedgeTimer = timer;
        }
        return true;
      } finally {
        lock.unlock();
      }
    }

    /** Sends attempt {@code index} (0 is the first) and, if another may follow, arms its timer. */
    private void send(int index) {
      lock.lock();
      try {
        if (settled) {
          return;
        }
        sent++;
        pending++;
      } finally {
        lock.unlock();
      }
      // Arm the next hedge before sending: the delay runs from the moment the attempt is sent, and an
      // attempt that starts (or answers) at once cannot race ahead of its own timer.
      if (index + 1 < config.maxAttempts) {
        Cancellable timer = scheduler.schedule(() -> hedge(index + 1), delay);
        if (!arm(timer, false)) {
          timer.cancel();
        }
      }
      CompletionStage<T> stage;
      try {
        stage = deadline == null ? attempt.get() : Deadlines.callAsOnly(deadline, attempt::get);
        if (stage == null) {
          throw new NullPointerException("the attempt supplier returned a null CompletionStage");
        }
      } catch (Throwable failure) {
        stage = CompletableFuture.failedFuture(failure);
      }
      boolean late;
      lock.lock();
      try {
        late = settled;
        if (!late) {
          attempts.add(stage);
        }
      } finally {
        lock.unlock();
      }
      if (late) {
        cancel(stage);
        return;
      }
      stage.whenComplete((value, failure) -> answered(index, value, failure));
    }

    /** The delay passed without an answer: send attempt {@code index} if still wanted and allowed. */
    private void hedge(int index) {
      lock.lock();
      try {
        if (settled || pending == 0) {
          return;
        }
      } finally {
        lock.unlock();
      }
      if (deadline != null && deadline.isExpired()) {
        return; // the deadline timer settles the call
      }
      if (!budget.tryWithdraw()) {
        budgetDenials.incrementAndGet();
        return;
      }
      hedgesSent.incrementAndGet();
      if (FlightRecorderGate.open()) {
        HedgeSentEvent.commit(config.name(), index + 1, ticker, start);
      }
      send(index);
    }

    private void answered(int index, T value, Throwable failure) {
      if (failure == null) {
        long elapsed = ticker.read() - start;
        if (result.complete(value)) {
          if (latencies != null) {
            latencies.record(elapsed);
          }
          if (index > 0) {
            hedgesWon.incrementAndGet();
          }
        }
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      List<Throwable> earlier;
      lock.lock();
      try {
        if (settled) {
          return;
        }
        if (--pending > 0) {
          failures.add(cause);
          return;
        }
        // Settled here, not only when the result completes: a hedge timer firing now must not send
        // an attempt after the last one has failed.
        settled = true;
        earlier = new ArrayList<>(failures);
      } finally {
        lock.unlock();
      }
      if (latencies != null && index == 0) {
        latencies.record(ticker.read() - start);
      }
      suppress(cause, earlier);
      result.completeExceptionally(cause);
    }

    private void expire(long limit) {
      DeadlineExceededException exceeded = new DeadlineExceededException(limit, ticker.read() - start,
          "hedged call '" + config.name + "'");
      List<Throwable> earlier;
      lock.lock();
      try {
        earlier = new ArrayList<>(failures);
      } finally {
        lock.unlock();
      }
      suppress(exceeded, earlier);
      result.completeExceptionally(exceeded);
    }

    /** Runs once the result is complete, however: stops the timers and cancels every attempt. */
    private void stop() {
      List<CompletionStage<T>> toCancel;
      Cancellable hedge;
      Cancellable expiry;
      lock.lock();
      try {
        settled = true;
        toCancel = new ArrayList<>(attempts);
        hedge = hedgeTimer;
        expiry = deadlineTimer;
      } finally {
        lock.unlock();
      }
      if (hedge != null) {
        hedge.cancel();
      }
      if (expiry != null) {
        expiry.cancel();
      }
      for (CompletionStage<T> stage : toCancel) {
        cancel(stage);
      }
    }
  }

  /** A synchronous attempt on the executor whose cancellation interrupts it. */
  private static final class InterruptibleAttempt<T> extends CompletableFuture<T> {
    final FutureTask<T> task;

    InterruptibleAttempt(Callable<T> callable) {
      this.task = new FutureTask<>(callable) {
        @Override
        protected void done() {
          if (isCancelled()) {
            InterruptibleAttempt.super.cancel(false);
            return;
          }
          try {
            InterruptibleAttempt.this.complete(get());
          } catch (ExecutionException failed) {
            InterruptibleAttempt.this.completeExceptionally(failed.getCause());
          } catch (InterruptedException cannotHappen) {
            Thread.currentThread().interrupt();
          }
        }
      };
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      task.cancel(mayInterruptIfRunning);
      return super.cancel(mayInterruptIfRunning);
    }
  }
}
