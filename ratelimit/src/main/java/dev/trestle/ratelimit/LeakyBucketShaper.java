package dev.trestle.ratelimit;

import dev.trestle.core.internal.ContentionBackoff;

import java.time.Duration;

/**
 * {@link RateLimitAlgorithm#LEAKY_BUCKET_SHAPER}, the queue. The state is the next free slot: a
 * request of {@code n} permits takes the slot and holds the next {@code n × T/L} to itself. The
 * waiting acquire reserves the slot first and then sleeps until it, so waiting callers leave the
 * queue one interval apart, in the order they reserved.
 */
final class LeakyBucketShaper extends AbstractLimiter {

  /** Reservations further ahead than this are refused, to keep the slot within the state's range. */
  private static final long MAX_AHEAD = 1L << 58;

  private final Rate rate;
  private final VirtualTime slot;

  LeakyBucketShaper(RateLimiterConfig config) {
    super(config);
    this.rate = Rate.of(config.permits, config.periodNanos);
    this.slot = new VirtualTime(config.ticker, rate, 0, 0);
  }

  @Override
  long acquire(long permits) {
    long hold = permits * rate.unitsPerPermit;
    int lost = 0;
    while (true) {
      long t = slot.clock();
      long s = slot.get();
      long next = VirtualTime.value(s);
      if (next == VirtualTime.RETIRED) {
        return RETIRED;
      }
      long now = slot.now(s, t);
      if (now == Long.MIN_VALUE) {
        continue;
      }
      if (next > now) {
        return -rate.ceilNanos(next - now);
      }
      if (slot.compareAndSet(s, now + hold)) {
        return 0;
      }
      lost = ContentionBackoff.pause(lost);
    }
  }

  @Override
  public boolean tryAcquire(long permits, Duration maxWait) throws InterruptedException {
    checkPermits(permits);
    long budget = maxWaitNanos(maxWait);
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before acquiring " + permits + " permits");
    }
    long hold = permits * rate.unitsPerPermit;
    while (true) {
      long t = slot.clock();
      long s = slot.get();
      long next = VirtualTime.value(s);
      if (next == VirtualTime.RETIRED) {
        return false;
      }
      long now = slot.now(s, t);
      if (now == Long.MIN_VALUE) {
        continue;
      }
      long start = Math.max(next, now);
      long waitUnits = start - now;
      long wait = rate.ceilNanos(waitUnits);
      if (wait > budget || waitUnits > MAX_AHEAD) {
        return false;
      }
      if (!slot.compareAndSet(s, start + hold)) {
        continue;
      }
      if (wait == 0) {
        return true;
      }
      try {
        sleeper.sleep(wait);
        return true;
      } catch (InterruptedException e) {
        // Give the slot back if nobody queued behind it; otherwise it stays unused (a lower rate, never a higher one).
        slot.compareAndSet(VirtualTime.pack(VirtualTime.generation(s), start + hold), next);
        throw e;
      }
    }
  }

  @Override
  long available() {
    while (true) {
      long t = slot.clock();
      long s = slot.get();
      long now = slot.now(s, t);
      if (now != Long.MIN_VALUE) {
        return VirtualTime.value(s) <= now ? config.permits : 0;
      }
    }
  }

  @Override
  boolean retireIfIdle() {
    return slot.retireIf((next, now) -> next <= now);
  }
}
