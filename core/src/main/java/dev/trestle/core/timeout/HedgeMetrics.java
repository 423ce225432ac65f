package dev.trestle.core.timeout;

import java.time.Duration;

/** A snapshot of a {@link Hedge}'s counters and current delay. Immutable. */
public final class HedgeMetrics {

  private final long calls;
  private final long hedgesSent;
  private final long hedgesWon;
  private final long budgetDenials;
  private final long delayNanos;

  HedgeMetrics(long calls, long hedgesSent, long hedgesWon, long budgetDenials, long delayNanos) {
    this.calls = calls;
    this.hedgesSent = hedgesSent;
    this.hedgesWon = hedgesWon;
    this.budgetDenials = budgetDenials;
    this.delayNanos = delayNanos;
  }

  /** Calls made through the hedge. */
  public long calls() {
    return calls;
  }

  /** Attempts sent beyond the first of each call. */
  public long hedgesSent() {
    return hedgesSent;
  }

  /** Calls whose answer came from a hedge rather than the first attempt. */
  public long hedgesWon() {
    return hedgesWon;
  }

  /** Hedges that were due but not sent because the budget was spent. */
  public long budgetDenials() {
    return budgetDenials;
  }

  /** The delay a call starting now would wait before its first hedge. */
  public Duration currentDelay() {
    return Duration.ofNanos(delayNanos);
  }

  @Override
  public String toString() {
    return "HedgeMetrics[calls=" + calls + ", hedgesSent=" + hedgesSent + ", hedgesWon=" + hedgesWon
        + ", budgetDenials=" + budgetDenials + ", currentDelay=" + currentDelay() + "]";
  }
}
