package dev.trestle.tck.retry;

/** Optional capabilities a retry under the {@link RetryTck} may declare. */
public enum RetryFeature {
  /**
   * Reads time from {@link RetrySpec#ticker()} and ends every wait between attempts through a task
   * scheduled on {@link RetrySpec#scheduler()} (and schedules nothing else there while a call
   * waits), so that the kit measures the waits exactly. Without it the kit uses short real delays
   * and checks only counts and outcomes, never how long anything waited.
   */
  MANUAL_TICKER,
  /** Supports the jittered policies of {@link dev.trestle.core.retry.Backoff}: full, equal and decorrelated. */
  JITTER,
  /** Honours the caller's {@link dev.trestle.core.Deadline#current()} as described in Retry's contract. */
  DEADLINE,
  /** Honours {@link RetrySpec#maxDuration()} as an overall limit on each call. */
  MAX_DURATION,
  /** Asks the retry budget described by {@link RetrySpec#budget()} before every retry. */
  BUDGET,
  /** Supports {@code callAsync}. */
  ASYNC,
  /** Counts calls in {@link dev.trestle.core.retry.Retry#metrics()} as {@link dev.trestle.core.retry.RetryMetrics} says. */
  METRICS,
  /**
   * Tells {@link RetrySpec#listener()}, when the spec has one, what each call does, as {@link
   * dev.trestle.core.retry.RetryListener} says: each retry before it waits, a success, or why the call
   * gave up.
   */
  EVENTS
}
