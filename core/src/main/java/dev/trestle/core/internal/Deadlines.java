package dev.trestle.core.internal;

import dev.trestle.core.Deadline;
import dev.trestle.core.Ticker;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;

/**
 * What Trestle's components do with deadlines beyond {@link Deadline}'s public API: read the
 * current one without an {@code Optional}, take the earlier of two on any tickers, build one at an
 * instant already read, and run a task under exactly one deadline (not merged with the running
 * thread's own, as a worker thread must).
 *
 * <p>These are {@code Deadline}'s package-private operations, reached through a private lookup
 * (allowed within the module, and on the class path): no public method is added to
 * {@code Deadline} for Trestle's own use, and {@code Deadline} knows nothing of this class. The
 * handles are constants, so the JIT calls them as directly as a method of the same package.
 *
 * <p>Internal: exported only to Trestle's own modules. Stateless and thread-safe.
 */
public final class Deadlines {

  private static final MethodHandle AT;
  private static final MethodHandle CURRENT;
  private static final MethodHandle EARLIER;
  private static final MethodHandle CALL_AS_ONLY;

  static {
    try {
      MethodHandles.Lookup deadline = MethodHandles.privateLookupIn(Deadline.class, MethodHandles.lookup());
      AT = deadline.findStatic(Deadline.class, "atNanos",
          MethodType.methodType(Deadline.class, Ticker.class, long.class, long.class));
      CURRENT = deadline.findStatic(Deadline.class, "currentOrNull", MethodType.methodType(Deadline.class));
      EARLIER = deadline.findStatic(Deadline.class, "earlier",
          MethodType.methodType(Deadline.class, Deadline.class, Deadline.class));
      CALL_AS_ONLY = deadline.findVirtual(Deadline.class, "callAsOnly",
          MethodType.methodType(Object.class, Callable.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Deadlines() {}

  /** Returns the current thread's deadline, or null if it runs under none. */
  public static Deadline currentOrNull() {
    try {
      return (Deadline) CURRENT.invokeExact();
    } catch (Throwable t) {
      throw unexpected(t);
    }
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
    try {
      return (Deadline) AT.invokeExact(ticker, startNanos, timeoutNanos);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /**
   * Returns the earlier of two deadlines, either of which may be null; on different tickers they
   * are compared by what remains, the only comparison that means anything across tickers.
   */
  public static Deadline earlier(Deadline a, Deadline b) {
    try {
      return (Deadline) EARLIER.invokeExact(a, b);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** Calls {@code task} with exactly {@code deadline} in force; its result and exception pass through. */
  @SuppressWarnings("unchecked")
  public static <T> T callAsOnly(Deadline deadline, Callable<T> task) throws Exception {
    try {
      return (T) (Object) CALL_AS_ONLY.invokeExact(deadline, (Callable<?>) task);
    } catch (Exception | Error passedThrough) {
      throw passedThrough;
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  private static RuntimeException unexpected(Throwable t) {
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IllegalStateException("Deadline's operation failed unexpectedly", t);
  }
}
