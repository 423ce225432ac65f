package dev.trestle.ratelimit;

/**
 * The algorithms a local {@link RateLimiter} can run, each with the admission contract it keeps.
 * In what follows {@code L} permits per {@code T} is the configured rate, {@code B} the burst (the
 * bucket's capacity, {@code L} unless set), and "window" means any interval of time.
 *
 * <p>Every algorithm keeps its state as integers (nanoseconds, and permits scaled so that one
 * nanosecond and one permit are both whole numbers of the same unit), so the rate never drifts and
 * no idle time, however long, overflows anything: a bucket idle for a century is simply full.
 *
 * <p>No algorithm takes a lock to decide: each decides with one CAS on one word (the sliding log
 * claims its entries with one CAS, then writes them). A thread that loses the CAS to another steps
 * aside for a moment (a few spin-wait hints, growing, then a yield; never a park) and decides again
 * on a fresh reading of the clock, so contention costs neither exactness nor an allocation.
 */
public enum RateLimitAlgorithm {

  /**
   * A token bucket of capacity {@code B}, refilled continuously at {@code L/T}, starting with
   * {@code initialPermits} (default {@code B}). In any closed interval of length {@code d} it admits
   * at most {@code initialOrB + floor(d × L / T)} permits, and exactly that many when asked often
   * enough: bursts pass up to the capacity. Lock-free (one {@code long} of state).
   */
  TOKEN_BUCKET,

  /**
   * The generic cell rate algorithm: one theoretical arrival time, burst {@code B}, emission
   * interval {@code T/L}. Admits exactly what a full token bucket of capacity {@code B} admits (the
   * two are the same contract), which is why Redis limiters use it: one timestamp of state.
   * Lock-free.
   */
  GCRA,

  /**
   * A leaky bucket as a meter: a bucket of size {@code B} that drains at {@code L/T}; a request
   * adds its permits as water and is refused if it would overflow. The same contract as the token
   * bucket, starting empty (full burst available). Lock-free.
   */
  LEAKY_BUCKET,

  /**
   * A leaky bucket as a shaper (a queue): admissions are spaced evenly, a request of {@code n}
   * permits holding the next {@code n × T/L} to itself, with no burst. {@code tryAcquire()} admits
   * only when the next slot has come; the waiting {@code tryAcquire(n, maxWait)} reserves the next
   * free slot if it comes within {@code maxWait} and sleeps until it, so callers are released one
   * every {@code T/L}. Lock-free.
   */
  LEAKY_BUCKET_SHAPER,

  /**
   * Fixed windows of length {@code T} aligned on the limiter's creation: at most {@code L} permits
   * in each. Any other window of length {@code T} that straddles a boundary may see up to
   * {@code 2L} (the end of one window and the start of the next): cheap, but not a limit on every
   * window. Lock-free (the window number and its count in one {@code long}).
   */
  FIXED_WINDOW,

  /**
   * The sliding window log: the admission time of each of the last {@code L} permits is kept, and
   * a request is admitted only if the half-open window {@code (now - T, now]} would then hold at
   * most {@code L}. Exact on every window. Memory: 16 bytes for each of {@code L} rounded up to a
   * power of two, allocated once; at most {@link RateLimiterConfig#MAX_LOG_PERMITS} permits.
   * Non-blocking: a request claims its entries with one CAS and then writes them; one that needs an
   * entry claimed earlier and not yet written spins for those stores (never for a lock).
   */
  SLIDING_WINDOW_LOG,

  /**
   * The sliding window counter: the count of the current fixed window plus the previous window's
   * count weighted by how much of it the sliding window still covers. Two counters of memory.
   * Approximate: the estimate assumes the previous window's permits were spread evenly, so any
   * window of length {@code T} holds at most {@code 2L - 1} permits (reached only when the previous
   * window's permits all came at its very end), and at most {@code L} when traffic within each
   * window is even. Lock-free (the window number and both counts in one {@code long}); at most
   * {@link RateLimiterConfig#MAX_COUNTER_PERMITS} permits per window.
   */
  SLIDING_WINDOW_COUNTER
}
