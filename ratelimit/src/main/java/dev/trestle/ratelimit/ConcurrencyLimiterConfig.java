package dev.trestle.ratelimit;

import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.Schedulers;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The immutable settings of a {@link ConcurrencyLimiter}, made by {@link #builder()}; each setter
 * checks its argument at once and names it in the exception, and {@link Builder#build()} checks the
 * combination.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>{@code "concurrency-limiter"}</td><td>for exceptions and metrics</td></tr>
 *   <tr><td>algorithm</td><td>{@link LimitAlgorithm#VEGAS}</td><td>how the limit moves</td></tr>
 *   <tr><td>initialLimit</td><td>20</td><td>the limit at creation (the limit, for {@code FIXED})</td></tr>
 *   <tr><td>minLimit, maxLimit</td><td>1, 1000</td><td>the bounds the limit never leaves</td></tr>
 *   <tr><td>backoffRatio</td><td>0.9</td><td>what a dropped call multiplies the limit by (AIMD, VEGAS, GRADIENT2)</td></tr>
 *   <tr><td>maxWait</td><td>zero: refuse at once</td><td>how long an acquire may wait for a slot</td></tr>
 *   <tr><td>lifo</td><td>false</td><td>serve the newest waiter first (a caller that has waited long has probably given up)</td></tr>
 *   <tr><td>partitions</td><td>none</td><td>named request classes, each with a share of the limit reserved for it</td></tr>
 *   <tr><td>droppedWhen</td><td>a {@link TimeoutException} or {@link DeadlineExceededException}</td>
 *       <td>which exceptions of {@link ConcurrencyLimiter#call} report a drop (the rest are ignored)</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>measures round trips and waits</td></tr>
 *   <tr><td>scheduler</td><td>the ticker if it is a {@link Scheduler}, else the system one</td><td>ends waits on a ticker other than the system one</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConcurrencyLimiterConfig {

  /** The name unless one is set. */
  public static final String DEFAULT_NAME = "concurrency-limiter";
  /** The initial limit unless one is set. */
  public static final int DEFAULT_INITIAL_LIMIT = 20;
  /** The largest limit unless one is set. */
  public static final int DEFAULT_MAX_LIMIT = 1000;
  /** The backoff ratio unless one is set. */
  public static final double DEFAULT_BACKOFF_RATIO = 0.9;

  final String name;
  final LimitAlgorithm algorithm;
  final int initialLimit;
  final int minLimit;
  final int maxLimit;
  final double backoffRatio;
  final Duration maxWait;
  final long maxWaitNanos;
  final boolean lifo;
  final Map<String, Double> partitions;
  final Predicate<Throwable> droppedWhen;
  final Ticker ticker;
  final Scheduler scheduler;

  private ConcurrencyLimiterConfig(Builder b) {
    this.name = b.name;
    this.algorithm = b.algorithm;
    this.initialLimit = b.initialLimit;
    this.minLimit = b.algorithm == LimitAlgorithm.FIXED ? b.initialLimit : b.minLimit;
    this.maxLimit = b.algorithm == LimitAlgorithm.FIXED ? b.initialLimit : b.maxLimit;
    this.backoffRatio = b.backoffRatio;
    this.maxWait = b.maxWait;
    this.maxWaitNanos = Durations.saturatedNanos(b.maxWait);
    this.lifo = b.lifo;
    this.partitions = Collections.unmodifiableMap(new LinkedHashMap<>(b.partitions));
    this.droppedWhen = b.droppedWhen;
    this.ticker = b.ticker;
    this.scheduler = Schedulers.resolve(b.scheduler, b.ticker);
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  /** Returns the algorithm. */
  public LimitAlgorithm algorithm() {
    return algorithm;
  }

  /** Returns the limit at creation. */
  public int initialLimit() {
    return initialLimit;
  }

  /** Returns the lowest limit (the initial limit for {@code FIXED}). */
  public int minLimit() {
    return minLimit;
  }

  /** Returns the highest limit (the initial limit for {@code FIXED}). */
  public int maxLimit() {
    return maxLimit;
  }

  /** Returns what a dropped call multiplies the limit by. */
  public double backoffRatio() {
    return backoffRatio;
  }

  /** Returns how long an acquire may wait for a slot. */
  public Duration maxWait() {
    return maxWait;
  }

  /** Returns whether the newest waiter is served first. */
  public boolean lifo() {
    return lifo;
  }

  /** Returns the partitions: each name with the share of the limit reserved for it, in the order added. */
  public Map<String, Double> partitions() {
    return partitions;
  }

  /** Returns which exceptions of {@link ConcurrencyLimiter#call} count as drops. */
  public Predicate<Throwable> droppedWhen() {
    return droppedWhen;
  }

  /** Returns the ticker. */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns the scheduler that ends waits. */
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public String toString() {
    return "ConcurrencyLimiterConfig[name=" + name + ", " + algorithm + ", limit " + initialLimit + " in [" + minLimit
        + ", " + maxLimit + "], maxWait=" + maxWait + (lifo ? ", lifo" : "") + (partitions.isEmpty() ? "" : ", partitions="
        + partitions) + "]";
  }

  /** Builds a {@link ConcurrencyLimiterConfig}. Not thread-safe. */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private LimitAlgorithm algorithm = LimitAlgorithm.VEGAS;
    private int initialLimit = DEFAULT_INITIAL_LIMIT;
    private int minLimit = 1;
    private int maxLimit = DEFAULT_MAX_LIMIT;
    private double backoffRatio = DEFAULT_BACKOFF_RATIO;
    private Duration maxWait = Duration.ZERO;
    private boolean lifo;
    private final Map<String, Double> partitions = new LinkedHashMap<>();
    private Predicate<Throwable> droppedWhen = failure -> failure instanceof TimeoutException
        || failure instanceof DeadlineExceededException;
    private Ticker ticker = Ticker.system();
    private Scheduler scheduler;

    private Builder() {}

    /**
     * Sets the name used in exceptions.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      this.name = Arguments.requireNonBlank(name, "name");
      return this;
    }

    /**
     * Sets the algorithm.
     *
     * @throws NullPointerException if {@code algorithm} is null
     */
    public Builder algorithm(LimitAlgorithm algorithm) {
      this.algorithm = Arguments.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the limit at creation; for {@link LimitAlgorithm#FIXED}, the limit.
     *
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public Builder initialLimit(int limit) {
      this.initialLimit = atLeastOne(limit, "initialLimit");
      return this;
    }

    /**
     * Sets the bounds the limit never leaves (ignored by {@link LimitAlgorithm#FIXED}).
     *
     * @throws IllegalArgumentException if {@code min} is below 1 or {@code max} below {@code min}
     */
    public Builder limits(int min, int max) {
      atLeastOne(min, "minLimit");
      if (max < min) {
        throw new IllegalArgumentException("maxLimit must be at least minLimit " + min + ", was " + max);
      }
      this.minLimit = min;
      this.maxLimit = max;
      return this;
    }

    /**
     * Sets what a dropped call multiplies the limit by.
     *
     * @throws IllegalArgumentException if {@code ratio} is not in [0.5, 1) (NaN included)
     */
    public Builder backoffRatio(double ratio) {
      if (!(ratio >= 0.5 && ratio < 1)) {
        throw new IllegalArgumentException("backoffRatio must be in [0.5, 1), was " + ratio);
      }
      this.backoffRatio = ratio;
      return this;
    }

    /**
     * Sets how long an acquire may wait for a slot; zero (the default) refuses at once. A wait too
     * long to count in nanoseconds (about 292 years) is as good as forever.
     *
     * @throws NullPointerException if {@code wait} is null
     * @throws IllegalArgumentException if {@code wait} is negative
     */
    public Builder maxWait(Duration wait) {
      this.maxWait = Durations.requireNonNegative(wait, "maxWait");
      return this;
    }

    /** Sets whether a freed slot goes to the newest waiter (true) or the longest (false, the default). */
    public Builder lifo(boolean lifo) {
      this.lifo = lifo;
      return this;
    }

    /**
     * Adds a partition: a request class named {@code name} for which {@code floor(share x limit)}
     * slots are reserved, so that the other classes can never take them; it may use more when they
     * are free. Calls without a partition use only what no partition reserves.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or already added, or {@code share}
     *     is not in (0, 1]
     */
    public Builder partition(String name, double share) {
      Arguments.requireNonBlank(name, "partition name");
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException("partition '" + name + "' share must be in (0, 1], was " + share);
      }
      if (partitions.containsKey(name)) {
        throw new IllegalArgumentException("partition '" + name + "' was already added");
      }
      partitions.put(name, share);
      return this;
    }

    /**
     * Sets which exceptions of {@link ConcurrencyLimiter#call} report a drop; the others are
     * ignored (they say nothing about the dependency's capacity).
     *
     * @throws NullPointerException if {@code predicate} is null
     */
    public Builder droppedWhen(Predicate<Throwable> predicate) {
      this.droppedWhen = Arguments.requireNonNull(predicate, "droppedWhen");
      return this;
    }

    /**
     * Sets the ticker that measures round trips and waits. A ticker that is also a
     * {@link Scheduler} (such as {@link dev.trestle.core.ManualTicker}) ends the waits too, unless a
     * scheduler is set.
     *
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Arguments.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the scheduler that ends waits.
     *
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Arguments.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Returns the config.
     *
     * @throws IllegalArgumentException if an adaptive algorithm's initial limit is outside
     *     [minLimit, maxLimit], or the partitions' shares add up to more than 1
     */
    public ConcurrencyLimiterConfig build() {
      if (algorithm != LimitAlgorithm.FIXED && (initialLimit < minLimit || initialLimit > maxLimit)) {
        throw new IllegalArgumentException("initialLimit must be within [minLimit " + minLimit + ", maxLimit " + maxLimit
            + "], was " + initialLimit);
      }
      double shares = partitions.values().stream().mapToDouble(Double::doubleValue).sum();
      if (shares > 1 + 1e-9) {
        throw new IllegalArgumentException("the partitions' shares must add up to at most 1, were " + shares + " "
            + partitions);
      }
      return new ConcurrencyLimiterConfig(this);
    }

    private static int atLeastOne(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value);
      }
      return value;
    }
  }
}
