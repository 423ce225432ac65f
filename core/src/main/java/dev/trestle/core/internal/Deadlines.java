package dev.trestle.core.internal;

import dev.trestle.core.Deadline;
import dev.trestle.core.Ticker;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What Trestle's components do with deadlines beyond {@link Deadline}'s public API: read the
 * current one without an {@link Optional}, take the earlier of two on any tickers, build one at an
 * instant already read, and run a task under exactly one deadline (not merged with the running
 * thread's own, as on a worker thread).
 *
 * <p>The last two need {@code Deadline}'s private constructor and thread-local, so {@code Deadline}
 * hands this class an {@link Access} when it initialises (the JDK's "shared secrets" pattern): no
 * public method is added to {@code Deadline} for Trestle's own use.
 *
 * <p>Internal: exported only to Trestle's own modules. Thread-safe.
 */
public final class Deadlines {

  /** The operations only {@link Deadline} can perform; installed once, by {@code Deadline} itself. */
  public interface Access {
    /** The deadline {@code timeoutNanos} after {@code startNanos} on {@code ticker}. */
    Deadline at(Ticker ticker, long startNanos, long timeoutNanos);

    /** The current thread's deadline, or null. */
    Deadline currentOrNull();

    /** Calls {@code task} with exactly {@code deadline} in force, restoring the previous one after. */
    <T> T callAsOnly(Deadline deadline, Callable<T> task) throws Exception;
  }

  private static volatile Access access;

  private Deadlines() {}

  /**
   * Called once by {@link Deadline}'s static initialiser.
   *
   * @throws IllegalStateException if an access was installed already
   */
  public static synchronized void install(Access deadlineAccess) {
    if (access != null) {
      throw new IllegalStateException("Deadline's access is installed once, by Deadline itself");
    }
    access = Arguments.requireNonNull(deadlineAccess, "deadlineAccess");
  }

  private static Access access() {
    Access installed = access;
    if (installed == null) {
      Deadline.current(); // initialises Deadline, which installs its access
      installed = access;
    }
    return installed;
  }

  /** Returns the current thread's deadline, or null if it runs under none. */
  public static Deadline currentOrNull() {
    return access().currentOrNull();
  }

  /**
   * Returns the nanoseconds left on the current thread's deadline (negative once passed), or
   * {@code ifNone} if it runs under none.
   */
  public static long remainingNanosOr(long ifNone) {
    Deadline current = currentOrNull();
    return current == null ? ifNone : current.remainingNanos();
  }

  /** Returns the deadline {@code timeoutNanos} after {@code startNanos} (a reading of {@code ticker}). */
  public static Deadline at(Ticker ticker, long startNanos, long timeoutNanos) {
    return access().at(ticker, startNanos, timeoutNanos);
  }

  /**
   * Returns the earlier of two deadlines, either of which may be null; on different tickers they
   * are compared by what remains, the only comparison that means anything across tickers.
   */
  public static Deadline earlier(Deadline a, Deadline b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.ticker() == b.ticker()) {
      return a.min(b);
    }
    return b.remainingNanos() < a.remainingNanos() ? b : a;
  }

  /** Calls {@code task} with exactly {@code deadline} in force; its result and exception pass through. */
  public static <T> T callAsOnly(Deadline deadline, Callable<T> task) throws Exception {
    return access().callAsOnly(deadline, task);
  }
}
