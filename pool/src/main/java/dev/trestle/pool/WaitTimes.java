package dev.trestle.pool;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A log-linear histogram of acquire waits in nanoseconds: exact below 16 ns, then 8 buckets per
 * power of two (at most 12.5% error). Only waits that parked are recorded here; acquires served
 * at once are counted by the pool per object (no shared write on the fast path) and added as
 * zeros when a snapshot is taken.
 */
final class WaitTimes {

  private static final int SIZE = 16 + 60 * 8;

  private final AtomicLongArray counts = new AtomicLongArray(SIZE);

  static int index(long nanos) {
    if (nanos < 16) {
      return (int) Math.max(0, nanos);
    }
    int exp = 63 - Long.numberOfLeadingZeros(nanos);
    int sub = (int) (nanos >>> (exp - 3)) & 7;
    return 16 + (exp - 4) * 8 + sub;
  }

  static long upperBound(int index) {
    if (index < 16) {
      return index;
    }
    int exp = (index - 16) / 8 + 4;
    int sub = (index - 16) % 8;
    long upper = ((8L + sub + 1) << (exp - 3)) - 1;
    return upper < 0 ? Long.MAX_VALUE : upper;
  }

  void record(long nanos) {
    counts.incrementAndGet(index(nanos));
  }

  /** Returns the bucket counts, with {@code immediate} zero waits added to the first. */
  long[] snapshot(long immediate) {
    long[] copy = new long[SIZE];
    for (int i = 0; i < SIZE; i++) {
      copy[i] = counts.get(i);
    }
    copy[0] += immediate;
    return copy;
  }

  long recorded() {
    long sum = 0;
    for (int i = 0; i < SIZE; i++) {
      sum += counts.get(i);
    }
    return sum;
  }
}
