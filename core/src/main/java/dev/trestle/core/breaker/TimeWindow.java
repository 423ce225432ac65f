package dev.trestle.core.breaker;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The outcomes of the last N seconds in N one-second buckets with running totals, lock-free.
 *
 * <p>Each bucket packs its three counts in one {@code long} (21 bits each) with a sealed bit; an
 * outcome is one compare-and-set on its bucket, then an add to each running total it changes. A
 * bucket leaves the window by being sealed (one CAS, so exactly one thread seals it), and the
 * sealing thread subtracts the counts the seal froze from the totals. A writer that raced the seal
 * either got in before it (its count is frozen in the bucket, so adding it to the totals after the
 * subtraction nets to zero) or sees the seal and drops an outcome that is out of the window anyway;
 * a writer that lands in a bucket which has just left the window seals it itself. So the totals are
 * exact once writers quiesce; a reader racing writers sees each total a moment apart.
 *
 * <p>A bucket is allocated once per second of traffic, never per call. At most 2,097,151 calls a
 * second are counted; beyond that a second's outcomes are not counted.
 */
final class TimeWindow implements Window {

  private static final long SECOND = 1_000_000_000L;
  private static final int BITS = 21;
  private static final long MASK = (1L << BITS) - 1;
  private static final long SEALED = Long.MIN_VALUE;
  private static final long UNSET = Long.MIN_VALUE;

  /** One second's outcomes. */
  private static final class Bucket {
    final long epoch;
    final AtomicLong counts = new AtomicLong();

    Bucket(long epoch) {
      this.epoch = epoch;
    }
  }

  private final int size;
  private final AtomicReferenceArray<Bucket> buckets;
  private final AtomicLong latestEpoch = new AtomicLong(UNSET);
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong slow = new AtomicLong();

  TimeWindow(int size) {
    this.size = size;
    this.buckets = new AtomicReferenceArray<>(size);
  }

  @Override
  public boolean readsTime() {
    return true;
  }

  private int slot(long epoch) {
    return (int) Math.floorMod(epoch, (long) size);
  }

  /** Seals {@code bucket} if it is not yet sealed and, if this call sealed it, subtracts its counts. */
  private void expire(Bucket bucket) {
    long counts = bucket.counts.get();
    while ((counts & SEALED) == 0) {
      if (bucket.counts.compareAndSet(counts, counts | SEALED)) {
        add(-(counts & MASK), -((counts >>> BITS) & MASK), -((counts >>> (2 * BITS)) & MASK));
        return;
      }
      counts = bucket.counts.get();
    }
  }

  private void add(long dCalls, long dFailures, long dSlow) {
    if (dCalls != 0) {
      calls.addAndGet(dCalls);
    }
    if (dFailures != 0) {
      failures.addAndGet(dFailures);
    }
    if (dSlow != 0) {
      slow.addAndGet(dSlow);
    }
  }

  /** Moves the end of the window to {@code epoch} if it is later, expiring what falls out. */
  private void advance(long epoch) {
    long latest = latestEpoch.get();
    while (latest == UNSET || epoch > latest) {
      if (latestEpoch.compareAndSet(latest, epoch)) {
        if (latest != UNSET) {
          // the epochs that were in the window and are not any more: (latest - size, epoch - size]
          long from = Math.max(latest - size + 1, epoch - 2L * size + 1);
          for (long e = from; e <= epoch - size; e++) {
            Bucket bucket = buckets.get(slot(e));
            if (bucket != null && bucket.epoch <= epoch - size) {
              expire(bucket);
            }
          }
        }
        return;
      }
      latest = latestEpoch.get();
    }
  }

  private boolean outOfWindow(long epoch) {
    long latest = latestEpoch.get();
    return latest != UNSET && epoch <= latest - size;
  }

  @Override
  public boolean record(int code, long nowNanos) {
    long epoch = Math.floorDiv(nowNanos, SECOND);
    advance(epoch);
    long delta = Outcomes.calls(code) | ((long) Outcomes.failures(code) << BITS) | ((long) Outcomes.slow(code) << (2 * BITS));
    int i = slot(epoch);
    while (true) {
      if (outOfWindow(epoch)) {
        return false; // a call that ended before the window: nothing to count
      }
      Bucket bucket = buckets.get(i);
      if (bucket == null || bucket.epoch < epoch) {
        Bucket fresh = new Bucket(epoch);
        if (bucket != null) {
          expire(bucket);
        }
        buckets.compareAndSet(i, bucket, fresh);
        continue;
      }
      if (bucket.epoch > epoch) {
        return false; // the slot already holds a second a whole window later
      }
      long counts = bucket.counts.get();
      if ((counts & SEALED) != 0) {
        return false; // this second has left the window
      }
      if ((counts & MASK) == MASK || ((counts >>> BITS) & MASK) == MASK || ((counts >>> (2 * BITS)) & MASK) == MASK) {
        return false; // saturated: more than 2^21 - 1 calls in this second
      }
      if (bucket.counts.compareAndSet(counts, counts + delta)) {
        add(Outcomes.calls(code), Outcomes.failures(code), Outcomes.slow(code));
        if (outOfWindow(epoch)) {
          expire(bucket); // the window moved on while we wrote: take this second out ourselves
        }
        return true;
      }
    }
  }

  private long read(long nowNanos, AtomicLong total) {
    advance(Math.floorDiv(nowNanos, SECOND));
    return Math.max(0, total.get()); // a sealer may subtract a count a moment before its writer adds it
  }

  @Override
  public int calls(long nowNanos) {
    return (int) Math.min(Integer.MAX_VALUE, read(nowNanos, calls));
  }

  @Override
  public int failures(long nowNanos) {
    return (int) Math.min(Integer.MAX_VALUE, read(nowNanos, failures));
  }

  @Override
  public int slowCalls(long nowNanos) {
    return (int) Math.min(Integer.MAX_VALUE, read(nowNanos, slow));
  }
}
