package dev.trestle.ratelimit;

import dev.trestle.core.internal.ContentionBackoff;

/**
 * {@link RateLimitAlgorithm#GCRA}. The state is the theoretical arrival time {@code tat}: a
 * request of {@code n} permits conforms if {@code max(tat, now) + n × interval <= now + burst ×
 * interval}, and then becomes the new {@code tat}. A past {@code tat} means a full burst, so idle
 * time needs no clamp at all.
 *
 * <p>It also runs {@link RateLimitAlgorithm#LEAKY_BUCKET}: a meter of size {@code burst} draining
 * at the rate holds {@code max(0, tat - now)} of water, and admitting {@code n} permits as water is
 * exactly the test and the update above, so one implementation serves both.
 */
final class Gcra extends AbstractLimiter {

  private final Rate rate;
  private final long tolerance;
  private final VirtualTime tat;

  Gcra(RateLimiterConfig config) {
    super(config);
    this.rate = Rate.of(config.permits, config.periodNanos);
    this.tolerance = config.burst * rate.unitsPerPermit;
    this.tat = new VirtualTime(config.ticker, rate, 0, 0);
  }

  @Override
  long acquire(long permits) {
    long increment = permits * rate.unitsPerPermit;
    long t = tat.clock();
    long s = tat.get();
    boolean fresh = true;
    int lost = 0;
    while (true) {
      long arrival = VirtualTime.value(s);
      if (arrival == VirtualTime.RETIRED) {
        return RETIRED;
      }
      long now = tat.now(s, t);
      if (now == Long.MIN_VALUE) {
        t = tat.clock();
        s = tat.get();
        fresh = true;
        continue;
      }
      long next = Math.max(arrival, now) + increment;
      long late = next - now - tolerance;
      if (late > 0) {
        if (!fresh) { // decided on a clock read before a lost CAS: refuse only on a fresh one
          t = tat.clock();
          s = tat.get();
          fresh = true;
          continue;
        }
        return -rate.ceilNanos(late);
      }
      long found = tat.compareAndExchange(s, next);
      if (found == s) {
        return -late;
      }
      lost = ContentionBackoff.pause(lost); // lost: step aside, then decide afresh (see TokenBucket)
      t = tat.clock();
      s = tat.get();
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
      long t = tat.clock();
      long s = tat.get();
      long now = tat.now(s, t);
      if (now != Long.MIN_VALUE) {
        return Math.max(0, now + tolerance - Math.max(VirtualTime.value(s), now)) / rate.unitsPerPermit;
      }
    }
  }

  @Override
  boolean retireIfIdle() {
    return tat.retireIf((arrival, now) -> arrival <= now);
  }
}
