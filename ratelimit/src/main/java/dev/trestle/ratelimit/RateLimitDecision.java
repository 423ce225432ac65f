package dev.trestle.ratelimit;

import java.time.Duration;

/**
 * The answer of {@link RateLimiter#probe(long)}: whether the permits were taken, how many are left
 * now, and how long until a request for the same permits could succeed: the exact
 * {@code Retry-After} of an HTTP 429 (round it up to whole seconds for the header).
 *
 * <p>Immutable and thread-safe.
 */
public final class RateLimitDecision {

  private final boolean allowed;
  private final long remainingPermits;
  private final long retryAfterNanos;

  private RateLimitDecision(boolean allowed, long remainingPermits, long retryAfterNanos) {
    this.allowed = allowed;
    this.remainingPermits = remainingPermits;
    this.retryAfterNanos = retryAfterNanos;
  }

  /** Returns an allowed decision with {@code remaining} permits left. */
  public static RateLimitDecision allowed(long remaining) {
    return new RateLimitDecision(true, remaining, 0);
  }

  /**
   * Returns a refusal: the same request could succeed in {@code retryAfterNanos} (at least 1).
   *
   * @throws IllegalArgumentException if {@code retryAfterNanos} is below 1 or {@code remaining} negative
   */
  public static RateLimitDecision denied(long remaining, long retryAfterNanos) {
    if (retryAfterNanos < 1) {
      throw new IllegalArgumentException("retryAfterNanos of a refusal must be at least 1, was " + retryAfterNanos);
    }
    if (remaining < 0) {
      throw new IllegalArgumentException("remaining must not be negative, was " + remaining);
    }
    return new RateLimitDecision(false, remaining, retryAfterNanos);
  }

  /** Returns whether the permits were taken. */
  public boolean allowed() {
    return allowed;
  }

  /** Returns how many single permits could be taken right after this decision (0 when refused). */
  public long remainingPermits() {
    return remainingPermits;
  }

  /**
   * Returns, for a refusal, the nanoseconds after which the same request could succeed if nothing
   * else takes permits meanwhile: a request 1 ns earlier fails, one at that time succeeds. Zero when
   * allowed.
   */
  public long retryAfterNanos() {
    return retryAfterNanos;
  }

  /** Returns {@link #retryAfterNanos()} as a duration. */
  public Duration retryAfter() {
    return Duration.ofNanos(retryAfterNanos);
  }

  /** Returns the retry-after in whole seconds, rounded up: the value of an HTTP {@code Retry-After} header. */
  public long retryAfterSeconds() {
    return retryAfterNanos / 1_000_000_000L + (retryAfterNanos % 1_000_000_000L == 0 ? 0 : 1);
  }

  @Override
  public String toString() {
    return allowed ? "allowed, " + remainingPermits + " remaining"
        : "denied, " + remainingPermits + " remaining, retry after " + retryAfterNanos + " ns";
  }
}
