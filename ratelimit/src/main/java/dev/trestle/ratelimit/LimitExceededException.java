package dev.trestle.ratelimit;

/**
 * Thrown by {@link ConcurrencyLimiter#call} when the limiter refuses the call: its limit was in
 * flight and no slot came free within {@code maxWait}. The task did not run.
 */
public final class LimitExceededException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String limiterName;
  private final int limit;

  /** Creates the exception for limiter {@code limiterName} at {@code limit}. */
  public LimitExceededException(String limiterName, int limit) {
    super("concurrency limiter '" + limiterName + "' refused the call: " + limit + " calls in flight, its limit");
    this.limiterName = limiterName;
    this.limit = limit;
  }

  /** Returns the name of the limiter that refused the call. */
  public String limiterName() {
    return limiterName;
  }

  /** Returns the limit when the call was refused. */
  public int limit() {
    return limit;
  }
}
