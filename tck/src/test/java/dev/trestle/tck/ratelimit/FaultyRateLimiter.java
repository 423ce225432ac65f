package dev.trestle.tck.ratelimit;

import dev.trestle.core.Ticker;
import dev.trestle.ratelimit.RateLimitDecision;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import dev.trestle.ratelimit.Sleeper;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A plain, lock-based token bucket (or fixed window) with one deliberate fault, or none: the kit's
 * proof that each rule it names can fail. Tokens are kept as permits × period-nanoseconds, so the
 * faultless bucket is exact.
 */
final class FaultyRateLimiter implements RateLimiter {

  /** The faults, each breaking one rule of the kit. */
  enum Fault {
    /** A fixed window, which lets 2L through around a boundary, declared as an exact sliding window. */
    BOUNDARY_DOUBLE_BURST,
    /** Reads and writes the tokens without the lock: racing threads both spend the same token. */
    LOST_UPDATE,
    /** Refills with elapsed × rate in a long without clamping first: a long idle time overflows. */
    OVERFLOW_AFTER_IDLE,
    /** Reports the wait in whole milliseconds, rounded down: a client retrying then is refused. */
    WRONG_RETRY_AFTER,
    /** The waiting acquire charges one permit, whatever it was asked for. */
    WAITING_CHARGES_ONE,
    /** The waiting acquire skips the permits check: a request above the capacity is refused, never rejected. */
    WAITING_UNCHECKED
  }

  private final Fault fault;
  private final boolean window;
  private final long permits;
  private final long period;
  private final long capacity;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private final ReentrantLock lock = new ReentrantLock();
  private final long created;
  private long tokens; // permits × period ns
  private long last;
  private long windowIndex;
  private long windowCount;

  FaultyRateLimiter(Fault fault, boolean window, RateLimiterSpec spec) {
    if (spec.permits() < 1 || spec.period().isNegative() || spec.period().isZero()) {
      throw new IllegalArgumentException("bad rate " + spec.permits() + " per " + spec.period());
    }
    this.fault = fault;
    this.window = window;
    this.permits = spec.permits();
    this.period = spec.period().toNanos();
    this.capacity = window ? spec.permits() : spec.burst();
    this.ticker = spec.ticker();
    this.sleeper = spec.sleeper();
    this.created = ticker.read();
    this.last = created;
    this.tokens = capacity * period;
  }

  @Override
  public RateLimiterConfig config() {
    return RateLimiterConfig.builder().limit(permits, Duration.ofNanos(period)).ticker(ticker).build();
  }

  private void check(long n) {
    if (n < 1 || n > capacity) {
      throw new IllegalArgumentException("permits must be between 1 and " + capacity + ", was " + n);
    }
  }

  /** Returns the permits left (≥ 0) or -(wait ns). */
  private long acquire(long n) {
    boolean locked = fault != Fault.LOST_UPDATE;
    if (locked) {
      lock.lock();
    }
    try {
      long now = ticker.read();
      if (window) {
        long index = (now - created) / period;
        if (index != windowIndex) {
          windowIndex = index;
          windowCount = 0;
        }
        if (windowCount + n <= capacity) {
          windowCount += n;
          return capacity - windowCount;
        }
        return -((index + 1) * period - (now - created));
      }
      long full = capacity * period;
      long elapsed = now - last;
      long current = tokens;
      if (fault == Fault.OVERFLOW_AFTER_IDLE) {
        current = Math.min(full, current + elapsed * permits);
      } else {
        current = elapsed >= (full - current) / permits + 1 ? full : Math.min(full, current + elapsed * permits);
      }
      if (fault == Fault.LOST_UPDATE) {
        Thread.yield(); // widen the race between the read above and the write below
      }
      long cost = n * period;
      if (current >= cost) {
        tokens = current - cost;
        last = now;
        return tokens / period;
      }
      tokens = current;
      last = now;
      long wait = (cost - current + permits - 1) / permits;
      if (fault == Fault.WRONG_RETRY_AFTER) {
        wait = Math.max(1, wait / 1_000_000 * 1_000_000);
      }
      return -wait;
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  @Override
  public boolean tryAcquire() {
    return acquire(1) >= 0;
  }

  @Override
  public boolean tryAcquire(long n) {
    check(n);
    return acquire(n) >= 0;
  }

  @Override
  public boolean tryAcquire(long n, Duration maxWait) throws InterruptedException {
    if (fault != Fault.WAITING_UNCHECKED) {
      check(n);
    }
    if (maxWait == null) {
      throw new NullPointerException("maxWait");
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long start = ticker.read();
    long charge = fault == Fault.WAITING_CHARGES_ONE ? 1 : n;
    while (true) {
      long result = acquire(charge);
      if (result >= 0) {
        return true;
      }
      if (-result > maxWait.toNanos() - (ticker.read() - start)) {
        return false;
      }
      sleeper.sleep(-result);
    }
  }

  @Override
  public RateLimitDecision probe(long n) {
    check(n);
    long result = acquire(n);
    return result >= 0 ? RateLimitDecision.allowed(result) : RateLimitDecision.denied(0, -result);
  }
}
