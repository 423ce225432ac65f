package dev.trestle.core;

import dev.trestle.core.internal.Durations;
import java.time.Duration;

/**
 * Thrown when work did not finish within its time limit: a {@code TimeLimiter}'s timeout, or the
 * remaining time of the {@link Deadline} it ran under, whichever was smaller.
 *
 * <p>The message states the limit that applied and the time that had elapsed when it fired, for
 * example {@code "deadline exceeded: limit 250ms, elapsed 251.2ms"}.
 */
public class DeadlineExceededException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long limitNanos;
  private final long elapsedNanos;

  /**
   * Creates an exception for work limited to {@code limitNanos} that had run {@code elapsedNanos}.
   */
  public DeadlineExceededException(long limitNanos, long elapsedNanos) {
    this(limitNanos, elapsedNanos, null);
  }

  /** As {@link #DeadlineExceededException(long, long)}, with a detail appended to the message. */
  public DeadlineExceededException(long limitNanos, long elapsedNanos, String detail) {
    super("deadline exceeded: limit " + Durations.format(limitNanos) + ", elapsed " + Durations.format(elapsedNanos)
        + (detail == null ? "" : " (" + detail + ")"));
    this.limitNanos = limitNanos;
    this.elapsedNanos = elapsedNanos;
  }

  /** Returns the time limit that applied. */
  public Duration limit() {
    return Duration.ofNanos(limitNanos);
  }

  /** Returns the time that had elapsed when the limit fired. */
  public Duration elapsed() {
    return Duration.ofNanos(elapsedNanos);
  }

}
