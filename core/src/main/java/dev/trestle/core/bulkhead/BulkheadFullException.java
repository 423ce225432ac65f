package dev.trestle.core.bulkhead;

import java.time.Duration;

/**
 * Thrown when a {@link Bulkhead} refuses a call: every permit was in use and none was freed within
 * the wait the call was allowed. The message names the bulkhead, its limit and that wait, for
 * example {@code "bulkhead 'inventory' is full: all 10 permits in use and none freed within 50ms"}.
 *
 * <p>Thrown also, with the {@link InterruptedException} as its cause and the thread's interrupt
 * status restored, when a thread is interrupted while waiting in a decorator that cannot throw
 * checked exceptions ({@link Bulkhead#get}, {@link Bulkhead#run}).
 *
 * <p>The constructor is public so that adapters of other bulkheads can report a rejection the same
 * way. A plain rejection carries no stack trace: it is an expected outcome under load, and filling
 * a stack trace would make every rejected call pay for it.
 */
public class BulkheadFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String bulkheadName;
  private final int maxConcurrentCalls;
  private final transient Duration maxWait;

  /**
   * Creates the exception for bulkhead {@code bulkheadName}, which admits at most
   * {@code maxConcurrentCalls} calls, refusing a call that waited up to {@code maxWait}.
   */
  public BulkheadFullException(String bulkheadName, int maxConcurrentCalls, Duration maxWait) {
    super(message(bulkheadName, maxConcurrentCalls, maxWait), null, false, false);
    this.bulkheadName = bulkheadName;
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.maxWait = maxWait;
  }

  /** Creates the exception for a waiting call ended by {@code interrupted}. */
  public BulkheadFullException(String bulkheadName, int maxConcurrentCalls, Duration maxWait,
      InterruptedException interrupted) {
    super("bulkhead '" + bulkheadName + "' (limit " + maxConcurrentCalls
        + "): interrupted while waiting for a permit", interrupted);
    this.bulkheadName = bulkheadName;
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.maxWait = maxWait;
  }

  private static String message(String name, int max, Duration wait) {
    String base = "bulkhead '" + name + "' is full: all " + max + " permits in use";
    return wait == null || wait.isZero() || wait.isNegative()
        ? base + " and maxWait is 0, so the call did not wait"
        : base + " and none freed within " + format(wait);
  }

  private static String format(Duration wait) {
    long nanos = wait.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return wait.getSeconds() + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    return nanos + "ns";
  }

  /** Returns the name of the bulkhead that refused the call. */
  public String bulkheadName() {
    return bulkheadName;
  }

  /** Returns the bulkhead's limit on concurrent calls. */
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  /** Returns how long the refused call was allowed to wait for a permit. */
  public Duration maxWait() {
    return maxWait;
  }
}
