package dev.trestle.tck.ratelimit;

import dev.trestle.core.Ticker;
import dev.trestle.ratelimit.Sleeper;
import java.time.Duration;

/**
 * What the {@link RateLimiterTck} asks for when it creates a limiter: {@code permits} per
 * {@code period}, a {@code burst} (the capacity, for bucket contracts; window limiters ignore it),
 * and the ticker and sleeper to use. For the exact rules the ticker is a
 * {@link dev.trestle.core.ManualTicker} and the sleeper advances it; for the real-time rules they are
 * the system's. The kit also asks for invalid rates (zero or negative permits, a zero period), which
 * the factory must reject. Immutable.
 */
public final class RateLimiterSpec {

  private final long permits;
  private final Duration period;
  private final long burst;
  private final Ticker ticker;
  private final Sleeper sleeper;

  RateLimiterSpec(long permits, Duration period, long burst, Ticker ticker, Sleeper sleeper) {
    this.permits = permits;
    this.period = period;
    this.burst = burst;
    this.ticker = ticker;
    this.sleeper = sleeper;
  }

  /** Returns the permits per period ({@code L}). */
  public long permits() {
    return permits;
  }

  /** Returns the period ({@code T}). */
  public Duration period() {
    return period;
  }

  /** Returns the burst ({@code B}): the capacity of a bucket, full at creation. */
  public long burst() {
    return burst;
  }

  /** Returns the clock the limiter must read (if it declares MANUAL_TICKER). */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns how a waiting acquire must let time pass (if it declares WAITING). */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** Returns the largest request this spec allows for {@code contract}: B for buckets, L otherwise. */
  public long maxPermits(RateContract contract) {
    return contract.isBucket() ? burst : permits;
  }

  @Override
  public String toString() {
    return "RateLimiterSpec[" + permits + " per " + period + ", burst " + burst + "]";
  }
}
