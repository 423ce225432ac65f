package dev.trestle.tck.bulkhead;

import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.bulkhead.BulkheadConfig;
import dev.trestle.core.bulkhead.BulkheadFullException;
import dev.trestle.core.bulkhead.BulkheadMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A simple, correct bulkhead (a lock, a condition and a queue of tickets; real-time waits) with one
 * deliberate fault switched on: the kit's self-test checks that each fault is caught by the rule it
 * breaks. The faults are mistakes real bulkheads make.
 */
final class FaultyBulkhead implements Bulkhead {

  enum Fault {
    /** Admits maxConcurrentCalls + 1: {@code <=} where {@code <} was meant. */
    OFF_BY_ONE_LIMIT,
    /** Gives the permit back only when the task returns normally, not in a finally block. */
    LEAKS_PERMIT_ON_THROW,
    /** Reads the count, then (after other threads ran) writes count + 1: check-then-act without a lock. */
    CHECK_THEN_ACT,
    /** Serves the newest waiter first even when asked to be fair. */
    UNFAIR,
    /** Runs the task before reporting the rejection, as a careless try/finally does. */
    RUNS_TASK_WHEN_REJECTED,
    /** Reserves a permit for a waiter and forgets to return it when the waiter is interrupted. */
    LOSES_PERMIT_ON_INTERRUPT,
    /** Wraps the task's exception in CompletionException. */
    WRAPS_EXCEPTIONS,
    /** get and run count a rejection again when they rethrow it: the acquire already counted it. */
    COUNTS_REJECTION_TWICE,
    /** get and run report an interrupted wait as BulkheadFullException but leave the interrupt status cleared. */
    LOSES_INTERRUPT_STATUS,
    /** callAsync gives the permit back only from the stage's completion: a supplier that throws keeps it. */
    ASYNC_SUPPLIER_THROW_KEEPS_PERMIT
  }

  private final Fault fault;
  private final BulkheadSpec spec;
  private final BulkheadConfig config;
  private final int limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Object> queue = new ArrayDeque<>(); // guarded by lock: tickets of waiting calls
  private volatile int inFlight; // guarded by lock, except under CHECK_THEN_ACT
  private volatile int scratch; // CHECK_THEN_ACT's shared working copy of the count
  private long rejected;

