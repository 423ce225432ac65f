package dev.trestle.core;

import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A ticker whose time moves only when {@link #advance(Duration)} is called, and a scheduler whose
 * tasks run when time reaches them: the one clock tests use to drive every time-based component.
 *
 * <p>{@code advance} moves time forward in steps: each scheduled task that falls due runs on the
 * advancing thread with the ticker reading exactly its due time, in due-time order (ties in the
 * order they were scheduled); a task scheduled by a task runs in the same advance if it falls due
 * within it. When no due task is left the ticker reads the target time. A task that throws does
 * not stop the others; the first exception is rethrown once the advance is complete.
 *
 * <p>Unlike {@link Ticker#system()} a manual ticker never wraps: it starts at the value given and
 * only grows.
 *
 * <p>Thread-safe: any thread may read, schedule or advance. Concurrent advances are serialised.
 */
public final class ManualTicker implements Ticker, Scheduler {

  private final AtomicLong now;
  private final ReentrantLock lock = new ReentrantLock();
  private final ReentrantLock advancing = new ReentrantLock();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long sequence;

  /** Creates a ticker that reads 0. */
  public ManualTicker() {
    this(0L);
  }

  /** Creates a ticker that reads {@code startNanos}. */
  public ManualTicker(long startNanos) {
    this.now = new AtomicLong(startNanos);
  }

  @Override
  public long read() {
    return now.get();
  }

  /**
   * Moves time forward by {@code amount}, running the tasks that fall due on the way.
   *
   * @return this ticker
   * @throws NullPointerException if {@code amount} is null
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public ManualTicker advance(Duration amount) {
    if (amount == null) {
      throw new NullPointerException("amount");
    }
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative (time never goes back), was " + amount);
    }
    return advanceNanos(Durations.saturatedNanos(amount));
  }

  /**
   * Moves time forward by {@code amount} in {@code unit}.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public ManualTicker advance(long amount, TimeUnit unit) {
    if (unit == null) {
      throw new NullPointerException("unit");
    }
    if (amount < 0) {
      throw new IllegalArgumentException("amount must not be negative (time never goes back), was " + amount + " " + unit);
    }
    return advanceNanos(unit.toNanos(amount));
  }

  private ManualTicker advanceNanos(long nanos) {
    Throwable failure = null;
    advancing.lock();
    try {
      long target = now.get() + nanos;
      for (Timer due; (due = pollDue(target)) != null; ) {
        now.set(due.dueNanos);
        try {
          due.task.run();
        } catch (RuntimeException | Error e) {
          if (failure == null) {
            failure = e;
          }
        }
      }
      now.set(target);
    } finally {
      advancing.unlock();
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    if (failure != null) {
      throw (RuntimeException) failure;
    }
    return this;
  }

  private Timer pollDue(long target) {
    lock.lock();
    try {
      Timer next = timers.peek();
      if (next == null || next.dueNanos > target) {
        return null;
      }
      return timers.poll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Schedules {@code task} to run when this ticker reaches {@code read() + delayNanos}. A task
   * whose due time has already come runs at the next call to {@code advance} (even by zero).
   */
  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    lock.lock();
    try {
      long current = now.get();
      long due = current + Math.max(0, delayNanos);
      if (due < current) {
        due = Long.MAX_VALUE; // saturate: a task this far off never falls due in practice
      }
      Timer timer = new Timer(task, due, sequence++);
      timers.add(timer);
      return () -> cancel(timer);
    } finally {
      lock.unlock();
    }
  }

  private boolean cancel(Timer timer) {
    lock.lock();
    try {
      return timers.remove(timer);
    } finally {
      lock.unlock();
    }
  }

  /** Returns how many scheduled tasks have not run or been cancelled yet. */
  public int pendingTasks() {
    lock.lock();
    try {
      return timers.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ManualTicker[" + now.get() + "ns]";
  }

  private static final class Timer implements Comparable<Timer> {
    final Runnable task;
    final long dueNanos;
    final long order;

    Timer(Runnable task, long dueNanos, long order) {
      this.task = task;
      this.dueNanos = dueNanos;
      this.order = order;
    }

    @Override
    public int compareTo(Timer other) {
      int byDue = Long.compare(dueNanos, other.dueNanos);
      return byDue != 0 ? byDue : Long.compare(order, other.order);
    }
  }
}
