package dev.trestle.ratelimit;

import dev.trestle.core.internal.ContentionBackoff;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@link RateLimitAlgorithm#SLIDING_WINDOW_LOG}: a ring of the admission times of at least the last
 * {@code L} permits. A permit admitted at {@code t} counts in every window {@code (now - T, now]}
 * with {@code now < t + T}; so the oldest entries leave as time passes, and a refused request can
 * name the exact instant enough of them will have left.
 *
 * <p>Permits are numbered in admission order. Admitting {@code m} permits as numbers {@code n ..
 * n+m-1} is exact when permit {@code n+m-1-L}, the newest one that must have left the window, was
 * admitted at least {@code T} before; that is one read. The times are non-decreasing in permit
 * order (each request reads the clock after the claim counter, so after every earlier claimer read
 * it), which with that check means no window of length {@code T} ever holds more than {@code L}.
 *
 * <p>Non-blocking claim, then publish (the scheme of the LMAX Disruptor): a request takes its
 * numbers with one CAS on the claim counter, then writes its times and publishes each entry by
 * writing the permit's number beside it. Nobody ever waits for a lock. A request that needs the
 * time of a permit whose claimer has not yet published it spins until it is published; that is
 * the one wait, it lasts a few stores unless the claimer is descheduled between its CAS and them,
 * and it needs a permit {@code L} places back still unwritten, which a ring of more than a few
 * permits seldom meets.
 *
 * <p>The ring has a power-of-two number of entries, the first at least {@code L}, so finding an
 * entry is a mask, not a division; and permit {@code j} is at entry {@code j × stride} (an odd
 * stride of at least 5), so consecutive permits, which two threads write at the same moment, are
 * on different cache lines.
 */
final class SlidingWindowLog extends AbstractLimiter {

  /** The claim counter of a limiter a keyed limiter dropped. */
  private static final long RETIRED_CLAIM = Long.MIN_VALUE;
  /** A read found a newer permit than the one asked for: the caller's view is stale. */
  private static final long STALE = Long.MIN_VALUE;

  private final long origin;
  private final long period;
  private final long limit;
  private final long mask;
  private final long stride;
  /** The number the next admitted permit gets, or {@link #RETIRED_CLAIM}. */
  private final AtomicLong claim = new AtomicLong();
  /**
   * Entry {@code e}: {@code [2e]} the admission time (ns since origin), {@code [2e+1]} one more than
   * the number of the permit it holds (0: none yet), written after the time.
   */
  private final AtomicLongArray entries;
  /** Runs between a claim and its stores; for tests that must hold a claimer there. Null otherwise. */
  private Runnable afterClaim;

  SlidingWindowLog(RateLimiterConfig config) {
    super(config);
    this.origin = config.ticker.read();
    this.period = config.periodNanos;
    this.limit = config.permits;
    int capacity = capacity(limit);
    this.mask = capacity - 1;
    this.stride = capacity < 8 ? 1 : 5;
    this.entries = new AtomicLongArray(2 * capacity);
  }

  /** Makes every later claimer run {@code hook} between its CAS and its stores; for tests only, before sharing this limiter. */
  void afterClaim(Runnable hook) {
    this.afterClaim = hook;
  }

  /** The entries of a ring for {@code limit} permits: the first power of two at least as large. */
  static int capacity(long limit) {
    return limit <= 1 ? 1 : Math.toIntExact(Long.highestOneBit(limit - 1) << 1);
  }

  /** Where permit {@code permit}'s time is in {@link #entries}; its number is one further. */
  private int at(long permit) {
    return 2 * (int) ((permit * stride) & mask);
  }

  /**
   * Returns the admission time of {@code permit} (which has been claimed), once its claimer
   * published it; or {@link #STALE} if its entry already holds a later permit.
   */
  private long timeOf(long permit) {
    int at = at(permit);
    int spins = 0;
    while (true) {
      long held = entries.getAcquire(at + 1) - 1;
      if (held == permit) {
        return entries.get(at);
      }
      if (held > permit) {
        return STALE;
      }
      spins = pause(spins); // claimed, not yet published: its claimer is between its CAS and two stores
    }
  }

  /**
   * Waits until the entry at {@code at} holds permit {@code previous} or a later one, so that a
   * late claimer of {@code previous} cannot overwrite what this request stores there. Almost always
   * it already does: the check of the permit {@code L} back has waited for it, unless a request of
   * several permits skipped it.
   */
  private void awaitPublished(int at, long previous) {
    int spins = 0;
    while (entries.getAcquire(at + 1) - 1 < previous) {
      spins = pause(spins);
    }
  }

  /** One step of waiting for a claimer's stores: a spin, and every 1024 a yield, as it may have been descheduled. */
  private static int pause(int spins) {
    Thread.onSpinWait();
    if (++spins % 1024 == 0) {
      Thread.yield();
    }
    return spins;
  }

  @Override
  long acquire(long permits) {
    long n = claim.get();
    int lost = 0;
    while (true) {
      if (n == RETIRED_CLAIM) {
        return RETIRED;
      }
      // Read after the claim counter, unlike the other algorithms: every earlier permit's claimer
      // read the clock before its CAS, so no earlier permit was recorded later than this, and the
      // times stay non-decreasing in permit order without reading the last permit's entry (which
      // is usually being written by its claimer at this very moment).
      long now = ticker.read() - origin;
      long leaving = n + permits - 1 - limit; // the newest permit that must have left the window
      if (leaving >= 0) {
        long left = timeOf(leaving);
        if (left == STALE) {
          n = claim.get();
          continue;
        }
        if (now - left < period) {
          long current = claim.get();
          if (current != n) {
            n = current; // another request was admitted meanwhile; the entry read may be of a later permit
            continue;
          }
          return -(left + period - now);
        }
      }
      long found = claim.compareAndExchange(n, n + permits);
      if (found == n) {
        if (afterClaim != null) {
          afterClaim.run();
        }
        for (long p = n; p < n + permits; p++) {
          int at = at(p);
          awaitPublished(at, p - mask - 1);
          entries.set(at, now);
          entries.setRelease(at + 1, p + 1);
        }
        return n + permits; // permitsLeft counts afresh, as only probe asks
      }
      lost = ContentionBackoff.pause(lost); // lost: step aside, then read the counter afresh
      n = claim.get();
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
      long n = claim.get();
      long now = ticker.read() - origin;
      if (n == RETIRED_CLAIM || n == 0) {
        return limit;
      }
      // Times are non-decreasing in permit order: find the oldest permit still in the window.
      long lo = Math.max(0, n - limit);
      long hi = n; // the answer is in lo .. hi
      boolean stale = false;
      while (lo < hi) {
        long mid = (lo + hi) >>> 1;
        long t = timeOf(mid);
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
        return limit - (n - lo);
      }
    }
  }

  @Override
  boolean retireIfIdle() {
    while (true) {
      long n = claim.get();
      long now = ticker.read() - origin;
      if (n == RETIRED_CLAIM) {
        return true;
      }
      if (n > 0) {
        long newest = timeOf(n - 1);
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