  FaultyBulkhead(Fault fault, BulkheadSpec spec) {
    this.fault = fault;
    this.spec = spec;
    this.config = BulkheadConfig.builder().name(spec.name()).maxConcurrentCalls(spec.maxConcurrentCalls())
        .maxWait(spec.maxWait()).fair(spec.fair()).build();
    this.limit = fault == Fault.OFF_BY_ONE_LIMIT ? spec.maxConcurrentCalls() + 1 : spec.maxConcurrentCalls();
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public BulkheadConfig config() {
    return config;
  }

  @Override
  public boolean tryAcquirePermission() {
    try {
      return acquire(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean tryAcquirePermission(Duration wait) throws InterruptedException {
    return acquire(wait.toNanos());
  }

  @Override
  public void acquirePermission() throws InterruptedException {
    if (!acquire(spec.maxWait().toNanos())) {
      throw new BulkheadFullException(spec.name(), spec.maxConcurrentCalls(), spec.maxWait());
    }
  }

  private boolean acquire(long waitNanos) throws InterruptedException {
    if (fault == Fault.CHECK_THEN_ACT) {
      scratch = inFlight;
      if (scratch < limit) {
        Thread.yield(); // another thread checks the same count meanwhile
        inFlight = scratch + 1;
        return true;
      }
      if (waitNanos <= 0) {
        return false;
      }
    }
    lock.lock();
    try {
      if (queue.isEmpty() && inFlight < limit) {
        inFlight++;
        return true;
      }
      if (waitNanos <= 0) {
        rejected++;
        return false;
      }
      Object ticket = new Object();
      if (fault == Fault.UNFAIR) {
        queue.addFirst(ticket);
      } else {
        queue.addLast(ticket);
      }
      try {
        long left = waitNanos;
        while (queue.peekFirst() != ticket || inFlight >= limit) {
          if (left <= 0) {
            rejected++;
            return false;
          }
          left = changed.awaitNanos(left);
        }
        inFlight++;
        return true;
      } catch (InterruptedException interrupted) {
        if (fault == Fault.LOSES_PERMIT_ON_INTERRUPT) {
          inFlight++;
        }
        throw interrupted;
      } finally {
        queue.remove(ticket);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void releasePermission() {
    lock.lock();
    try {
      if (inFlight <= 0) {
        throw new IllegalStateException("release without a permit");
      }
      inFlight--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public BulkheadMetrics metrics() {
    lock.lock();
    try {
      int max = spec.maxConcurrentCalls();
      return new BulkheadMetrics(max, Math.max(0, Math.min(max, max - inFlight)), queue.size(), rejected);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <T> T call(Callable<T> callable) throws Exception {
    if (callable == null) {
      throw new NullPointerException("callable");
    }
    if (fault == Fault.RUNS_TASK_WHEN_REJECTED) {
      if (!acquire(spec.maxWait().toNanos())) {
        callable.call();
        throw new BulkheadFullException(spec.name(), spec.maxConcurrentCalls(), spec.maxWait());
      }
    } else {
      acquirePermission();
    }
    T value;
    try {
      value = callable.call();
    } catch (Exception | Error failure) {
      if (fault != Fault.LEAKS_PERMIT_ON_THROW) {
        releasePermission();
      }
      if (fault == Fault.WRAPS_EXCEPTIONS) {
        throw new CompletionException(failure);
      }
      throw failure;
    }
    releasePermission();
    return value;
  }

  @Override
  public <T> T get(Supplier<T> supplier) {
    if (supplier == null) {
      throw new NullPointerException("supplier");
    }
    return unchecked(() -> call(supplier::get));
  }

  private <T> T unchecked(Callable<T> call) {
    try {
      return call.call();
    } catch (BulkheadFullException full) {
      if (fault == Fault.COUNTS_REJECTION_TWICE) {
        lock.lock();
        try {
          rejected++;
        } finally {
          lock.unlock();
        }
      }
      throw full;
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      if (fault != Fault.LOSES_INTERRUPT_STATUS) {
        Thread.currentThread().interrupt();
      }
      throw new BulkheadFullException(spec.name(), spec.maxConcurrentCalls(), spec.maxWait(), e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void run(Runnable runnable) {
    if (runnable == null) {
      throw new NullPointerException("runnable");
    }
    unchecked(() -> call(() -> {
      runnable.run();
      return null;
    }));
  }

  /** Blocks the caller for up to maxWait, as Resilience4j does, then holds the permit until the stage completes. */
  @Override
  public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
    if (supplier == null) {
      throw new NullPointerException("supplier");
    }
    boolean permitted;
    try {
      permitted = acquire(spec.maxWait().toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(e);
    }
    if (!permitted) {
      if (fault == Fault.RUNS_TASK_WHEN_REJECTED) {
        supplier.get();
      }
      return CompletableFuture.failedFuture(new BulkheadFullException(spec.name(), spec.maxConcurrentCalls(), spec.maxWait()));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletionStage<? extends T> stage;
    try {
      stage = supplier.get();
    } catch (RuntimeException | Error thrown) {
      if (fault == Fault.ASYNC_SUPPLIER_THROW_KEEPS_PERMIT) {
        throw thrown;
      }
      releasePermission();
      return CompletableFuture.failedFuture(thrown);
    }
    stage.whenComplete((value, failure) -> {
      if (failure == null || fault != Fault.LEAKS_PERMIT_ON_THROW) {
        releasePermission();
      }
      if (failure == null) {
        result.complete(value);
      } else {
        result.completeExceptionally(fault == Fault.WRAPS_EXCEPTIONS ? new CompletionException(failure) : failure);
      }
    });
    return result;
  }

  @Override
  public String toString() {
    return "FaultyBulkhead(" + fault + ")";
  }
}
