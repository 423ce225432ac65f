package dev.trestle.core.breaker;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The outcomes of the last N seconds in N one-second buckets with running totals. Expired buckets
 * are subtracted as time moves on. Updates take a short lock (a few array writes, no allocation,
 * never held while calling out), which keeps bucket rollover and totals exact.
 */
final class TimeWindow implements Window {

  private static final long SECOND = 1_000_000_000L;

  private final int size;
  private final long[] epochs;
  private final int[] bucketCalls;
  private final int[] bucketFailures;
  private final int[] bucketSlow;
  private final ReentrantLock lock = new ReentrantLock();
  private int calls;
  private int failures;
  private int slow;
  private boolean started;
  private long latestEpoch;

  TimeWindow(int size) {
    this.size = size;
    this.epochs = new long[size];
    this.bucketCalls = new int[size];
    this.bucketFailures = new int[size];
    this.bucketSlow = new int[size];
  }

  /** Drops the buckets that fell out of the window by {@code epoch}. Call under the lock. */
  private void advance(long epoch) {
    if (!started) {
      started = true;
      latestEpoch = epoch;
      epochs[(int) Math.floorMod(epoch, (long) size)] = epoch;
      return;
    }
    if (epoch <= latestEpoch) {
      return;
    }
    // at most `size` buckets to clear: a gap of a whole window or more clears each bucket once
    long from = Math.max(latestEpoch + 1, epoch - size + 1);
    for (long e = from; e <= epoch; e++) {
      int i = (int) Math.floorMod(e, (long) size);
      calls -= bucketCalls[i];
      failures -= bucketFailures[i];
      slow -= bucketSlow[i];
      bucketCalls[i] = 0;
      bucketFailures[i] = 0;
      bucketSlow[i] = 0;
      epochs[i] = e;
    }
    latestEpoch = epoch;
  }

  @Override
  public boolean readsTime() {
    return true;
  }

  @Override
  public boolean record(int code, long nowNanos) {
    long epoch = Math.floorDiv(nowNanos, SECOND);
    lock.lock();
    try {
      advance(epoch);
      if (epoch < latestEpoch - size + 1) {
        return false; // a call that ended before the window: nothing to count
      }
      int i = (int) Math.floorMod(epoch, (long) size);
      bucketCalls[i] += Outcomes.calls(code);
      bucketFailures[i] += Outcomes.failures(code);
      bucketSlow[i] += Outcomes.slow(code);
      calls += Outcomes.calls(code);
      failures += Outcomes.failures(code);
      slow += Outcomes.slow(code);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private int read(long nowNanos, int which) {
    lock.lock();
    try {
      advance(Math.floorDiv(nowNanos, SECOND));
      return which == 0 ? calls : which == 1 ? failures : slow;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int calls(long nowNanos) {
    return read(nowNanos, 0);
  }

  @Override
  public int failures(long nowNanos) {
    return read(nowNanos, 1);
  }

  @Override
  public int slowCalls(long nowNanos) {
    return read(nowNanos, 2);
  }
}
