package dev.trestle.tck.timeout;

/** Optional capabilities a time limiter under the {@link TimeLimiterTck} may declare. */
public enum TimeLimiterFeature {
  /**
   * Measures and fires its timeouts on the {@link TimeLimiterSpec#ticker()} the kit supplies, so
   * that the kit controls time exactly. Without it the kit uses short real timeouts and checks
   * only outcomes, never how long anything took.
   */
  MANUAL_TICKER,
  /** Interrupts a task still running at its limit when {@link TimeLimiterSpec#interruptOnTimeout()} is set. */
  INTERRUPT,
  /** Leaves a running task uninterrupted when {@link TimeLimiterSpec#interruptOnTimeout()} is not set. */
  NO_INTERRUPT,
  /** Supports {@code callAsync}. */
  ASYNC,
  /** Honours {@link dev.trestle.core.Deadline#current()} as described in TimeLimiter's contract. */
  DEADLINE_PROPAGATION
}
