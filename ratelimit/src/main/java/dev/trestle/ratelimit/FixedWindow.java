package dev.trestle.ratelimit;

import dev.trestle.core.internal.ContentionBackoff;

/**
 * {@link RateLimitAlgorithm#FIXED_WINDOW}: a count per window of the period, windows aligned on
 * creation. Lock-free: the window number and its count are one {@code long}, {@code window × (L +
 * 1) + count}, held by a {@link VirtualTime} whose ticks are window numbers; a value below the
 * current window's start is an earlier window, so its count is zero without anyone resetting it.
 */
final class FixedWindow extends AbstractLimiter {

  private final long origin;
  private final long period;
  private final long limit;
  /** {@code window × (limit + 1) + count}, relative to a base window. */
  private final VirtualTime state;

  FixedWindow(RateLimiterConfig config) {
    super(config);
    this.origin = config.ticker.read();
    this.period = config.periodNanos;
    this.limit = config.permits;
    this.state = new VirtualTime(this::window, limit + 1, 0, 0);
  }

  /** The number of the window the clock is in; the ticker of {@link #state}. */
  private long window() {
    return Math.floorDiv(ticker.read() - origin, period);
  }

  /**
   * The permits taken in the window starting at {@code start} units: zero for a value of an
   * earlier window, above the limit for one of a later window (a thread that read the clock just
   * before another moved to the next window), which refuses until this thread's window ends.
   */
  private static long used(long value, long start) {
    return Math.max(0, value - start);
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
      long used = start == Long.MIN_VALUE ? 0 : used(value, start);
      if (start == Long.MIN_VALUE || (used + permits > limit && !fresh)) {
        // The base moved, or a refusal decided on a clock read before a lost CAS: read both again.
        elapsed = ticker.read() - origin;
        s = state.get();
        fresh = true;
        continue;
      }
      if (used + permits > limit) {
        return -(period - (elapsed - window * period));
      }
      long found = state.compareAndExchange(s, start + used + permits);
      if (found == s) {
        return limit - used - permits;
      }
      lost = ContentionBackoff.pause(lost); // lost: step aside, then decide afresh (see TokenBucket)
      elapsed = ticker.read() - origin;
      s = state.get();
      fresh = true;
    }
  }

  @Override
  long available() {
    while (true) {
      long window = window();
      long s = state.get();
      long start = state.now(s, window);
      if (start != Long.MIN_VALUE) {
        return Math.max(0, limit - used(VirtualTime.value(s), start));
      }
    }
  }

  @Override
  boolean retireIfIdle() {
    return state.retireIf((value, start) -> value <= start);
  }
}
