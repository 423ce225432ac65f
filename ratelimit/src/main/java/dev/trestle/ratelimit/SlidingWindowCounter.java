package dev.trestle.ratelimit;

import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link RateLimitAlgorithm#SLIDING_WINDOW_COUNTER}: the estimate at offset {@code e} into the
 * current window is {@code previous × (T - e) / T + current}, compared in integers (everything
 * multiplied by {@code T}) so the decision and the wait are exact for the estimate.
 */
final class SlidingWindowCounter extends AbstractLimiter {

  private final ReentrantLock lock = new ReentrantLock();
  private final long base;
  private final long period;
  private final long limit;
  private long window;
  private long previous;
  private long current;
  private boolean retired;

  SlidingWindowCounter(RateLimiterConfig config) {
    super(config);
    this.base = config.ticker.read();
    this.period = config.periodNanos;
    this.limit = config.permits;
  }

  /** Moves to the window of {@code elapsed} and returns the offset into it; call holding the lock. */
  private long roll(long elapsed) {
    long index = Math.floorDiv(elapsed, period);
    if (index == window + 1) {
      previous = current;
      current = 0;
    } else if (index != window) {
      previous = 0;
      current = 0;
    }
    window = index;
    return elapsed - index * period;
  }

  @Override
  long acquire(long permits) {
    lock.lock();
    try {
      if (retired) {
        return RETIRED;
      }
      long offset = roll(ticker.read() - base);
      long weighted = previous * (period - offset);
      if (weighted + (current + permits) * period <= limit * period) {
        current += permits;
        return (limit * period - weighted - current * period) / period;
      }
      return -waitNanos(offset, permits);
    } finally {
      lock.unlock();
    }
  }

  /** The exact wait until the estimate admits {@code permits}, refused at {@code offset}. */
  private long waitNanos(long offset, long permits) {
    long room = limit - current - permits;
    if (room >= 0 && previous > 0) {
      long needed = period - room * period / previous; // first offset with previous × (T - e) <= room × T
      if (needed < period) {
        return needed - offset;
      }
    }
    // In the next window this window's count is the previous one and nothing is current yet.
    long next = current == 0 ? 0 : period - (limit - permits) * period / current;
    return period - offset + Math.max(0, next);
  }

  @Override
  long available() {
    lock.lock();
    try {
      long offset = roll(ticker.read() - base);
      return Math.max(0, (limit * period - previous * (period - offset) - current * period) / period);
    } finally {
      lock.unlock();
    }
  }

  @Override
  boolean retireIfIdle() {
    lock.lock();
    try {
      roll(ticker.read() - base);
      retired |= previous == 0 && current == 0;
      return retired;
    } finally {
      lock.unlock();
    }
  }
}
