package dev.trestle.ratelimit;

import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.FlightRecorderGate;
import dev.trestle.core.internal.TimedPark;
import java.time.Duration;

/**
 * What every local algorithm shares: argument checks, the waiting acquire, the probe. An algorithm
 * implements one allocation-free decision, {@link #acquire(long)}, whose result is a {@code long}:
 * the permits left when it took them, minus the wait in nanoseconds when it refused, or
 * {@link #RETIRED} once a keyed limiter dropped it.
 */
abstract class AbstractLimiter implements RateLimiter {

  /** The result of {@link #acquire} on a limiter that a {@link KeyedRateLimiter} dropped. */
  static final long RETIRED = Long.MIN_VALUE;

  final RateLimiterConfig config;
  final Ticker ticker;
  final Sleeper sleeper;
  private final long maxPermits;
  /** Created on the first refusal seen while a JFR recording enables {@link RejectionBurstEvent}. */
  private volatile RejectionBursts bursts;

  AbstractLimiter(RateLimiterConfig config) {
    this.config = config;
    this.ticker = config.ticker;
    this.sleeper = config.sleeper;
    this.maxPermits = config.maxPermitsPerRequest();
  }

  /**
   * Takes the permits if the contract allows: returns what is left (≥ 0, in the algorithm's own
   * units: {@link #permitsLeft} converts), or -(wait ns) (< 0), or RETIRED. The conversion is left
   * out of this hot path because it is a division, which would cost tryAcquire more than its CAS.
   */
  abstract long acquire(long permits);

  /** Converts what {@link #acquire} left to whole permits; the identity unless overridden. */
  long permitsLeft(long left) {
    return left;
  }

  /** Returns how many single permits could be taken now. */
  abstract long available();

  /** Retires this limiter if its state is that of a fresh one, so a keyed limiter may drop it losslessly. */
  abstract boolean retireIfIdle();

  @Override
  public final RateLimiterConfig config() {
    return config;
  }

  final void checkPermits(long permits) {
    if (permits < 1 || permits > maxPermits) {
      throw new IllegalArgumentException("permits must be between 1 and " + maxPermits + " (the most one request can get from "
          + config.algorithm + " at " + config.permits + " per " + config.period + ", burst " + config.burst + "), was " + permits);
    }
  }

  /** {@code maxWait} in nanoseconds, cut to what remains of the caller's current deadline. */
  static long maxWaitNanos(Duration maxWait) {
    return TimedPark.bound(Durations.nonNegativeNanos(maxWait, "maxWait"));
  }

  @Override
  public final boolean tryAcquire() {
    return acquire(1) >= 0 || rejected();
  }

  @Override
  public final boolean tryAcquire(long permits) {
    checkPermits(permits);
    return acquire(permits) >= 0 || rejected();
  }

  /** The refusal path's one hook: feeds the JFR burst detector while a recording enables it. Returns false. */
  private boolean rejected() {
    if (FlightRecorderGate.open() && RejectionBurstEvent.TYPE.isEnabled()) {
      RejectionBursts b = bursts;
      if (b == null) {
        bursts = b = new RejectionBursts(); // a lost race drops a few counts of one window, nothing more
      }
      b.rejected(config.name, config.algorithm.name(), ticker.read());
    }
    return false;
  }

  @Override
  public boolean tryAcquire(long permits, Duration maxWait) throws InterruptedException {
    checkPermits(permits);
    long budget = maxWaitNanos(maxWait);
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before acquiring " + permits + " permits");
    }
    long start = ticker.read();
    while (true) {
      long result = acquire(permits);
      if (result >= 0) {
        return true;
      }
      long wait = -result;
      long left = budget - (ticker.read() - start);
      if (wait > left) {
        return rejected();
      }
      sleeper.sleep(wait);
    }
  }

  @Override
  public final RateLimitDecision probe(long permits) {
    checkPermits(permits);
    long result = acquire(permits);
    if (result >= 0) {
      return RateLimitDecision.allowed(permitsLeft(result));
    }
    rejected();
    return RateLimitDecision.denied(available(), -result);
  }

  @Override
  public String toString() {
    return config.algorithm + "[" + config.permits + " per " + config.period + ", burst " + config.burst + "]";
  }
}
