package dev.trestle.ratelimit;

import java.util.concurrent.locks.ReentrantLock;

/** {@link RateLimitAlgorithm#FIXED_WINDOW}: a count per window of the period, windows aligned on creation. */
final class FixedWindow extends AbstractLimiter {

  private final ReentrantLock lock = new ReentrantLock();
  private final long base;
  private final long period;
  private final long limit;
  private long window;
  private long count;
  private boolean retired;

  FixedWindow(RateLimiterConfig config) {
    super(config);
    this.base = config.ticker.read();
    this.period = config.periodNanos;
    this.limit = config.permits;
  }

  /** Moves to the window of {@code elapsed}; call holding the lock. */
  private long roll(long elapsed) {
    long index = Math.floorDiv(elapsed, period);
    if (index != window) {
      window = index;
      count = 0;
    }
    return index;
  }

  @Override
  long acquire(long permits) {
    lock.lock();
    try {
      if (retired) {
        return RETIRED;
      }
      long elapsed = ticker.read() - base;
      long index = roll(elapsed);
      if (count + permits <= limit) {
        count += permits;
        return limit - count;
      }
      return -((index + 1) * period - elapsed);
    } finally {
      lock.unlock();
    }
  }

  @Override
  long available() {
    lock.lock();
    try {
      roll(ticker.read() - base);
      return limit - count;
    } finally {
      lock.unlock();
    }
  }

  @Override
  boolean retireIfIdle() {
    lock.lock();
    try {
      roll(ticker.read() - base);
      retired |= count == 0;
      return retired;
    } finally {
      lock.unlock();
    }
  }
}
