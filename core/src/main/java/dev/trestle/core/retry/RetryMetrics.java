package dev.trestle.core.retry;

/**
 * A snapshot of a {@link Retry}'s counters since it was created. Calls are counted once, when
 * they end; a call that retried a result and returned the last one when it gave up counts as
 * failed, and an asynchronous call cancelled by its caller is not counted. Immutable.
 */
public final class RetryMetrics {

  private final long succeededWithoutRetry;
  private final long succeededAfterRetry;
  private final long failedWithoutRetry;
  private final long failedAfterRetry;
  private final long retriesDeniedByBudget;

  /** Creates a snapshot; for implementations and adapters. */
  public RetryMetrics(long succeededWithoutRetry, long succeededAfterRetry, long failedWithoutRetry,
      long failedAfterRetry, long retriesDeniedByBudget) {
    this.succeededWithoutRetry = succeededWithoutRetry;
    this.succeededAfterRetry = succeededAfterRetry;
    this.failedWithoutRetry = failedWithoutRetry;
    this.failedAfterRetry = failedAfterRetry;
    this.retriesDeniedByBudget = retriesDeniedByBudget;
  }

  /** Calls whose first attempt succeeded. */
  public long succeededWithoutRetry() {
    return succeededWithoutRetry;
  }

  /** Calls that succeeded on a later attempt. */
  public long succeededAfterRetry() {
    return succeededAfterRetry;
  }

  /** Calls that failed after one attempt (not retryable, denied a retry, or one attempt allowed). */
  public long failedWithoutRetry() {
    return failedWithoutRetry;
  }

  /** Calls that failed after at least one retry. */
  public long failedAfterRetry() {
    return failedAfterRetry;
  }

  /** Retries the budget denied (each ended its call). */
  public long retriesDeniedByBudget() {
    return retriesDeniedByBudget;
  }

  @Override
  public String toString() {
    return "RetryMetrics[succeededWithoutRetry=" + succeededWithoutRetry + ", succeededAfterRetry="
        + succeededAfterRetry + ", failedWithoutRetry=" + failedWithoutRetry + ", failedAfterRetry="
        + failedAfterRetry + ", retriesDeniedByBudget=" + retriesDeniedByBudget + "]";
  }
}
