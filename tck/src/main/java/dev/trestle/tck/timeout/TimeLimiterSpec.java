package dev.trestle.tck.timeout;

import dev.trestle.core.ManualTicker;
import java.time.Duration;

/**
 * What the {@link TimeLimiterTck} asks for when it creates a limiter: a timeout, whether to
 * interrupt on timeout, and the ticker to measure and fire timeouts on (for implementations that
 * declare {@link TimeLimiterFeature#MANUAL_TICKER}). Immutable.
 */
public final class TimeLimiterSpec {

  private final Duration timeout;
  private final boolean interruptOnTimeout;
  private final ManualTicker ticker;

  TimeLimiterSpec(Duration timeout, boolean interruptOnTimeout, ManualTicker ticker) {
    this.timeout = timeout;
    this.interruptOnTimeout = interruptOnTimeout;
    this.ticker = ticker;
  }

  /** Returns the timeout the limiter must apply. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns whether a task still running at its limit must be interrupted. */
  public boolean interruptOnTimeout() {
    return interruptOnTimeout;
  }

  /**
   * Returns the ticker the limiter must use, also as its scheduler, if it declares
   * {@link TimeLimiterFeature#MANUAL_TICKER}; the kit advances it.
   */
  public ManualTicker ticker() {
    return ticker;
  }

  @Override
  public String toString() {
    return "TimeLimiterSpec[timeout=" + timeout + ", interruptOnTimeout=" + interruptOnTimeout + "]";
  }
}
