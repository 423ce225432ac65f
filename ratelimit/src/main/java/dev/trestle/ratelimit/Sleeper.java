package dev.trestle.ratelimit;

import java.util.concurrent.TimeUnit;

/**
 * How a waiting {@link RateLimiter#tryAcquire(long, java.time.Duration)} lets time pass: injected
 * so that tests move a {@link dev.trestle.core.ManualTicker} instead of sleeping.
 *
 * <p>Implementations must be thread-safe and must throw {@link InterruptedException} (clearing the
 * interrupt status) when the thread is interrupted before or while it sleeps.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Lets at least {@code nanos} nanoseconds pass on the limiter's ticker, or returns early only by
   * throwing.
   *
   * @throws InterruptedException if the thread is interrupted
   */
  void sleep(long nanos) throws InterruptedException;

  /** Returns the sleeper that parks the thread on the system clock ({@link TimeUnit#sleep}). */
  static Sleeper system() {
    return nanos -> TimeUnit.NANOSECONDS.sleep(nanos);
  }
}
