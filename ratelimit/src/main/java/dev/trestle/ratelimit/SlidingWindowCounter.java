package dev.trestle.ratelimit;

import dev.trestle.core.internal.ContentionBackoff;

/**
 * {@link RateLimitAlgorithm#SLIDING_WINDOW_COUNTER}: the estimate at offset {@code e} into the
 * current window is {@code previous × (T - e) / T + current}, compared in integers (everything
 * multiplied by {@code T}) so the decision and the wait are exact for the estimate.
 *
 * <p>Lock-free: the window number and both counts are one {@code long}, {@code window × 2^(2b) +
 * current × 2^b + previous} where {@code b} bits hold the limit, kept by a {@link VirtualTime}
 * whose ticks are window numbers. A value of the window before the current one is read as that
 * window's count becoming the previous one, a value of any older window as nothing at all; so no
 * one has to roll the windows over, and one CAS decides.
 */
final class SlidingWindowCounter extends AbstractLimiter {

  private final long origin;
  private final long period;
  private final long limit;
  private final long limitTimesPeriod;
  private final int bits;
  private final long mask;
  private final long radix;
  /** {@code window × radix + (current << bits | previous)}, relative to a base window. */
  private final VirtualTime state;

  SlidingWindowCounter(RateLimiterConfig config) {
    super(config);
    this.origin = config.ticker.read();
    this.period = config.periodNanos;
    this.limit = config.permits;
    this.limitTimesPeriod = limit * period; // below 2^59: checked by the config
    this.bits = 64 - Long.numberOfLeadingZeros(limit); // limit <= MAX_COUNTER_PERMITS, so 2 × bits <= 58
    this.mask = (1L << bits) - 1;
    this.radix = 1L << (2 * bits);
    // Any value below one window before the current one means "nothing counted": clamp there.
    this.state = new VirtualTime(this::window, radix, radix, 0);
  }

  /** The number of the window the clock is in; the ticker of {@link #state}. */
  private long window() {
    return Math.floorDiv(ticker.read() - origin, period);
  }

  /**
   * The counts held by {@code value} as seen from the window starting at {@code start} units,
   * packed as {@code current << bits | previous}; or -1 for a value of a later window (a thread
   * that read the clock just before another moved on), which refuses until this thread's window
   * ends.
   */
  private long counts(long value, long start) {
    long d = value - start;
    if (d >= radix) {
      return -1;
    }
    if (d >= 0) {
      return d;
    }
    if (d >= -radix) {
      return (d + radix) >>> bits; // the last window's current count is now the previous one
    }
    return 0;
  }

  @Override
  long acquire(long permits) {
    long elapsed = ticker.read() - origin; // read before the state: see VirtualTime.clock()
    long s = state.get();
    boolean fresh = true;
    int lost = 0;
    while (true) {
      long window = Math.floorDiv(elapsed, period);
      long value = VirtualTime.value(s);
      if (value == VirtualTime.RETIRED) {
        return RETIRED;
      }
      long start = state.now(s, window);
      long offset = elapsed - window * period;
      long counts = start == Long.MIN_VALUE ? 0 : counts(value, start);
      long previous = counts & mask;
      long current = counts >>> bits;
      long used = previous * (period - offset) + (current + permits) * period;
      boolean refused = counts < 0 || used > limitTimesPeriod;
      if (start == Long.MIN_VALUE || (refused && !fresh)) {
        // The base moved, or a refusal decided on a clock read before a lost CAS: read both again.
        elapsed = ticker.read() - origin;
        s = state.get();
        fresh = true;
        continue;
      }
      if (counts < 0) {
        return -(period - offset);
      }
      if (used > limitTimesPeriod) {
        return -waitNanos(offset, permits, previous, current);
      }
      long found = state.compareAndExchange(s, start + ((current + permits) << bits | previous));
      if (found == s) {
        return limitTimesPeriod - used;
      }
      lost = ContentionBackoff.pause(lost); // lost: step aside, then decide afresh (see TokenBucket)
      elapsed = ticker.read() - origin;
      s = state.get();
      fresh = true;
    }
  }

  /** What {@link #acquire} left is in permits × period: the division is done only when asked. */
  @Override
  long permitsLeft(long left) {
    return left / period;
  }

  /** The exact wait until the estimate admits {@code permits}, refused at {@code offset}. */
  private long waitNanos(long offset, long permits, long previous, long current) {
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
    while (true) {
      long elapsed = ticker.read() - origin;
      long window = Math.floorDiv(elapsed, period);
      long s = state.get();
      long start = state.now(s, window);
      if (start == Long.MIN_VALUE) {
        continue;
      }
      long counts = counts(VirtualTime.value(s), start);
      if (counts < 0) {
        return 0;
      }
      long offset = elapsed - window * period;
      long used = (counts & mask) * (period - offset) + (counts >>> bits) * period;
      return Math.max(0, (limitTimesPeriod - used) / period);
    }
  }

  @Override
  boolean retireIfIdle() {
    return state.retireIf((value, start) -> counts(value, start) == 0);
  }
}
