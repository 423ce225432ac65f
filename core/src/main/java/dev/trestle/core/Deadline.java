package dev.trestle.core;

import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * An absolute point in time on a {@link Ticker}, by which some work must be done, and the deadline
 * that the current thread's work runs under.
 *
 * <p><b>Propagation, in the style of gRPC.</b> Code run through {@link #run(Runnable)} or
 * {@link #call(Callable)} runs under a deadline: {@link #current()} returns it there, and nested
 * code can only shorten it, never extend it (the effective deadline is the earlier of the new one
 * and the one already in force). A {@code TimeLimiter} uses the smaller of its own timeout and the
 * time that remains on the current deadline, and runs its task under the result. Work handed to
 * another thread carries the deadline only through {@link #wrap(Runnable)}, {@link #wrap(Callable)}
 * or an executor from {@link #propagating(ExecutorService)}.
 *
 * <p>Two deadlines can be compared with {@link #min(Deadline)} only on the same ticker. A deadline
 * that lies further away than about 146 years is stored as that far away.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Deadline {

  /** About 146 years: far enough to mean "never" while keeping differences free of overflow. */
  private static final long MAX_NANOS = Long.MAX_VALUE / 2;

  private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

  private final Ticker ticker;
  private final long deadlineNanos;

  private Deadline(Ticker ticker, long deadlineNanos) {
    this.ticker = ticker;
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Returns the deadline {@code timeout} from now on the system ticker.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public static Deadline after(Duration timeout) {
    return after(timeout, Ticker.system());
  }

  /**
   * Returns the deadline {@code timeout} from now on {@code ticker}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public static Deadline after(Duration timeout, Ticker ticker) {
    Arguments.requireNonNull(ticker, "ticker");
    return afterNanos(Durations.positiveNanos(timeout, "timeout"), ticker);
  }

  static Deadline afterNanos(long timeoutNanos, Ticker ticker) {
    return atNanos(ticker, ticker.read(), timeoutNanos);
  }

  // atNanos, currentOrNull, earlier and callAsOnly are reached from dev.trestle.core.internal.Deadlines through
  // a private lookup, so that Trestle's blocks can use them without widening this class's public API.

  /** The deadline {@code timeoutNanos} after {@code startNanos} on {@code ticker}. */
  static Deadline atNanos(Ticker ticker, long startNanos, long timeoutNanos) {
    return new Deadline(ticker, startNanos + Math.min(timeoutNanos, MAX_NANOS));
  }

  /** Returns the deadline the current thread's work runs under, if any. */
  public static Optional<Deadline> current() {
    return Optional.ofNullable(CURRENT.get());
  }


  /** The current thread's deadline, or null (no Optional on the hot paths of Trestle's blocks). */
  static Deadline currentOrNull() {
    return CURRENT.get();
  }

  /** Returns the ticker this deadline is measured on. */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Returns the time left until this deadline: negative once it has passed, as in gRPC, so that
   * callers can tell how late they are.
   */
  public Duration remaining() {
    return Duration.ofNanos(remainingNanos());
  }

  /** Returns the time left until this deadline in nanoseconds, negative once it has passed. */
  public long remainingNanos() {
    return deadlineNanos - ticker.read();
  }

  /** Returns true once this deadline has been reached. */
  public boolean isExpired() {
    return remainingNanos() <= 0;
  }

  /**
   * Returns the earlier of this deadline and {@code other}.
   *
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if {@code other} is measured on a different ticker: two
   *     tickers share no origin, so their instants cannot be compared
   */
  public Deadline min(Deadline other) {
    Arguments.requireNonNull(other, "other");
    if (other.ticker != ticker) {
      throw new IllegalArgumentException(
          "other is on ticker " + other.ticker + " but this deadline is on " + ticker
              + "; only deadlines on the same ticker can be compared");
    }
    return other.deadlineNanos - deadlineNanos < 0 ? other : this;
  }

  /**
   * Runs {@code action} on this thread under this deadline, or under the current one if that is
   * earlier, and restores the previous deadline afterwards.
   *
   * @throws NullPointerException if {@code action} is null
   */
  public void run(Runnable action) {
    Arguments.requireNonNull(action, "action");
    Deadline previous = CURRENT.get();
    CURRENT.set(earlier(previous, this));
    try {
      action.run();
    } finally {
      restore(previous);
    }
  }

  /**
   * Calls {@code task} on this thread under this deadline, or under the current one if that is
   * earlier, and restores the previous deadline afterwards. The task's result and exception pass
   * through unchanged.
   *
   * @throws NullPointerException if {@code task} is null
   */
  public <T> T call(Callable<T> task) throws Exception {
    Arguments.requireNonNull(task, "task");
    Deadline previous = CURRENT.get();
    CURRENT.set(earlier(previous, this));
    try {
      return task.call();
    } finally {
      restore(previous);
    }
  }

  /**
   * Returns a runnable that runs {@code action} under the deadline current now, wherever it runs
   * later; without a current deadline it runs {@code action} under none.
   *
   * @throws NullPointerException if {@code action} is null
   */
  public static Runnable wrap(Runnable action) {
    Arguments.requireNonNull(action, "action");
    Deadline captured = CURRENT.get();
    return captured == null ? action : () -> captured.runAsOnly(action);
  }

  /**
   * Returns a callable that calls {@code task} under the deadline current now, wherever it runs
   * later.
   *
   * @throws NullPointerException if {@code task} is null
   */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Arguments.requireNonNull(task, "task");
    Deadline captured = CURRENT.get();
    return captured == null ? task : () -> captured.callAsOnly(task);
  }

  /**
   * Returns an executor service that runs every task under the deadline that was current when the
   * task was submitted. Shutting the returned service down shuts {@code delegate} down.
   *
   * @throws NullPointerException if {@code delegate} is null
   */
  public static ExecutorService propagating(ExecutorService delegate) {
    Arguments.requireNonNull(delegate, "delegate");
    return new DeadlinePropagatingExecutorService(delegate);
  }

  /**
   * Returns an executor that runs every task under the deadline that was current when the task was
   * submitted.
   *
   * @throws NullPointerException if {@code delegate} is null
   */
  public static Executor propagating(Executor delegate) {
    Arguments.requireNonNull(delegate, "delegate");
    return command -> delegate.execute(wrap(command));
  }

  /** Runs with exactly this deadline in force (not merged with the worker thread's own). */
  private void runAsOnly(Runnable action) {
    Deadline previous = CURRENT.get();
    CURRENT.set(this);
    try {
      action.run();
    } finally {
      restore(previous);
    }
  }

  <T> T callAsOnly(Callable<T> task) throws Exception {
    Deadline previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return task.call();
    } finally {
      restore(previous);
    }
  }

  /** The earlier of two deadlines, either may be null, compared by what remains when on different tickers. */
  static Deadline earlier(Deadline a, Deadline b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.ticker == b.ticker) {
      return a.min(b);
    }
    return b.remainingNanos() < a.remainingNanos() ? b : a;
  }

  private static void restore(Deadline previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }




  @Override
  public String toString() {
    long remaining = remainingNanos();
    return remaining > 0
        ? "Deadline[" + Duration.ofNanos(remaining) + " from now on " + ticker + "]"
        : "Deadline[expired " + Duration.ofNanos(-remaining) + " ago on " + ticker + "]";
  }
}
