package dev.trestle.core.bulkhead;

import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.TimedPark;
import dev.trestle.core.internal.WaiterQueue;
import dev.trestle.core.internal.WaiterQueue.ParkedWaiter;
import dev.trestle.core.internal.WaiterQueue.Waiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The bulkhead: a permit count and a queue of waiters under one lock, held only to move a permit
 * (never while a thread waits or a task runs), with direct hand-off.
 *
 * <p>Invariants, under the waiter queue's lock: {@code 0 <= available <= max}; every node in {@code waiters}
 * is WAITING; and {@code available > 0} implies no waiters, because a release hands its permit to a
 * waiter when there is one and counts it free only when there is none, and a call joins the queue
 * only when none is free. So a new call can never overtake a waiter, and a permit is held by exactly
 * one party at every moment: the pool, a caller, or a waiter it was granted to. A waiter's fate
 * (granted or abandoned) is decided once, under the lock, which is what makes a timeout or an
 * interruption racing a grant safe: whoever loses the race sees the winner's decision.
 */
final class DefaultBulkhead implements Bulkhead {

  /** Grants of asynchronous calls made while one is being started, run after it: no deep recursion. */
  private static final ThreadLocal<ArrayDeque<AsyncWaiter<?>>> STARTING = new ThreadLocal<>();

  private final BulkheadConfig config;
  private final int max;
  private final Ticker ticker;
  private final WaiterQueue<Waiter> waiters = new WaiterQueue<>();
  private int available; // guarded by the queue's lock
  private long rejected; // guarded by the queue's lock

  DefaultBulkhead(BulkheadConfig config) {
    this.config = config;
    this.max = config.maxConcurrentCalls;
    this.available = max;
    this.ticker = config.ticker;
  }

  @Override
  public String name() {
    return config.name;
  }

  @Override
  public BulkheadConfig config() {
    return config;
  }

  // ---- acquiring ----

  /** Takes a free permit, or queues {@code node} if it is not null, or counts a rejection. */
  private int takeOrQueue(Waiter node) {
    waiters.lock();
    try {
      if (available > 0) {
        available--;
        return WaiterQueue.GRANTED;
      }
      if (node == null) {
        rejected++;
        return WaiterQueue.ABANDONED;
      }
      waiters.add(node);
      return WaiterQueue.WAITING;
    } finally {
      waiters.unlock();
    }
  }

  @Override
  public boolean tryAcquirePermission() {
    return settled(takeOrQueue(null) == WaiterQueue.GRANTED);
  }

  @Override
  public boolean tryAcquirePermission(Duration wait) throws InterruptedException {
    return acquire(Durations.nonNegativeNanos(wait, "wait")) == WaiterQueue.GRANTED;
  }

  @Override
  public void acquirePermission() throws InterruptedException {
    long start = ticker.read();
    try (TimedPark park = TimedPark.start(ticker, config.scheduler, start, config.maxWaitNanos)) {
      if (await(park) != WaiterQueue.GRANTED) {
        throw park.deadlineFirst() ? deadlineExceeded(park.limitNanos(), park.elapsedNanos()) : full();
      }
    }
  }

  private DeadlineExceededException deadlineExceeded(long untilDeadline, long waitedNanos) {
    return new DeadlineExceededException(Math.max(0, untilDeadline), waitedNanos, "bulkhead '" + config.name
        + "': all " + max + " permits in use and none freed before the caller's deadline, which came before maxWait "
        + config.maxWait);
  }

  /** Waits up to {@code waitNanos}, or the current deadline if it comes first; GRANTED or ABANDONED. */
  private int acquire(long waitNanos) throws InterruptedException {
    try (TimedPark park = TimedPark.start(ticker, config.scheduler, ticker.read(), waitNanos)) {
      return await(park);
    }
  }

  /** Takes a permit within {@code park}'s bounds: GRANTED, or ABANDONED when the wait ended without one. */
  private int await(TimedPark park) throws InterruptedException {
    if (park.expired()) {
      return settled(takeOrQueue(null) == WaiterQueue.GRANTED) ? WaiterQueue.GRANTED : WaiterQueue.ABANDONED;
    }
    ParkedWaiter node = new ParkedWaiter();
    int taken = takeOrQueue(node);
    while (taken == WaiterQueue.WAITING) {
      taken = node.awaitOnce(park, this);
      if (taken == WaiterQueue.INTERRUPTED) {
        if (!abandon(node, false)) {
          passOn(); // granted as we were interrupted: the permit is not ours to keep
        }
        throw new InterruptedException("interrupted while waiting for a permit of bulkhead '" + config.name + "'");
      }
      if (taken == WaiterQueue.TIMED_OUT) {
        taken = abandon(node, true) ? WaiterQueue.ABANDONED : WaiterQueue.GRANTED; // granted as the wait ended: keep it
      }
    }
    settled(taken == WaiterQueue.GRANTED);
    return taken;
  }

  /** Withdraws a waiter unless it was granted first; returns whether it was withdrawn. */
  private boolean abandon(Waiter node, boolean rejection) {
    waiters.lock();
    try {
      if (!waiters.withdraw(node)) {
        return false;
      }
      if (rejection) {
        rejected++;
      }
      return true;
    } finally {
      waiters.unlock();
    }
  }

