package dev.trestle.ratelimit;

import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Schedulers;
import dev.trestle.core.internal.TimedPark;

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

  /** Returns the sleeper that parks the thread on the system clock. */
  static Sleeper system() {
    return on(Ticker.system());
  }

  /**
   * Returns the sleeper that parks the thread until {@code ticker} has moved {@code nanos} on: a
   * timed park on the system clock; on a {@link dev.trestle.core.ManualTicker} (which is also the
   * scheduler) the thread parks until the ticker is advanced past the end of its wait, so a test
   * that advances the ticker releases the waiting caller. The default of
   * {@link RateLimiterConfig.Builder#sleeper}.
   *
   * @throws NullPointerException if {@code ticker} is null
   */
  static Sleeper on(Ticker ticker) {
    if (ticker == null) {
      throw new NullPointerException("ticker must not be null");
    }
    dev.trestle.core.Scheduler scheduler = Schedulers.resolve(null, ticker);
    return nanos -> TimedPark.sleep(ticker, scheduler, nanos);
  }
}
