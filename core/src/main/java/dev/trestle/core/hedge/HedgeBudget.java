package dev.trestle.core.hedge;

import dev.trestle.core.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket of hedges, in thousandths of a hedge: each call deposits {@code ratio}, time
 * deposits {@code minPerSecond} per second (computed from the ticker when a hedge is asked for), a
 * hedge withdraws one, and the balance is capped so a quiet spell cannot save up a burst. It
 * starts with one second of the floor, as Finagle's retry budget starts with its reserve: a client
 * that has just started, or that sends few calls, can hedge its first slow call.
 */
final class HedgeBudget {

  private static final long ONE = 1000;

  private final Ticker ticker;
  private final long depositPerCall;
  private final long minPerSecond;
  private final long capacity;
  private final AtomicLong balance = new AtomicLong();
  private final AtomicLong refilledAt;

  HedgeBudget(double ratio, int minPerSecond, Ticker ticker) {
    this.ticker = ticker;
    this.depositPerCall = Math.round(ratio * ONE);
    this.minPerSecond = minPerSecond;
    this.capacity = (minPerSecond + Math.max(1, (long) Math.ceil(100 * ratio))) * ONE;
    this.refilledAt = new AtomicLong(ticker.read());
    this.balance.set(Math.min(capacity, minPerSecond * ONE));
  }

  void deposit() {
    add(depositPerCall);
  }

  boolean tryWithdraw() {
    refill();
    for (long current = balance.get(); current >= ONE; current = balance.get()) {
      if (balance.compareAndSet(current, current - ONE)) {
        return true;
      }
    }
    return false;
  }

  private void refill() {
    if (minPerSecond == 0) {
      return;
    }
    long now = ticker.read();
    long last = refilledAt.get();
    long elapsedMillis = (now - last) / 1_000_000L; // whole milliseconds; the rest stays for the next refill
    // in thousandths: minPerSecond hedges per 1000 ms, saturating at a full bucket
    long earned = elapsedMillis > capacity / minPerSecond ? capacity : elapsedMillis * minPerSecond;
    if (earned > 0 && refilledAt.compareAndSet(last, last + elapsedMillis * 1_000_000L)) {
      add(earned);
    }
  }

  private void add(long amount) {
    for (long current = balance.get(); ; current = balance.get()) {
      long next = Math.min(capacity, current + amount);
      if (next == current || balance.compareAndSet(current, next)) {
        return;
      }
    }
  }
}