  private boolean settled(boolean permitted) {
    for (BulkheadListener listener : config.listeners) {
      try {
        if (permitted) {
          listener.onCallPermitted(config.name);
        } else {
          listener.onCallRejected(config.name);
        }
      } catch (RuntimeException ignored) {
        // a listener must not break the call
      }
    }
    return permitted;
  }

  private BulkheadFullException full() {
    return new BulkheadFullException(config.name, max, config.maxWait);
  }

  // ---- releasing ----

  @Override
  public void releasePermission() {
    passOn();
    for (BulkheadListener listener : config.listeners) {
      try {
        listener.onCallFinished(config.name);
      } catch (RuntimeException ignored) {
        // a listener must not break the call
      }
    }
  }

  /** Hands a permit to the next waiter, or frees it. */
  private void passOn() {
    Waiter next;
    waiters.lock();
    try {
      if (available >= max) {
        throw new IllegalStateException("releasePermission() without a permit: all " + max
            + " permits of bulkhead '" + config.name + "' are free; each release must follow exactly one acquire");
      }
      next = config.fair ? waiters.grantFirst() : waiters.grantLast();
      if (next == null) {
        available++;
        return;
      }
    } finally {
      waiters.unlock();
    }
    next.wake();
  }

  @Override
  public BulkheadMetrics metrics() {
    waiters.lock();
    try {
      return new BulkheadMetrics(max, available, waiters.size(), rejected);
    } finally {
      waiters.unlock();
    }
  }

  // ---- decorators ----

  @Override
  public <T> T call(Callable<T> callable) throws Exception {
    Arguments.requireNonNull(callable, "callable");
    acquirePermission();
    try {
      return callable.call();
    } finally {
      releasePermission();
    }
  }

  @Override
  public <T> T get(Supplier<T> supplier) {
    Arguments.requireNonNull(supplier, "supplier");
    acquireOrThrow();
    try {
      return supplier.get();
    } finally {
      releasePermission();
    }
  }

  @Override
  public void run(Runnable runnable) {
    Arguments.requireNonNull(runnable, "runnable");
    acquireOrThrow();
    try {
      runnable.run();
    } finally {
      releasePermission();
    }
  }

  private void acquireOrThrow() {
    try {
      acquirePermission();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new BulkheadFullException(config.name, max, config.maxWait, interrupted);
    }
  }

  @Override
  public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
    Arguments.requireNonNull(supplier, "supplier");
    AsyncWaiter<T> node = new AsyncWaiter<>(supplier);
    long wait = TimedPark.bound(config.maxWaitNanos);
    boolean deadlineFirst = wait < config.maxWaitNanos;
    long untilDeadline = wait;
    int taken = takeOrQueue(wait > 0 ? node : null);
    if (taken == WaiterQueue.GRANTED) {
      node.wake();
    } else if (taken == WaiterQueue.ABANDONED) {
      settled(false);
      node.result.completeExceptionally(deadlineFirst ? deadlineExceeded(untilDeadline, 0) : full());
    } else {
      long start = ticker.read();
      node.timer = config.scheduler.schedule(() -> {
        if (abandon(node, true)) {
          settled(false);
          node.result.completeExceptionally(deadlineFirst ? deadlineExceeded(untilDeadline, ticker.read() - start) : full());
        }
      }, wait);
      node.result.whenComplete((value, failure) -> {
        if (node.result.isCancelled()) {
          abandon(node, false);
        }
      });
    }
    return node.result;
  }


  @Override
  public String toString() {
    return "Bulkhead[" + config.name + ", " + metrics() + "]";
  }

  // ---- waiters ----

  /** An asynchronous call: started by whichever thread grants it its permit. */
  private final class AsyncWaiter<T> extends Waiter {
    final Supplier<? extends CompletionStage<T>> supplier;
    final CompletableFuture<T> result = new CompletableFuture<>();
    volatile Cancellable timer;

    AsyncWaiter(Supplier<? extends CompletionStage<T>> supplier) {
      this.supplier = supplier;
    }

    @Override
    public void wake() {
      ArrayDeque<AsyncWaiter<?>> pending = STARTING.get();
      if (pending != null) {
        pending.add(this); // a permit freed by work that completed while starting another call
        return;
      }
      pending = new ArrayDeque<>();
      STARTING.set(pending);
      try {
        start();
        for (AsyncWaiter<?> next; (next = pending.poll()) != null; ) {
          next.start();
        }
      } finally {
        STARTING.remove();
      }
    }

    private void start() {
      Cancellable armed = timer;
      if (armed != null) {
        armed.cancel();
      }
      if (result.isDone()) { // cancelled between the grant and now
        passOn();
        return;
      }
      settled(true);
      CompletionStage<T> stage;
      try {
        stage = supplier.get();
      } catch (Throwable failure) {
        releasePermission();
        result.completeExceptionally(failure);
        return;
      }
      if (stage == null) {
        releasePermission();
        result.completeExceptionally(new NullPointerException("the supplier returned a null CompletionStage"));
        return;
      }
      stage.whenComplete((value, failure) -> {
        releasePermission(); // before the result completes, so whoever it wakes can have the permit
        if (failure != null) {
          result.completeExceptionally(failure);
        } else {
          result.complete(value);
        }
      });
      result.whenComplete((value, failure) -> {
        if (result.isCancelled()) {
          try {
            stage.toCompletableFuture().cancel(true);
          } catch (UnsupportedOperationException notCancellable) {
            // the permit stays out until the stage completes, as documented
          }
        }
      });
    }
  }
}
