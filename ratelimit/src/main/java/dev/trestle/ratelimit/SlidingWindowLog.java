package dev.trestle.ratelimit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@link RateLimitAlgorithm#SLIDING_WINDOW_LOG}: a ring of the admission times of the last
 * {@code L} permits. A permit admitted at {@code t} counts in every window {@code (now - T, now]}
 * with {@code now < t + T}; so the oldest entries leave as time passes, and a refused request can
 * name the exact instant enough of them will have left.
 *
 * <p>Permits are numbered in admission order and permit {@code j} lives in slot {@code j mod L}.
 * Admitting {@code m} permits as numbers {@code n .. n+m-1} is exact when permit {@code n+m-1-L},
 * the newest one the ring must forget, was admitted at least {@code T} before; that is one read.
 * The times are non-decreasing in permit order (each request reads the clock after the claim
 * counter, so after every earlier claimer read it), which with that check means no window of
 * length {@code T} ever holds more than {@code L}.
 *
 * <p>Non-blocking claim, then publish (the scheme of the LMAX Disruptor): a request takes its
 * numbers with one CAS on the claim counter, then writes its times and publishes each slot by
 * writing the permit's number beside it. Nobody ever waits for a lock. A request that needs the
 * time of a permit whose claimer has not yet published it spins until it is published; that is
 * the one wait, it lasts a few stores unless the claimer is descheduled between its CAS and them,
 * and it needs a permit {@code L} places back still unwritten, which a ring of more than a few
 * permits seldom meets.
 */
final class SlidingWindowLog extends AbstractLimiter {

  /** The claim counter of a limiter a keyed limiter dropped. */
  private static final long RETIRED_CLAIM = Long.MIN_VALUE;
  /** A slot read found a newer permit than the one asked for: the caller's view is stale. */
  private static final long STALE = Long.MIN_VALUE;

  private final long origin;
  private final long period;
  private final int size;
  /** The number the next admitted permit gets, or {@link #RETIRED_CLAIM}. */
  private final AtomicLong claim = new AtomicLong();
  /**
   * Slot {@code i}: {@code [2i]} the admission time (ns since origin), {@code [2i+1]} one more than
   * the number of the permit it holds (0: none yet), written after the time.
   */
  private final AtomicLongArray slots;
  /** A step coprime with the size, at least a cache line (4 slots of 16 bytes) long. */
  private final int stride;

  SlidingWindowLog(RateLimiterConfig config) {
    super(config);
    this.origin = config.ticker.read();
    this.period = config.periodNanos;
    this.size = Math.toIntExact(config.permits);
    this.slots = new AtomicLongArray(2 * size);
    this.stride = stride(size);
  }

  /**
   * Where slot {@code slot} is in {@link #slots}: slots are spread {@link #stride} apart so that
   * consecutive permits, which two threads write at the same moment, are on different cache lines.
   */
  private int at(int slot) {
    return 2 * (int) ((long) slot * stride % size);
  }

  /**
   * Returns the admission time of {@code permit} (which has been claimed) from {@code slot}, once
   * its claimer published it; or {@link #STALE} if the slot already holds a later permit.
   */
  private long timeOf(long permit, int slot) {
    int spins = 0;
    while (true) {
      int at = at(slot);
      long held = slots.getAcquire(at + 1) - 1;
      if (held == permit) {
        return slots.get(at);
      }
      if (held > permit) {
        return STALE;
      }
      // Claimed, not yet published: its claimer is between its CAS and two stores.
      Thread.onSpinWait();
      if (++spins % 1024 == 0) {
        Thread.yield(); // the claimer was descheduled: let it run
      }
    }
  }

  /** The smallest step of at least 5 slots that visits every slot of a ring of {@code size}; 1 for rings under 8. */
  static int stride(int size) {
    if (size < 8) {
      return 1;
    }
    int step = 5;
    while (gcd(step, size) != 1) {
      step++;
    }
    return step;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  @Override
  long acquire(long permits) {
    int m = (int) permits; // permits <= L < 2^31, checked by the caller
    while (true) {
      long n = claim.get();
      if (n == RETIRED_CLAIM) {
        return RETIRED;
      }
      // Read after the claim counter, unlike the other algorithms: every earlier permit's claimer
      // read the clock before its CAS, so no earlier permit was recorded later than this, and the
      // times stay non-decreasing in permit order without reading the last permit's slot (which
      // is usually being written by its claimer at this very moment).
      long now = ticker.read() - origin;
      int first = (int) (n % size);
      long leaving = n + m - 1 - size; // the newest permit the ring forgets
      if (leaving >= 0) {
        int slot = first + m - 1;
        long left = timeOf(leaving, slot >= size ? slot - size : slot);
        if (left == STALE) {
          continue;
        }
        if (now - left < period) {
          if (claim.get() != n) {
            continue; // another request was admitted meanwhile; the slot read may be of a later permit
          }
          return -(left + period - now);
        }
      }
      if (claim.compareAndSet(n, n + m)) {
        for (int i = 0; i < m; i++) {
          int slot = first + i >= size ? first + i - size : first + i;
          int at = at(slot);
          slots.set(at, now);
          slots.setRelease(at + 1, n + i + 1);
        }
        return n + m; // permitsLeft counts afresh, as only probe asks
      }
    }
  }

  /** Counts the permits left after a request that {@link #acquire} admitted: a fresh count, only for probe. */
  @Override
  long permitsLeft(long claimed) {
    return available();
  }

  @Override
  long available() {
    while (true) {
      long now = ticker.read() - origin;
      long n = claim.get();
      if (n == RETIRED_CLAIM || n == 0) {
        return size;
      }
      // Times are non-decreasing in permit order: find the oldest permit still in the window.
      long lo = Math.max(0, n - size);
      long hi = n; // permits lo .. hi-1 are in the ring; the answer is in lo .. hi
      boolean stale = false;
      while (lo < hi) {
        long mid = (lo + hi) >>> 1;
        long t = timeOf(mid, (int) (mid % size));
        if (t == STALE) {
          stale = true;
          break;
        }
        if (now - t >= period) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (!stale) {
        return size - (n - lo);
      }
    }
  }

  @Override
  boolean retireIfIdle() {
    while (true) {
      long now = ticker.read() - origin;
      long n = claim.get();
      if (n == RETIRED_CLAIM) {
        return true;
      }
      if (n > 0) {
        long newest = timeOf(n - 1, (int) ((n - 1) % size));
        if (newest == STALE) {
          continue;
        }
        if (now - newest < period) {
          return false;
        }
      }
      if (claim.compareAndSet(n, RETIRED_CLAIM)) {
        return true;
      }
    }
  }
}
