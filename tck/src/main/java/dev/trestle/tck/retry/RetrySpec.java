package dev.trestle.tck.retry;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.RetryListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * What the {@link RetryTck} asks for when it creates a retry: attempts, backoff, which exceptions
 * and results to retry, and optionally an overall limit and a retry budget; plus the ticker,
 * scheduler and seeded random generator to use (for implementations that declare
 * {@link RetryFeature#MANUAL_TICKER}). Immutable.
 */
public final class RetrySpec {

  /** The parameters of a retry budget, as {@link dev.trestle.core.retry.RetryBudget#of} takes them. */
  public static final class Budget {
    private final double ratio;
    private final int minRetriesPerSecond;
    private final Duration ttl;

    Budget(double ratio, int minRetriesPerSecond, Duration ttl) {
      this.ratio = ratio;
      this.minRetriesPerSecond = minRetriesPerSecond;
      this.ttl = ttl;
    }

    /** Returns the retries allowed per request. */
    public double ratio() {
      return ratio;
    }

    /** Returns the floor, in retries per second. */
    public int minRetriesPerSecond() {
      return minRetriesPerSecond;
    }

    /** Returns how long a request or retry counts. */
    public Duration ttl() {
      return ttl;
    }

    @Override
    public String toString() {
      return "Budget[ratio=" + ratio + ", minRetriesPerSecond=" + minRetriesPerSecond + ", ttl=" + ttl + "]";
    }
  }

  private final int maxAttempts;
  private final Backoff backoff;
  private final List<Class<? extends Throwable>> retryExceptions;
  private final List<Class<? extends Throwable>> ignoreExceptions;
  private final Predicate<Object> retryOnResult;
  private final Duration maxDuration;
  private final Budget budget;
  private final RetryListener listener;
  private final ManualTicker ticker;
  private final Scheduler scheduler;
  private final RandomGenerator random;

  private RetrySpec(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.retryExceptions = List.copyOf(b.retryExceptions);
    this.ignoreExceptions = List.copyOf(b.ignoreExceptions);
    this.retryOnResult = b.retryOnResult;
    this.maxDuration = b.maxDuration;
    this.budget = b.budget;
    this.listener = b.listener;
    this.ticker = b.ticker;
    this.scheduler = b.scheduler;
    this.random = b.random;
  }

  /** Returns the attempts per call, the first included (the kit also asks for invalid values, below 1). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns the waits between attempts. */
  public Backoff backoff() {
    return backoff;
  }

  /** Returns the exception classes to retry; empty means every Exception. */
  public List<Class<? extends Throwable>> retryExceptions() {
    return retryExceptions;
  }

  /** Returns the exception classes never to retry; they win over {@link #retryExceptions()}. */
  public List<Class<? extends Throwable>> ignoreExceptions() {
    return ignoreExceptions;
  }

  /** Returns the predicate selecting results to retry, or null if no result is retried. */
  public Predicate<Object> retryOnResult() {
    return retryOnResult;
  }

  /** Returns the overall limit on a call, or null if there is none. */
  public Duration maxDuration() {
    return maxDuration;
  }

  /** Returns the retry budget to apply, or null if there is none. */
  public Budget budget() {
    return budget;
  }

  /** Returns the listener to tell of retries, successes and give-ups (for {@link RetryFeature#EVENTS}), or null if none. */
  public RetryListener listener() {
    return listener;
  }

  /** Returns the ticker to read time from (and to build the budget on), if MANUAL_TICKER is declared. */
  public ManualTicker ticker() {
    return ticker;
  }

  /**
   * Returns the scheduler that must end the waits between attempts, if MANUAL_TICKER is declared:
   * the kit's {@link #ticker()}, through a wrapper that tells the kit what was scheduled.
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Returns a seeded, thread-safe random generator for the jitter, so every run sees the same delays. */
  public RandomGenerator random() {
    return random;
  }

  @Override
  public String toString() {
    return "RetrySpec[maxAttempts=" + maxAttempts + ", backoff=" + backoff + ", retryExceptions=" + retryExceptions
        + ", ignoreExceptions=" + ignoreExceptions + ", retryOnResult=" + (retryOnResult != null)
        + ", maxDuration=" + maxDuration + ", budget=" + budget + ", listener=" + (listener != null) + "]";
  }

  static Builder builder(ManualTicker ticker, Scheduler scheduler, RandomGenerator random) {
    return new Builder(ticker, scheduler, random);
  }

  /** The kit's way to describe a retry. */
  static final class Builder {
    private int maxAttempts = 3;
    private Backoff backoff;
    private final List<Class<? extends Throwable>> retryExceptions = new ArrayList<>();
    private final List<Class<? extends Throwable>> ignoreExceptions = new ArrayList<>();
    private Predicate<Object> retryOnResult;
    private Duration maxDuration;
    private Budget budget;
    private RetryListener listener;
    private final ManualTicker ticker;
    private final Scheduler scheduler;
    private final RandomGenerator random;

    private Builder(ManualTicker ticker, Scheduler scheduler, RandomGenerator random) {
      this.ticker = ticker;
      this.scheduler = scheduler;
      this.random = random;
    }

    Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    Builder retryExceptions(Class<? extends Throwable> type) {
      retryExceptions.add(type);
      return this;
    }

    Builder ignoreExceptions(Class<? extends Throwable> type) {
      ignoreExceptions.add(type);
      return this;
    }

    Builder retryOnResult(Predicate<Object> predicate) {
      this.retryOnResult = predicate;
      return this;
    }

    Builder maxDuration(Duration maxDuration) {
      this.maxDuration = maxDuration;
      return this;
    }

    Builder budget(double ratio, int minRetriesPerSecond, Duration ttl) {
      this.budget = new Budget(ratio, minRetriesPerSecond, ttl);
      return this;
    }

    Builder listener(RetryListener listener) {
      this.listener = listener;
      return this;
    }

    RetrySpec build() {
      return new RetrySpec(this);
    }
  }
}
