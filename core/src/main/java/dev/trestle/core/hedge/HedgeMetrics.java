package dev.trestle.core.hedge;

import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import java.time.Duration;

/**
 * A snapshot of a {@link Hedge}'s counters and current delay. Immutable.
 *
 * <p>Invariants: every count is zero or more, and {@code hedgesWon <= hedgesSent} (a hedge must be
 * sent to win).
 */
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

  /**
   * Returns a snapshot with these values, for implementations of {@link Hedge} other than
   * Trestle's (adapters, test doubles).
   *
   * @throws NullPointerException if {@code currentDelay} is null
   * @throws IllegalArgumentException if a count is negative, {@code hedgesWon} exceeds
   *     {@code hedgesSent}, or {@code currentDelay} is negative
   */
  public static HedgeMetrics of(long calls, long hedgesSent, long hedgesWon, long budgetDenials, Duration currentDelay) {
    Arguments.requireNonNull(currentDelay, "currentDelay");
    if (calls < 0 || hedgesSent < 0 || hedgesWon < 0 || budgetDenials < 0) {
      throw new IllegalArgumentException("counts must be zero or positive, were calls=" + calls + ", hedgesSent="
          + hedgesSent + ", hedgesWon=" + hedgesWon + ", budgetDenials=" + budgetDenials);
    }
    if (hedgesWon > hedgesSent) {
      throw new IllegalArgumentException("hedgesWon must be at most hedgesSent (" + hedgesSent + "), was " + hedgesWon);
    }
    long delayNanos = Durations.nonNegativeNanos(currentDelay, "currentDelay");
    return new HedgeMetrics(calls, hedgesSent, hedgesWon, budgetDenials, delayNanos);
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
