package dev.trestle.ratelimit;

import java.time.Duration;

/**
 * A rate limiter: admits requests for permits at a configured rate and refuses the rest, with a
 * contract stated by its {@link RateLimitAlgorithm} (how many permits any window can ever hold) and
 * an exact answer to "when may the next one come".
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>Permits are taken all or nothing: a refused request takes none.
 *   <li>No window ever holds more permits than the algorithm's contract allows, under any
 *       interleaving of calls from any number of threads: decisions are atomic.
 *   <li>{@link #probe(long)} decides exactly as {@link #tryAcquire(long)} does and, when it refuses,
 *       reports the exact wait: the same request fails 1 ns before it and succeeds at it, if nothing
 *       else takes permits meanwhile.
 *   <li>{@link #tryAcquire(long, Duration)} waits only when the wait it needs is at most
 *       {@code maxWait} and ends before the caller's {@link dev.trestle.core.Deadline#current()
 *       current deadline}, through the configured {@link Sleeper}; otherwise it returns false at once.
 *   <li>Arithmetic is exact and never overflows, whatever the idle time.
 *   <li>Bad input throws at once: {@link IllegalArgumentException} for permits below 1 or above the
 *       largest request the limiter could ever admit (the message names both), or a negative wait;
 *       {@link NullPointerException} for a null wait.
 * </ul>
 *
 * <p>Thread-safe. {@code tryAcquire} and {@code tryAcquire(long)} allocate nothing; the bucket
 * algorithms are lock-free, the window algorithms hold a lock for a few instructions, never while
 * waiting.
 */
public interface RateLimiter {

  /**
   * Returns a limiter configured by {@code config}.
   *
   * @throws NullPointerException if {@code config} is null
   */
  static RateLimiter of(RateLimiterConfig config) {
    if (config == null) {
      throw new NullPointerException("config must not be null");
    }
    return Limiters.create(config);
  }

  /**
   * Returns a token bucket of {@code capacity} permits, starting full, refilled with
   * {@code permits} every {@code period}, on the system clock.
   *
   * @throws IllegalArgumentException if a value is not positive
   */
  static RateLimiter tokenBucket(long capacity, long permits, Duration period) {
    return of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.TOKEN_BUCKET)
        .limit(permits, period).burst(capacity).build());
  }

  /**
   * Returns a GCRA limiter admitting {@code permits} per {@code period} with bursts up to
   * {@code burst}, on the system clock.
   *
   * @throws IllegalArgumentException if a value is not positive
   */
  static RateLimiter gcra(long permits, Duration period, long burst) {
    return of(RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.GCRA).limit(permits, period).burst(burst).build());
  }

  /**
   * Returns a limiter that decides through {@code limiter} and then tells {@code listener} of each
   * decision (see {@link RateLimiterListener}). The returned limiter keeps every guarantee of
   * {@code limiter}; requests made on {@code limiter} directly are not reported. Stack several
   * listeners by wrapping again.
   *
   * @throws NullPointerException if an argument is null
   */
  static RateLimiter listening(RateLimiter limiter, RateLimiterListener listener) {
    if (limiter == null) {
      throw new NullPointerException("limiter must not be null");
    }
    if (listener == null) {
      throw new NullPointerException("listener must not be null");
    }
    return new ListeningRateLimiter(limiter, listener);
  }

  /** Returns the limiter's configuration. */
  RateLimiterConfig config();

  /** Takes one permit if the contract allows it now; never waits. Allocates nothing. */
  boolean tryAcquire();

  /**
   * Takes {@code permits} if the contract allows it now; never waits. Allocates nothing.
   *
   * @throws IllegalArgumentException if {@code permits} is below 1 or above {@link RateLimiterConfig#maxPermitsPerRequest()}
   */
  boolean tryAcquire(long permits);

  /**
   * Takes {@code permits}, waiting for them at most {@code maxWait}, and never past the caller's
   * {@link dev.trestle.core.Deadline#current() current deadline}: returns false at once when the
   * wait needed is longer than either allows; otherwise sleeps through the configured {@link Sleeper} and takes them
   * (trying again if other callers took them meanwhile, within what is left of {@code maxWait}).
   *
   * @return whether the permits were taken
   * @throws InterruptedException if the thread is interrupted on entry or while it waits; no
   *     permit is then held
   * @throws IllegalArgumentException if {@code permits} is out of range or {@code maxWait} is negative
   * @throws NullPointerException if {@code maxWait} is null
   */
  boolean tryAcquire(long permits, Duration maxWait) throws InterruptedException;

  /**
   * Takes {@code permits} if the contract allows it now, like {@link #tryAcquire(long)}, and returns
   * the decision with the permits left and, for a refusal, the exact wait. It takes the permits
   * when it allows (one atomic step: a separate check and take would race with other callers).
   *
   * @throws IllegalArgumentException if {@code permits} is out of range
   */
  RateLimitDecision probe(long permits);
}
