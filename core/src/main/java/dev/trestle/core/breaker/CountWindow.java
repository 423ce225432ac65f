package dev.trestle.core.breaker;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last N outcomes in a ring of slots, lock-free: a call takes the next sequence number
 * (fetch-and-add), swaps its code into slot {@code seq mod N}, and adjusts the totals by the
 * difference with the code it displaced. The swap returns exactly the displaced code, so the totals
 * are exact once writers quiesce; a reader racing writers sees each total a moment apart.
 */
final class CountWindow implements Window {

  private final int size;
  private final AtomicIntegerArray slots;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger slow = new AtomicInteger();

  CountWindow(int size) {
    this.size = size;
    this.slots = new AtomicIntegerArray(size);
  }

  @Override
  public boolean readsTime() {
    return false;
  }

  @Override
  public boolean record(int code, long nowNanos) {
    int slot = (int) (sequence.getAndIncrement() % size);
    int old = slots.get(slot);
    // The common case, a success displacing a success, changes no total: skip the swap. A writer
    // that swaps this slot meanwhile is then ordered after this record, which stays exact.
    if (old == code && code == Outcomes.SUCCESS) {
      return false;
    }
    old = slots.getAndSet(slot, code);
    int dCalls = Outcomes.calls(code) - Outcomes.calls(old);
    if (dCalls != 0) {
      calls.addAndGet(dCalls);
    }
    int dFailures = Outcomes.failures(code) - Outcomes.failures(old);
    if (dFailures != 0) {
      failures.addAndGet(dFailures);
    }
    int dSlow = Outcomes.slow(code) - Outcomes.slow(old);
    if (dSlow != 0) {
      slow.addAndGet(dSlow);
    }
    return dCalls != 0 || code != Outcomes.SUCCESS;
  }

  @Override
  public int calls(long nowNanos) {
    return calls.get();
  }

  @Override
  public int failures(long nowNanos) {
    return failures.get();
  }

  @Override
  public int slowCalls(long nowNanos) {
    return slow.get();
  }
}
