package dev.trestle.tck.bulkhead;

import dev.trestle.core.ManualTicker;
import java.time.Duration;

/**
 * What the {@link BulkheadTck} asks for when it creates a bulkhead: a name, a limit, a maximum
 * wait, whether waiters are served in arrival order, and the ticker to measure and end waits on
 * (for implementations that declare {@link BulkheadFeature#MANUAL_TICKER}). Immutable.
 */
public final class BulkheadSpec {

  private final String name;
  private final int maxConcurrentCalls;
  private final Duration maxWait;
  private final boolean fair;
  private final ManualTicker ticker;

  BulkheadSpec(String name, int maxConcurrentCalls, Duration maxWait, boolean fair, ManualTicker ticker) {
    this.name = name;
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.maxWait = maxWait;
    this.fair = fair;
    this.ticker = ticker;
  }

  /** Returns the name the bulkhead must report in its {@code BulkheadFullException}. */
  public String name() {
    return name;
  }

  /** Returns the limit on concurrent calls. */
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  /** Returns how long a call may wait for a permit; zero means not at all. */
  public Duration maxWait() {
    return maxWait;
  }

  /** Returns whether waiting calls must be served in arrival order. */
  public boolean fair() {
    return fair;
  }

  /**
   * Returns the ticker the bulkhead must use, also as its scheduler, if it declares
   * {@link BulkheadFeature#MANUAL_TICKER}; the kit advances it.
   */
  public ManualTicker ticker() {
    return ticker;
  }

  @Override
  public String toString() {
    return "BulkheadSpec[name=" + name + ", maxConcurrentCalls=" + maxConcurrentCalls + ", maxWait=" + maxWait
        + ", fair=" + fair + "]";
  }
}
