package dev.trestle.ratelimit;

import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import java.time.Duration;

/**
 * The immutable settings of a local {@link RateLimiter}, made by {@link #builder()}; each setter
 * validates its argument at once and names it in the exception, and {@link Builder#build()} checks
 * the combination.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>{@value #DEFAULT_NAME}</td><td>names the limiter in its JFR events and metrics</td></tr>
 *   <tr><td>algorithm</td><td>{@link RateLimitAlgorithm#TOKEN_BUCKET}</td><td>the admission contract</td></tr>
 *   <tr><td>limit</td><td>required</td><td>{@code permits} per {@code period}: the sustained rate, and for the
 *       window algorithms the most permits a window of {@code period} holds</td></tr>
 *   <tr><td>burst</td><td>{@code permits}</td><td>bucket algorithms only: the capacity, the most permits
 *       admitted at once</td></tr>
 *   <tr><td>initialPermits</td><td>burst</td><td>token bucket only: permits available at creation</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>the only clock the limiter reads</td></tr>
 *   <tr><td>sleeper</td><td>{@link Sleeper#on(Ticker) Sleeper.on(ticker)}</td><td>how a waiting acquire lets time pass</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class RateLimiterConfig {

  /** The largest rate numbers accepted: the arithmetic keeps every product of them below 2^59. */
  static final long MAX_UNITS = 1L << 59;
  /** The sliding log keeps one {@code long} per permit: at most this many. */
  public static final long MAX_LOG_PERMITS = 1L << 24;
  /**
   * The sliding window counter packs its window number and two counts into one {@code long}, so
   * that one CAS decides: at most this many permits per window.
   */
  public static final long MAX_COUNTER_PERMITS = 1L << 28;
  /** The name unless one is set. */
  public static final String DEFAULT_NAME = "ratelimiter";

  final RateLimitAlgorithm algorithm;
  final long permits;
  final Duration period;
  final long periodNanos;
  final long burst;
  final long initialPermits;
  final Ticker ticker;
  final Sleeper sleeper;
  final String name;

  /** Returns a builder with the defaults; {@link Builder#limit} must be called. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the limiter's name, used in its JFR events and by its Micrometer binder. */
  public String name() {
    return name;
  }

  /** Returns the algorithm. */
  public RateLimitAlgorithm algorithm() {
    return algorithm;
  }

  /** Returns the permits admitted per {@link #period()}. */
  public long permits() {
    return permits;
  }

  /** Returns the period of the rate. */
  public Duration period() {
    return period;
  }

  /** Returns the burst (bucket capacity) for the bucket algorithms; 1 for the shaper; the limit for the window algorithms. */
  public long burst() {
    return burst;
  }

  /** Returns the permits available at creation. */
  public long initialPermits() {
    return initialPermits;
  }

  /** Returns the largest number of permits one request may ask for: the burst, or the limit for the shaper and the windows. */
  public long maxPermitsPerRequest() {
    return algorithm == RateLimitAlgorithm.LEAKY_BUCKET_SHAPER ? permits : burst;
  }

  /** Returns the ticker. */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns the sleeper. */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "RateLimiterConfig[" + name + ", " + algorithm + ", " + permits + " per " + period + ", burst=" + burst
        + ", initialPermits=" + initialPermits + "]";
  }

  static boolean isBucket(RateLimitAlgorithm algorithm) {
    return algorithm == RateLimitAlgorithm.TOKEN_BUCKET || algorithm == RateLimitAlgorithm.GCRA
        || algorithm == RateLimitAlgorithm.LEAKY_BUCKET;
  }

  /** Validates a rate of {@code permits} per {@code period}, as every limiter builder must. */
  static void checkLimit(long permits, Duration period) {
    if (period == null) {
      throw new NullPointerException("period must not be null");
    }
    if (permits < 1) {
      throw new IllegalArgumentException("limit permits must be at least 1, was " + permits);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("limit period must be positive, was " + period);
    }
    if (period.compareTo(Duration.ofNanos(MAX_UNITS)) > 0) {
      throw new IllegalArgumentException("limit period must be at most " + Duration.ofNanos(MAX_UNITS) + ", was " + period);
    }
  }

  /** Validates a burst (bucket capacity). */
  static void checkBurst(long burst) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
  }

  /** Builds a {@link RateLimiterConfig}. Not thread-safe. */
  public static final class Builder {
    private RateLimitAlgorithm algorithm = RateLimitAlgorithm.TOKEN_BUCKET;
    private long permits;
    private Duration period;
    private long burst = -1;
    private long initialPermits = -1;
    private Ticker ticker = Ticker.system();
    private Sleeper sleeper; // null: park on the ticker
    private String name = DEFAULT_NAME;

    private Builder() {}

    /**
     * Sets the name used in the limiter's JFR events and by its Micrometer binder.
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
    public Builder algorithm(RateLimitAlgorithm algorithm) {
      if (algorithm == null) {
        throw new NullPointerException("algorithm must not be null");
      }
      this.algorithm = algorithm;
      return this;
    }

    /**
     * Sets the rate: {@code permits} per {@code period}.
     *
     * @throws IllegalArgumentException if {@code permits} is below 1, or {@code period} is not
     *     positive or longer than about 18 years (2^59 ns)
     * @throws NullPointerException if {@code period} is null
     */
    public Builder limit(long permits, Duration period) {
      checkLimit(permits, period);
      this.permits = permits;
      this.period = period;
      return this;
    }

    /**
     * Sets the burst: the capacity of the bucket algorithms (token bucket, GCRA, leaky bucket).
     *
     * @throws IllegalArgumentException if {@code burst} is below 1
     */
    public Builder burst(long burst) {
      checkBurst(burst);
      this.burst = burst;
      return this;
    }

    /**
     * Sets the permits a token bucket holds at creation (default: full).
     *
     * @throws IllegalArgumentException if {@code initialPermits} is negative
     */
    public Builder initialPermits(long initialPermits) {
      if (initialPermits < 0) {
        throw new IllegalArgumentException("initialPermits must not be negative, was " + initialPermits);
      }
      this.initialPermits = initialPermits;
      return this;
    }

    /**
     * Sets the clock.
     *
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      if (ticker == null) {
        throw new NullPointerException("ticker must not be null");
      }
      this.ticker = ticker;
      return this;
    }

    /**
     * Sets how waiting acquires let time pass.
     *
     * @throws NullPointerException if {@code sleeper} is null
     */
    public Builder sleeper(Sleeper sleeper) {
      if (sleeper == null) {
        throw new NullPointerException("sleeper must not be null");
      }
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Returns the config.
     *
     * @throws IllegalStateException if no limit was set
     * @throws IllegalArgumentException if the settings do not fit together: a burst or initial
     *     permits for an algorithm that has none, initial permits above the burst, or numbers so
     *     large that exact arithmetic would need more than 59 bits
     */
    public RateLimiterConfig build() {
      if (period == null) {
        throw new IllegalStateException("limit(permits, period) must be set");
      }
      boolean bucket = isBucket(algorithm);
      if (burst != -1 && !bucket) {
        throw new IllegalArgumentException("burst applies to TOKEN_BUCKET, GCRA and LEAKY_BUCKET only, not " + algorithm
            + " (was " + burst + ")");
      }
      if (initialPermits != -1 && algorithm != RateLimitAlgorithm.TOKEN_BUCKET) {
        throw new IllegalArgumentException("initialPermits applies to TOKEN_BUCKET only, not " + algorithm
            + " (was " + initialPermits + ")");
      }
      long b = bucket ? (burst == -1 ? permits : burst) : algorithm == RateLimitAlgorithm.LEAKY_BUCKET_SHAPER ? 1 : permits;
      if (initialPermits > b) {
        throw new IllegalArgumentException("initialPermits must be at most the burst " + b + ", was " + initialPermits);
      }
      long periodNanos = period.toNanos();
      Rate rate = Rate.of(permits, periodNanos);
      long largest = Math.max(b, permits);
      if (largest > MAX_UNITS / rate.unitsPerPermit) {
        throw new IllegalArgumentException("limit " + permits + " per " + period + " with burst " + b
            + " needs more than 59 bits for exact arithmetic: lower the burst or the permits, or use a period that "
            + "divides more evenly by the permits");
      }
      if (algorithm == RateLimitAlgorithm.SLIDING_WINDOW_LOG && permits > MAX_LOG_PERMITS) {
        throw new IllegalArgumentException("SLIDING_WINDOW_LOG keeps one timestamp per permit: limit permits must be at most "
            + MAX_LOG_PERMITS + ", was " + permits);
      }
      if (algorithm == RateLimitAlgorithm.SLIDING_WINDOW_COUNTER && permits > MAX_COUNTER_PERMITS) {
        throw new IllegalArgumentException("SLIDING_WINDOW_COUNTER packs two counts into one long: limit permits must be at most "
            + MAX_COUNTER_PERMITS + ", was " + permits);
      }
      if (algorithm == RateLimitAlgorithm.SLIDING_WINDOW_COUNTER && permits > MAX_UNITS / periodNanos) {
        throw new IllegalArgumentException("SLIDING_WINDOW_COUNTER needs permits x period (ns) below 2^59, was "
            + permits + " x " + periodNanos);
      }
      RateLimiterConfig config = new RateLimiterConfig(this, b);
      return config;
    }
  }

  private RateLimiterConfig(Builder b, long burst) {
    this.algorithm = b.algorithm;
    this.permits = b.permits;
    this.period = b.period;
    this.periodNanos = b.period.toNanos();
    this.burst = burst;
    this.initialPermits = b.initialPermits == -1 ? burst : b.initialPermits;
    this.ticker = b.ticker;
    this.sleeper = b.sleeper != null ? b.sleeper : Sleeper.on(b.ticker);
    this.name = b.name;
  }
}
