package dev.trestle.ratelimit;

import java.time.Duration;

/**
 * The immutable settings of a {@link RedisRateLimiter}, made by {@link #builder()}; each setter
 * validates its argument at once and names it in the exception.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>algorithm</td><td>{@link RateLimitAlgorithm#GCRA}</td><td>GCRA or TOKEN_BUCKET (the same contract;
 *       GCRA stores one instant, the token bucket the instant it was empty)</td></tr>
 *   <tr><td>limit</td><td>required</td><td>{@code permits} per {@code period}</td></tr>
 *   <tr><td>burst</td><td>{@code permits}</td><td>the capacity: the most permits admitted at once</td></tr>
 *   <tr><td>keyPrefix</td><td>{@value #DEFAULT_KEY_PREFIX}</td><td>prepended to every Redis key; the client key
 *       follows in braces, a Redis Cluster hash tag</td></tr>
 *   <tr><td>failureMode</td><td>{@link FailureMode#FAIL_OPEN}</td><td>the decision when Redis cannot answer</td></tr>
 *   <tr><td>sleeper</td><td>{@link Sleeper#system()}</td><td>how a waiting acquire lets time pass</td></tr>
 * </table>
 *
 * <p>How long "cannot answer" takes is the Jedis client's connect and socket timeouts
 * ({@code DefaultJedisClientConfig.builder().connectionTimeoutMillis(..).socketTimeoutMillis(..)}):
 * set them to what a request can afford to wait for its rate limit decision (a few milliseconds on a
 * local network).
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisRateLimiterConfig {

  /** The key prefix unless one is set. */
  public static final String DEFAULT_KEY_PREFIX = "trestle:ratelimit:";
  /** Lua numbers are doubles: every product stays below 2^50 to stay exact. */
  static final long MAX_LUA_UNITS = 1L << 50;

  /** What the limiter decides when Redis is unreachable, too slow (client timeout) or busy. */
  public enum FailureMode {
    /** Admit: availability over protection; the limit is not enforced while Redis is down. */
    FAIL_OPEN,
    /** Refuse, with a retry-after of one period: protection over availability. */
    FAIL_CLOSED
  }

  final RateLimitAlgorithm algorithm;
  final long permits;
  final Duration period;
  final long burst;
  final String keyPrefix;
  final FailureMode failureMode;
  final Sleeper sleeper;
  final Rate rate;

  private RedisRateLimiterConfig(Builder b, long burst, Rate rate) {
    this.algorithm = b.algorithm;
    this.permits = b.permits;
    this.period = b.period;
    this.burst = burst;
    this.keyPrefix = b.keyPrefix;
    this.failureMode = b.failureMode;
    this.sleeper = b.sleeper;
    this.rate = rate;
  }

  /** Returns a builder with the defaults; {@link Builder#limit} must be called. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the algorithm: GCRA or TOKEN_BUCKET. */
  public RateLimitAlgorithm algorithm() {
    return algorithm;
  }

  /** Returns the permits per period. */
  public long permits() {
    return permits;
  }

  /** Returns the period. */
  public Duration period() {
    return period;
  }

  /** Returns the burst: the capacity, and the most permits one request may ask for. */
  public long burst() {
    return burst;
  }

  /** Returns the key prefix. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** Returns what the limiter decides when Redis cannot answer. */
  public FailureMode failureMode() {
    return failureMode;
  }

  /** Returns the sleeper of waiting acquires. */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "RedisRateLimiterConfig[" + algorithm + ", " + permits + " per " + period + ", burst=" + burst + ", keyPrefix="
        + keyPrefix + ", " + failureMode + "]";
  }

  /** Builds a {@link RedisRateLimiterConfig}. Not thread-safe. */
  public static final class Builder {
    private RateLimitAlgorithm algorithm = RateLimitAlgorithm.GCRA;
    private long permits;
    private Duration period;
    private long burst = -1;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private FailureMode failureMode = FailureMode.FAIL_OPEN;
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /**
     * Sets the algorithm.
     *
     * @throws NullPointerException if {@code algorithm} is null
     * @throws IllegalArgumentException unless it is GCRA or TOKEN_BUCKET
     */
    public Builder algorithm(RateLimitAlgorithm algorithm) {
      if (algorithm == null) {
        throw new NullPointerException("algorithm must not be null");
      }
      if (algorithm != RateLimitAlgorithm.GCRA && algorithm != RateLimitAlgorithm.TOKEN_BUCKET) {
        throw new IllegalArgumentException("algorithm must be GCRA or TOKEN_BUCKET on Redis, was " + algorithm);
      }
      this.algorithm = algorithm;
      return this;
    }

    /**
     * Sets the rate: {@code permits} per {@code period}.
     *
     * @throws IllegalArgumentException if {@code permits} is below 1 or {@code period} not positive
     * @throws NullPointerException if {@code period} is null
     */
    public Builder limit(long permits, Duration period) {
      RateLimiterConfig.checkLimit(permits, period);
      this.permits = permits;
      this.period = period;
      return this;
    }

    /**
     * Sets the burst (capacity).
     *
     * @throws IllegalArgumentException if {@code burst} is below 1
     */
    public Builder burst(long burst) {
      RateLimiterConfig.checkBurst(burst);
      this.burst = burst;
      return this;
    }

    /**
     * Sets the prefix of every Redis key.
     *
     * @throws NullPointerException if {@code keyPrefix} is null
     * @throws IllegalArgumentException if it contains a brace, which would change the hash tag
     */
    public Builder keyPrefix(String keyPrefix) {
      if (keyPrefix == null) {
        throw new NullPointerException("keyPrefix must not be null");
      }
      if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
        throw new IllegalArgumentException("keyPrefix must not contain braces (the client key is the hash tag), was '"
            + keyPrefix + "'");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * Sets what the limiter decides when Redis cannot answer.
     *
     * @throws NullPointerException if {@code failureMode} is null
     */
    public Builder failureMode(FailureMode failureMode) {
      if (failureMode == null) {
        throw new NullPointerException("failureMode must not be null");
      }
      this.failureMode = failureMode;
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
     * @throws IllegalArgumentException if the numbers are too large for exact arithmetic in Lua (2^50)
     */
    public RedisRateLimiterConfig build() {
      if (period == null) {
        throw new IllegalStateException("limit(permits, period) must be set");
      }
      long b = burst == -1 ? permits : burst;
      Rate rate = Rate.of(permits, period.toNanos());
      if (rate.unitsPerNano > MAX_LUA_UNITS / 1000 || Math.max(b, permits) > MAX_LUA_UNITS / rate.unitsPerPermit) {
        throw new IllegalArgumentException("limit " + permits + " per " + period + " with burst " + b
            + " needs more than 50 bits for exact arithmetic in Lua: lower the burst or the permits, or use a period that "
            + "divides more evenly by the permits");
      }
      return new RedisRateLimiterConfig(this, b, rate);
    }
  }
}
