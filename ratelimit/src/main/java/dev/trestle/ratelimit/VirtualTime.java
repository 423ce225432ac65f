package dev.trestle.ratelimit;

import dev.trestle.core.Ticker;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One instant in {@link Rate} units (a theoretical arrival time, a time the bucket was empty, the
 * next free slot), held in a single {@code long} so that the bucket algorithms decide with one CAS
 * and allocate nothing.
 *
 * <p>Units are counted from a base instant of the ticker. Because a unit can be a fraction of a
 * nanosecond, the distance from the base in units would overflow after {@code 2^60 / unitsPerNano}
 * nanoseconds (hours, for a rate like 1,000,003 per second). So the base moves: once the clock is
 * that far from it, {@link #rebase} picks a new base (now) and shifts the stored instant, clamped
 * at {@code now - floorLag} below which every instant means the same (a full bucket). The top two
 * bits of the state name which of four base slots the value is relative to, so a reader always
 * pairs a value with its own base, and a CAS prepared against a value of an older base fails
 * (the state differs). Rebasing takes a lock, but happens at most once per 2^60 units.
 */
final class VirtualTime {

  /** Distances from the base beyond which the base is moved. */
  static final long LIMIT = 1L << 60;
  /** A value no algorithm ever stores (all stay within ±(2^60 + 2^59)): the limiter was retired. */
  static final long RETIRED = (1L << 61) - 1;
  private static final long VALUE_MASK = (1L << 62) - 1;

  private final Ticker ticker;
  private final long unitsPerNano;
  private final long limitNanos;
  private final long floorLag;
  private final AtomicLong state;
  /**
   * The four bases, then 8 unused longs: the state's AtomicLong is allocated right after this array
   * and is written by every decision, so the padding keeps the bases, read by every decision, off
   * its cache line (no false sharing between threads).
   */
  private final AtomicLongArray bases = new AtomicLongArray(4 + 8);
  private final ReentrantLock rebaseLock = new ReentrantLock();

  /** Starts with the instant {@code initialOffset} units from now. */
  VirtualTime(Ticker ticker, Rate rate, long floorLag, long initialOffset) {
    this(ticker, rate.unitsPerNano, floorLag, initialOffset);
  }

  /**
   * Starts with the instant {@code initialOffset} units from now, where one tick of {@code ticker}
   * is {@code unitsPerTick} units. The window algorithms pass a ticker of window numbers, so that a
   * window is a fixed number of units and the state can pack counts below it.
   */
  VirtualTime(Ticker ticker, long unitsPerTick, long floorLag, long initialOffset) {
    this.ticker = ticker;
    this.unitsPerNano = unitsPerTick;
    this.limitNanos = LIMIT / unitsPerNano;
    this.floorLag = floorLag;
    bases.set(0, ticker.read());
    this.state = new AtomicLong(pack(0, initialOffset));
  }

  static long pack(int generation, long value) {
    return ((long) generation << 62) | (value & VALUE_MASK);
  }

  static int generation(long state) {
    return (int) (state >>> 62);
  }

  /** The instant held by {@code state}, in units from its base. */
  static long value(long state) {
    return (state << 2) >> 2;
  }

  long get() {
    return state.get();
  }

  /**
   * Reads the clock. Deciders read it before the state, so that nothing slower than arithmetic runs
   * between reading the state and the CAS that replaces it (a clock read there widens the window
   * in which another thread's decision makes the CAS fail). An instant read before the state is at most as late as the
   * true now, so a decision on it is never more permissive than one on the true now.
   */
  long clock() {
    return ticker.read();
  }

  /** As {@link #now(long, long)} on a fresh clock reading. */
  long now(long state) {
    return now(state, ticker.read());
  }

  /**
   * Returns the clock reading {@code clockNanos} in units from the base of {@code state}; or {@link
   * Long#MIN_VALUE} after moving the base, when the caller must read the clock and state again.
   */
  long now(long state, long clockNanos) {
    long elapsed = clockNanos - bases.get(generation(state));
    if (elapsed > limitNanos || elapsed < -limitNanos) {
      rebase(state);
      return Long.MIN_VALUE;
    }
    return elapsed * unitsPerNano;
  }

  /** Replaces {@code expected} with {@code value} relative to the same base. */
  boolean compareAndSet(long expected, long value) {
    return state.compareAndSet(expected, pack(generation(expected), value));
  }

  /**
   * Replaces {@code expected} with {@code value} relative to the same base, returning the state it
   * found: {@code expected} when it succeeded. A decider that lost can retry on the state returned,
   * with no second read of a cache line another thread has just written.
   */
  long compareAndExchange(long expected, long value) {
    return state.compareAndExchange(expected, pack(generation(expected), value));
  }

  private void rebase(long seen) {
    rebaseLock.lock();
    try {
      long current = state.get();
      if (generation(current) != generation(seen) || value(current) == RETIRED) {
        return; // another thread moved the base, or nobody will use this limiter again
      }
      long now = ticker.read();
      long elapsed = now - bases.get(generation(current));
      if (elapsed <= limitNanos && elapsed >= -limitNanos) {
        return;
      }
      int next = (generation(current) + 1) & 3;
      bases.set(next, now); // published before any state that names it
      while (true) {
        long v = value(current);
        if (v == RETIRED) {
          return;
        }
        long shifted;
        if (elapsed > (1L << 62) / unitsPerNano) {
          shifted = -floorLag; // so far behind now that the clamp applies, whatever v was
        } else {
          shifted = Math.max(v - elapsed * unitsPerNano, -floorLag);
        }
        if (state.compareAndSet(current, pack(next, shifted))) {
          return;
        }
        current = state.get();
      }
    } finally {
      rebaseLock.unlock();
    }
  }

  /** Marks the instant retired if {@code idle} holds for the current state and time. */
  boolean retireIf(IdleTest idle) {
    while (true) {
      long s = state.get();
      long v = value(s);
      if (v == RETIRED) {
        return true;
      }
      long now = now(s);
      if (now == Long.MIN_VALUE) {
        continue;
      }
      if (!idle.isIdle(v, now)) {
        return false;
      }
      if (state.compareAndSet(s, pack(generation(s), RETIRED))) {
        return true;
      }
    }
  }

  /** Whether a stored instant means the same as a fresh limiter at {@code now}. */
  @FunctionalInterface
  interface IdleTest {
    boolean isIdle(long value, long now);
  }
}
