package dev.trestle.ratelimit;

/**
 * A snapshot of a {@link ConcurrencyLimiter}'s limit and counters. Each counter is exact once the
 * calls it counts have returned; read while calls race, the values may come from slightly
 * different moments. Immutable.
 */
public final class ConcurrencyLimiterMetrics {

  private final int limit;
  private final int inflight;
  private final long accepted;
  private final long rejected;
  private final long succeeded;
  private final long dropped;
  private final long ignored;

  /** Creates a snapshot; for implementations and adapters. */
  public ConcurrencyLimiterMetrics(int limit, int inflight, long accepted, long rejected, long succeeded, long dropped,
      long ignored) {
    this.limit = limit;
    this.inflight = inflight;
    this.accepted = accepted;
    this.rejected = rejected;
    this.succeeded = succeeded;
    this.dropped = dropped;
    this.ignored = ignored;
  }

  /** Returns the limit. */
  public int limit() {
    return limit;
  }

  /** Returns the calls in flight. */
  public int inflight() {
    return inflight;
  }

  /** Returns how many acquires were admitted. */
  public long accepted() {
    return accepted;
  }

  /** Returns how many acquires were refused (at once, after waiting, or interrupted while waiting). */
  public long rejected() {
    return rejected;
  }

  /** Returns how many admitted calls completed with {@code onSuccess}. */
  public long succeeded() {
    return succeeded;
  }

  /** Returns how many admitted calls completed with {@code onDropped}. */
  public long dropped() {
    return dropped;
  }

  /** Returns how many admitted calls completed with {@code onIgnore}. */
  public long ignored() {
    return ignored;
  }

  @Override
  public String toString() {
    return "limit=" + limit + ", inflight=" + inflight + ", accepted=" + accepted + ", rejected=" + rejected
        + ", succeeded=" + succeeded + ", dropped=" + dropped + ", ignored=" + ignored;
  }
}
