package dev.trestle.ratelimit;

/**
 * {@link RateLimitAlgorithm#LEAKY_BUCKET}, the meter. The state is the instant the bucket will
 * have drained: its level at {@code now} is {@code max(0, drained - now)}; a request pours in its
 * permits unless the level would pass the bucket's size.
 */
final class LeakyBucket extends AbstractLimiter {

  private final Rate rate;
  private final long size;
  private final VirtualTime drained;

  LeakyBucket(RateLimiterConfig config) {
    super(config);
    this.rate = Rate.of(config.permits, config.periodNanos);
    this.size = config.burst * rate.unitsPerPermit;
    this.drained = new VirtualTime(config.ticker, rate, 0, 0);
  }

  @Override
  long acquire(long permits) {
    long water = permits * rate.unitsPerPermit;
    long t = drained.clock();
    long s = drained.get();
    boolean fresh = true;
    while (true) {
      long drainedAt = VirtualTime.value(s);
      if (drainedAt == VirtualTime.RETIRED) {
        return RETIRED;
      }
      long now = drained.now(s, t);
      long level = Math.max(0, drainedAt - now);
      long overflow = level + water - size;
      if (now == Long.MIN_VALUE || (overflow > 0 && !fresh)) {
        // The base moved, or a refusal decided on a clock read before a lost CAS: read both again.
        t = drained.clock();
        s = drained.get();
        fresh = true;
        continue;
      }
      if (overflow > 0) {
        return -rate.ceilNanos(overflow);
      }
      long found = drained.compareAndExchange(s, now + level + water);
      if (found == s) {
        return -overflow;
      }
      s = found; // lost: retry at once on the state found, same clock reading (see TokenBucket)
      fresh = false;
    }
  }

  @Override
  long permitsLeft(long units) {
    return units / rate.unitsPerPermit;
  }

  @Override
  long available() {
    while (true) {
      long t = drained.clock();
      long s = drained.get();
      long now = drained.now(s, t);
      if (now != Long.MIN_VALUE) {
        return Math.max(0, size - Math.max(0, VirtualTime.value(s) - now)) / rate.unitsPerPermit; // 0 once retired
      }
    }
  }

  @Override
  boolean retireIfIdle() {
    return drained.retireIf((drainedAt, now) -> drainedAt <= now);
  }
}
