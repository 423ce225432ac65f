package dev.trestle.ratelimit;

import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link RateLimitAlgorithm#SLIDING_WINDOW_LOG}: a ring of the admission times of the last
 * {@code L} permits. A permit admitted at {@code t} counts in every window {@code (now - T, now]}
 * with {@code now < t + T}; so the oldest entries leave as time passes, and a refused request can
 * name the exact instant enough of them will have left.
 */
final class SlidingWindowLog extends AbstractLimiter {

  private final ReentrantLock lock = new ReentrantLock();
  private final long base;
  private final long period;
  private final long[] times;
  private int head;
  private int size;
  private boolean retired;

  SlidingWindowLog(RateLimiterConfig config) {
    super(config);
    this.base = config.ticker.read();
    this.period = config.periodNanos;
    this.times = new long[Math.toIntExact(config.permits)];
  }

  /** Drops the entries that no longer count at {@code now}; call holding the lock. */
  private void expire(long now) {
    while (size > 0 && now - times[head] >= period) {
      head = head + 1 == times.length ? 0 : head + 1;
      size--;
    }
  }

  @Override
  long acquire(long permits) {
    lock.lock();
    try {
      if (retired) {
        return RETIRED;
      }
      long now = ticker.read() - base;
      expire(now);
      int limit = times.length;
      if (size + permits <= limit) {
        for (long i = 0; i < permits; i++) {
          int tail = head + size;
          times[tail >= limit ? tail - limit : tail] = now;
          size++;
        }
        return limit - size;
      }
      int mustLeave = (int) (size + permits - limit); // 1..size, as permits <= limit
      int last = head + mustLeave - 1;
      return -(times[last >= limit ? last - limit : last] + period - now);
    } finally {
      lock.unlock();
    }
  }

  @Override
  long available() {
    lock.lock();
    try {
      expire(ticker.read() - base);
      return times.length - size;
    } finally {
      lock.unlock();
    }
  }

  @Override
  boolean retireIfIdle() {
    lock.lock();
    try {
      expire(ticker.read() - base);
      retired |= size == 0;
      return retired;
    } finally {
      lock.unlock();
    }
  }
}
