package dev.trestle.core.retry;

import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Caps retries at a share of the requests seen recently, so that retries cannot multiply the load
 * on a dependency that is already failing: Finagle's {@code RetryBudget} and Envoy's retry budget.
 *
 * <p><b>Contract.</b> Every call through a {@link Retry} that uses this budget is one request
 * ({@link #recordRequest()}); every retry must first be granted by {@link #tryAcquireRetry()}. Within
 * any window of {@code ttl}, at most {@code floor(ratio × requests + minRetriesPerSecond × ttl in
 * seconds)} retries are granted, counting the requests and retries of that same window; requests
 * and retries stop counting once {@code ttl} has passed. The window moves in steps of
 * {@code ttl / 10}: what happened within a step counts until {@code ttl} after the step began, so
 * between 0.9 × {@code ttl} and {@code ttl}. A retry that is denied is not counted.
 *
 * <p>One budget may be shared by any number of {@code Retry} instances, for example all those
 * calling one dependency: they then spend one allowance.
 *
 * <p>Thread-safe and lock-free: each operation is a compare-and-set on one of ten counters. Per
 * step, counts saturate at about a million requests and retries; beyond that further requests are
 * not counted, which can only make the budget stricter. Two threads that cross a step boundary at
 * the same instant may each be granted the last retry of the old step and the new one.
 */
public final class RetryBudget {

  /** The smallest ttl: one second, as in Finagle. */
  public static final Duration MIN_TTL = Duration.ofSeconds(1);
  /** The largest ttl: one hour. */
  public static final Duration MAX_TTL = Duration.ofHours(1);
  /** The largest ratio: ten retries per request (Finagle allows up to 1000%). */
  public static final double MAX_RATIO = 10;

  private static final int STEPS = 10;
  private static final int COUNT_BITS = 20;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  private static final int TAG_SHIFT = 2 * COUNT_BITS;

  private final double ratio;
  private final int minRetriesPerSecond;
  private final Duration ttl;
  private final double floor;
  private final long stepNanos;
  private final Ticker ticker;
  /** Per step slot: step number (low 24 bits) << 40 | requests << 20 | retries. */
  private final AtomicLongArray slots = new AtomicLongArray(STEPS);

  private RetryBudget(double ratio, int minRetriesPerSecond, Duration ttl, Ticker ticker) {
    this.ratio = ratio;
    this.minRetriesPerSecond = minRetriesPerSecond;
    this.ttl = ttl;
    this.floor = minRetriesPerSecond * (ttl.toNanos() / 1e9);
    this.stepNanos = ttl.toNanos() / STEPS;
    this.ticker = ticker;
    long step = step();
    for (int i = 0; i < STEPS; i++) {
      // Tag every slot with a step outside the window, so that a new budget starts empty.
      slots.set(i, pack(step - STEPS - i, 0, 0));
    }
  }

  /**
   * Returns a budget that grants at most {@code ratio × requests + minRetriesPerSecond × ttl}
   * retries per {@code ttl}, on {@code ticker}.
   *
   * @param ratio retries per request, in [0, {@value #MAX_RATIO}]; 0.2 allows one retry per five
   *     requests
   * @param minRetriesPerSecond the floor that lets a client with little traffic retry at all; at
   *     least 0
   * @param ttl how long a request or retry counts, in [1 s, 1 h]
   * @throws IllegalArgumentException if a value is out of its range
   * @throws NullPointerException if {@code ttl} or {@code ticker} is null
   */
  public static RetryBudget of(double ratio, int minRetriesPerSecond, Duration ttl, Ticker ticker) {
    if (!(ratio >= 0 && ratio <= MAX_RATIO)) {
      throw new IllegalArgumentException("budget ratio must be in [0, " + MAX_RATIO + "], was " + ratio);
    }
    if (minRetriesPerSecond < 0) {
      throw new IllegalArgumentException("budget minRetriesPerSecond must be at least 0, was " + minRetriesPerSecond);
    }
    Arguments.requireNonNull(ttl, "budget ttl");
    if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("budget ttl must be in [" + MIN_TTL + ", " + MAX_TTL + "], was " + ttl);
    }
    Arguments.requireNonNull(ticker, "budget ticker");
    return new RetryBudget(ratio, minRetriesPerSecond, ttl, ticker);
  }

  /**
   * Returns a budget on the system ticker with Finagle's defaults: a ratio of 0.2, a floor of 10
   * retries per second and a ttl of 10 seconds.
   */
  public static RetryBudget ofDefaults() {
    return of(0.2, 10, Duration.ofSeconds(10), Ticker.system());
  }

  /** Counts one request (a call, not a retry). */
  public void recordRequest() {
    long step = step();
    int index = index(step);
    while (true) {
      long raw = slots.get(index);
      long slot = tagOf(raw) == tag(step) ? raw : pack(step, 0, 0);
      long requests = requests(slot);
      if (requests == COUNT_MASK) {
        return; // saturated: not counting can only make the budget stricter
      }
      if (slots.compareAndSet(index, raw, pack(step, requests + 1, retries(slot)))) {
        return;
      }
    }
  }

  /**
   * Grants one retry if the window's allowance is not spent, and counts it.
   *
   * @return true if the retry may be made
   */
  public boolean tryAcquireRetry() {
    long step = step();
    int index = index(step);
    while (true) {
      long raw = slots.get(index);
      long slot = tagOf(raw) == tag(step) ? raw : pack(step, 0, 0);
      long[] totals = totals(step, index, slot);
      if (totals[1] >= allowance(totals[0]) || retries(slot) == COUNT_MASK) {
        return false;
      }
      if (slots.compareAndSet(index, raw, pack(step, requests(slot), retries(slot) + 1))) {
        return true;
      }
    }
  }

  /** Returns how many retries the budget would grant now, if nothing else happened. */
  public long available() {
    long step = step();
    int index = index(step);
    long raw = slots.get(index);
    long slot = tagOf(raw) == tag(step) ? raw : pack(step, 0, 0);
    long[] totals = totals(step, index, slot);
    return Math.max(0, allowance(totals[0]) - totals[1]);
  }

  /** Returns the retries allowed per request. */
  public double ratio() {
    return ratio;
  }

  /** Returns the floor, in retries per second. */
  public int minRetriesPerSecond() {
    return minRetriesPerSecond;
  }

  /** Returns how long a request or a retry counts. */
  public Duration ttl() {
    return ttl;
  }

  private long allowance(long requests) {
    return (long) Math.floor(ratio * requests + floor);
  }

  /** Sums requests [0] and retries [1] over the window's slots, the current one as {@code slot}. */
  private long[] totals(long step, int index, long slot) {
    long requests = requests(slot);
    long retries = retries(slot);
    for (int back = 1; back < STEPS; back++) {
      long earlier = step - back;
      long other = slots.get(index(earlier));
      if (tagOf(other) == tag(earlier)) {
        requests += requests(other);
        retries += retries(other);
      }
    }
    return new long[] {requests, retries};
  }

  private long step() {
    return Math.floorDiv(ticker.read(), stepNanos);
  }

  private static int index(long step) {
    return (int) Math.floorMod(step, STEPS);
  }

  /**
   * A slot keeps the low 24 bits of its step. A slot left untouched for exactly a multiple of 2^24
   * steps (194 days at a 1 s step) while the other slots were in use would read as current once;
   * the budget would then count a few stale requests for one step, which is harmless.
   */
  private static long tag(long step) {
    return step & 0xFF_FFFFL;
  }

  private static long tagOf(long slot) {
    return slot >>> TAG_SHIFT;
  }

  private static long requests(long slot) {
    return (slot >>> COUNT_BITS) & COUNT_MASK;
  }

  private static long retries(long slot) {
    return slot & COUNT_MASK;
  }

  private static long pack(long step, long requests, long retries) {
    return tag(step) << TAG_SHIFT | requests << COUNT_BITS | retries;
  }

  @Override
  public String toString() {
    return "RetryBudget[ratio=" + ratio + ", minRetriesPerSecond=" + minRetriesPerSecond + ", ttl=" + ttl
        + ", available=" + available() + "]";
  }
}
