package dev.trestle.ratelimit;

import dev.trestle.core.internal.ContentionBackoff;

/**
 * {@link RateLimitAlgorithm#TOKEN_BUCKET}. The state is the instant the bucket was (virtually)
 * empty: the tokens at {@code now} are {@code min(capacity, now - empty)} in units, so refill needs
 * no timer and no second field, and any idle time only clamps at the capacity.
 */
final class TokenBucket extends AbstractLimiter {

  private final Rate rate;
  private final long capacity;
  private final VirtualTime empty;

  TokenBucket(RateLimiterConfig config) {
    super(config);
    this.rate = Rate.of(config.permits, config.periodNanos);
    this.capacity = config.burst * rate.unitsPerPermit;
    this.empty = new VirtualTime(config.ticker, rate, capacity, -config.initialPermits * rate.unitsPerPermit);
  }

  @Override
  long acquire(long permits) {
    long cost = permits * rate.unitsPerPermit;
    long t = empty.clock();
    long s = empty.get();
    boolean fresh = true;
    int lost = 0;
    while (true) {
      long emptyAt = VirtualTime.value(s);
      if (emptyAt == VirtualTime.RETIRED) {
        return RETIRED;
      }
      long now = empty.now(s, t);
      if (now == Long.MIN_VALUE) {
        t = empty.clock();
        s = empty.get();
        fresh = true;
        continue;
      }
      long tokens = Math.min(capacity, now - emptyAt);
      if (tokens < cost) {
        if (!fresh) { // decided on a clock read before a lost CAS: refuse only on a fresh one
          t = empty.clock();
          s = empty.get();
          fresh = true;
          continue;
        }
        return -rate.ceilNanos(cost - tokens);
      }
      long found = empty.compareAndExchange(s, now - tokens + cost);
      if (found == s) {
        return tokens - cost;
      }
      lost = ContentionBackoff.pause(lost); // lost to another thread: step aside, then decide afresh
      t = empty.clock();
      s = empty.get();
      fresh = true;
    }
  }

  @Override
  long permitsLeft(long units) {
    return units / rate.unitsPerPermit;
  }

  @Override
  long available() {
    while (true) {
      long t = empty.clock();
      long s = empty.get();
      long now = empty.now(s, t);
      if (now != Long.MIN_VALUE) {
        return Math.max(0, Math.min(capacity, now - VirtualTime.value(s))) / rate.unitsPerPermit;
      }
    }
  }

  @Override
  boolean retireIfIdle() {
    return empty.retireIf((emptyAt, now) -> now - emptyAt >= capacity);
  }
}
