package dev.trestle.tck.timeout;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A simple, correct time limiter with one deliberate fault switched on: the kit's self-test checks
 * that each fault is caught by the rule it breaks. The faults are mistakes real limiters make.
 */
final class FaultyTimeLimiter implements TimeLimiter {

  enum Fault {
    /** Waits for the task however long it takes. */
    NEVER_TIMES_OUT,
    /** Runs each call on a new single-thread executor that is never shut down. */
    LEAKS_WORKER_THREAD,
    /** Returns null when the task throws a checked exception. */
    SWALLOWS_EXCEPTION,
    /** Wraps the task's exception in ExecutionException, as Future.get does. */
    WRAPS_EXCEPTION,
    /** Reports the timeout but leaves the task running. */
    DOES_NOT_CANCEL,
    /** Interrupts the task on timeout even when told not to. */
    ALWAYS_INTERRUPTS,
    /** Fires at half the timeout. */
    TIMES_OUT_EARLY,
    /** Ignores the caller's deadline. */
    IGNORES_DEADLINE,
    /** Runs the task on the caller's thread and interrupts it at the limit: a stubborn task holds the caller. */
    CALLER_RUNS,
    /** Fails the async result at the limit but leaves the task's stage pending. */
    ASYNC_LEAVES_STAGE_PENDING,
    /** call() converts the configured timeout with Duration.toMillis: 1.5 ms becomes 1 ms. */
    SYNC_TRUNCATES_TO_MILLIS,
    /** callAsync() converts the configured timeout with Duration.toMillis. */
    ASYNC_TRUNCATES_TO_MILLIS,
    /** Reads the caller's deadline in whole milliseconds. */
    DEADLINE_TO_MILLIS,
    /** callAsync() arms its timer before calling the supplier and leaves it armed when the supplier throws. */
    ASYNC_TIMER_LEAKS_ON_THROW,
    /** A caller interrupted while it waits is told its call timed out. */
    INTERRUPT_AS_TIMEOUT,
    /** A caller interrupted while it waits gives up, but the task is left running. */
    INTERRUPT_LEAVES_TASK
  }

  private static final ExecutorService SHARED = Executors.newCachedThreadPool(daemon());

  private final Fault fault;
  private final TimeLimiterSpec spec;
  private final TimeLimiterConfig config;

  FaultyTimeLimiter(Fault fault, TimeLimiterSpec spec) {
    this.fault = fault;
    this.spec = spec;
    this.config = TimeLimiterConfig.builder().timeout(spec.timeout()).ticker(spec.ticker()).build();
  }

  private long limitNanos(boolean async) {
    boolean truncate = fault == (async ? Fault.ASYNC_TRUNCATES_TO_MILLIS : Fault.SYNC_TRUNCATES_TO_MILLIS);
    long limit = truncate ? TimeUnit.MILLISECONDS.toNanos(spec.timeout().toMillis()) : spec.timeout().toNanos();
    if (fault != Fault.IGNORES_DEADLINE && Deadline.current().isPresent()) {
      long remaining = Deadline.current().get().remainingNanos();
      if (fault == Fault.DEADLINE_TO_MILLIS) {
        remaining = TimeUnit.MILLISECONDS.toNanos(TimeUnit.NANOSECONDS.toMillis(remaining));
      }
      limit = Math.min(limit, remaining);
    }
    return fault == Fault.TIMES_OUT_EARLY ? limit / 2 : limit;
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    if (task == null) {
      throw new NullPointerException("task");
    }
    long limit = limitNanos(false);
    if (limit <= 0) {
      throw new DeadlineExceededException(0, 0);
    }
    if (fault == Fault.CALLER_RUNS) {
      return callerRuns(task, limit);
    }
    // A bare ThreadPoolExecutor, not Executors.newSingleThreadExecutor: that wrapper shuts its pool down when it is
    // garbage collected (JDK 17 finalizer, JDK 21+ cleaner), so a GC during the rule hid the leak and the rule passed.
    ExecutorService executor = fault == Fault.LEAKS_WORKER_THREAD
        ? new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemon())
        : SHARED;
    Deadline deadline = Deadline.after(java.time.Duration.ofNanos(limit), spec.ticker());
    CompletableFuture<T> outcome = new CompletableFuture<>();
    CompletableFuture<Future<T>> started = new CompletableFuture<>();
    // The timer is armed before the task is handed over: the limit runs from the start of the call.
    Cancellable timer = fault == Fault.NEVER_TIMES_OUT ? () -> false : spec.ticker().schedule(() -> {
      if (outcome.completeExceptionally(new DeadlineExceededException(limit, limit)) && fault != Fault.DOES_NOT_CANCEL) {
        started.join().cancel(spec.interruptOnTimeout() || fault == Fault.ALWAYS_INTERRUPTS);
      }
    }, limit);
    Future<T> future = executor.submit(() -> deadline.call(task));
    started.complete(future);
    SHARED.execute(() -> {
      try {
        outcome.complete(future.get());
      } catch (ExecutionException e) {
        outcome.completeExceptionally(e.getCause());
      } catch (Exception e) {
        outcome.completeExceptionally(e);
      }
    });
    try {
      return outcome.get();
    } catch (InterruptedException e) {
      if (fault == Fault.INTERRUPT_AS_TIMEOUT) {
        throw new DeadlineExceededException(limit, spec.ticker().read());
      }
      if (fault != Fault.INTERRUPT_LEAVES_TASK) {
        future.cancel(spec.interruptOnTimeout());
      }
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DeadlineExceededException) {
        throw (DeadlineExceededException) cause;
      }
      if (fault == Fault.SWALLOWS_EXCEPTION && !(cause instanceof RuntimeException) && !(cause instanceof Error)) {
        return null;
      }
      if (fault == Fault.WRAPS_EXCEPTION) {
        throw e;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw (Exception) cause;
    } finally {
      timer.cancel();
    }
  }

  private <T> T callerRuns(Callable<T> task, long limit) throws Exception {
    Thread caller = Thread.currentThread();
    boolean[] expired = {false};
    Cancellable timer = spec.ticker().schedule(() -> {
      expired[0] = true;
      caller.interrupt();
    }, limit);
    try {
      T value = task.call();
      if (expired[0]) {
        throw new DeadlineExceededException(limit, limit);
      }
      return value;
    } catch (InterruptedException e) {
      throw new DeadlineExceededException(limit, limit);
    } finally {
      timer.cancel();
    }
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    long limit = limitNanos(true);
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<CompletionStage<T>> started = new CompletableFuture<>();
    Runnable expire = () -> {
      if (result.completeExceptionally(new DeadlineExceededException(limit, limit)) && fault != Fault.ASYNC_LEAVES_STAGE_PENDING) {
        started.join().toCompletableFuture().cancel(true);
      }
    };
    Cancellable early = fault == Fault.ASYNC_TIMER_LEAKS_ON_THROW ? spec.ticker().schedule(expire, limit) : null;
    CompletionStage<T> stage = task.get();
    started.complete(stage);
    Cancellable timer = early != null ? early : spec.ticker().schedule(expire, limit);
    stage.whenComplete((value, failure) -> {
      timer.cancel();
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    });
    return result;
  }

  @Override
  public TimeLimiterConfig config() {
    return config;
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "faulty-limiter");
      thread.setDaemon(true);
      return thread;
    };
  }
}
