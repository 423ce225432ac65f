package dev.trestle.ratelimit;

/**
 * Told of each decision a {@link RateLimiter} makes for requests that go through the limiter
 * returned by {@link RateLimiter#listening(RateLimiter, RateLimiterListener)}: once per request, on
 * the caller's thread, after the limiter decided and before the caller sees the answer.
 *
 * <p>{@code tryAcquire}, {@code tryAcquire(n)}, {@code tryAcquire(n, maxWait)} and {@code probe(n)}
 * are all reported, with the permits asked for; a request that throws (bad input, an interrupted
 * wait) is reported by neither method, since nothing was decided. A listener must be quick and must
 * not throw: what it throws is caught and dropped, so it can never change a decision or lose a
 * permit. Implementations must be thread-safe: many threads may be told at once.
 */
public interface RateLimiterListener {

  /** {@code permits} were taken. */
  default void onPermitted(long permits) {}

  /** A request for {@code permits} was refused; no permit was taken. */
  default void onRejected(long permits) {}
}
