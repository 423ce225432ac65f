package dev.trestle.tck.ratelimit;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.Map;

/**
 * What the {@link ConcurrencyLimiterTck} asks for when it creates a concurrency limiter: an initial
 * limit and the bounds an adaptive one must stay within, how long a refused acquire may wait (zero:
 * refuse at once), whether waiters are served newest first, the partitions with their shares (empty
 * unless a rule needs them), and the kit's {@link ManualTicker}, on which round trips are measured
 * and waits end. Immutable.
 */
public final class ConcurrencyLimiterSpec {

  private final int initialLimit;
  private final int minLimit;
  private final int maxLimit;
  private final Duration maxWait;
  private final boolean lifo;
  private final Map<String, Double> partitions;
  private final ManualTicker ticker;

  ConcurrencyLimiterSpec(int initialLimit, int minLimit, int maxLimit, Duration maxWait, boolean lifo,
      Map<String, Double> partitions, ManualTicker ticker) {
    this.initialLimit = initialLimit;
    this.minLimit = minLimit;
    this.maxLimit = maxLimit;
    this.maxWait = maxWait;
    this.lifo = lifo;
    this.partitions = Map.copyOf(partitions);
    this.ticker = ticker;
  }

  /** Returns the limit at creation. */
  public int initialLimit() {
    return initialLimit;
  }

  /** Returns the lowest limit an adaptive limiter may reach. */
  public int minLimit() {
    return minLimit;
  }

  /** Returns the highest limit an adaptive limiter may reach. */
  public int maxLimit() {
    return maxLimit;
  }

  /** Returns how long a refused acquire may wait; zero: refuse at once. */
  public Duration maxWait() {
    return maxWait;
  }

  /** Returns whether a freed slot goes to the newest waiter. */
  public boolean lifo() {
    return lifo;
  }

  /** Returns the partitions and the share of the limit reserved for each; usually empty. */
  public Map<String, Double> partitions() {
    return partitions;
  }

  /** Returns the clock to measure round trips and waits on. */
  public ManualTicker ticker() {
    return ticker;
  }

  @Override
  public String toString() {
    return "limit " + initialLimit + " in [" + minLimit + ", " + maxLimit + "], maxWait " + maxWait + (lifo ? ", lifo" : "")
        + (partitions.isEmpty() ? "" : ", partitions " + partitions);
  }
}
