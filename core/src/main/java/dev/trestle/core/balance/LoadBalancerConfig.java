package dev.trestle.core.balance;

import dev.trestle.core.Ticker;
import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The immutable settings of a {@link LoadBalancer}, made by {@link #builder()}; each setter
 * validates its argument at once and names it in the exception, {@link Builder#build()} checks
 * their combination.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>algorithm</td><td>{@link BalancingAlgorithm#PEAK_EWMA}</td><td>how a node is chosen</td></tr>
 *   <tr><td>decayTime</td><td>10 s (Finagle's)</td><td>PEAK_EWMA: the time constant over which a
 *       latency estimate forgets a response</td></tr>
 *   <tr><td>ring</td><td>{@link HashAlgorithm#VIRTUAL_NODES}</td><td>BOUNDED_LOAD_HASH: the ring that
 *       orders nodes for a key (MAGLEV always uses a Maglev table)</td></tr>
 *   <tr><td>maglevTableSize</td><td>{@value #DEFAULT_MAGLEV_TABLE_SIZE} (Envoy's)</td><td>MAGLEV: slots of the
 *       table, a prime; about 100 per unit of total weight keeps the shares within a few percent</td></tr>
 *   <tr><td>loadFactor</td><td>{@value #DEFAULT_LOAD_FACTOR}</td><td>BOUNDED_LOAD_HASH: how far above its
 *       share of the outstanding requests a node may go (epsilon; 0.25 allows 1.25 x)</td></tr>
 *   <tr><td>consecutiveFailures</td><td>{@value #DEFAULT_CONSECUTIVE_FAILURES}</td><td>outlier ejection:
 *       a node whose last this many calls failed is ejected; 0 turns ejection off</td></tr>
 *   <tr><td>baseEjectionTime</td><td>30 s (Envoy's)</td><td>an ejection lasts this times the number of
 *       times the node has been ejected recently (each base time spent healthy forgets one)</td></tr>
 *   <tr><td>maxEjectionTime</td><td>300 s (Envoy's)</td><td>the longest one ejection lasts</td></tr>
 *   <tr><td>maxEjectionPercent</td><td>{@value #DEFAULT_MAX_EJECTION_PERCENT}</td><td>at most this share of
 *       the nodes is ejected at once (at least one node may be, but never the last live one)</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>times latencies' decay and ejections</td></tr>
 *   <tr><td>seed</td><td>none</td><td>makes the random draws a fixed sequence (simulations, tests);
 *       without it each thread draws from its own generator</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class LoadBalancerConfig {

  /** The algorithm unless one is set. */
  public static final BalancingAlgorithm DEFAULT_ALGORITHM = BalancingAlgorithm.PEAK_EWMA;
  /** The decay time unless one is set: Finagle's 10 seconds. */
  public static final Duration DEFAULT_DECAY_TIME = Duration.ofSeconds(10);
  /**
   * MAGLEV's table size unless one is set: Envoy's 65,537, enough for about 650 units of weight. A
   * balancer builds its table at each {@code update}, so it is smaller than a ring's default.
   */
  public static final int DEFAULT_MAGLEV_TABLE_SIZE = 65_537;
  /** Epsilon of bounded-load hashing unless one is set. */
  public static final double DEFAULT_LOAD_FACTOR = 0.25;
  /** Consecutive failures that eject a node unless set: Envoy's 5. */
  public static final int DEFAULT_CONSECUTIVE_FAILURES = 5;
  /** The base ejection time unless set: Envoy's 30 seconds. */
  public static final Duration DEFAULT_BASE_EJECTION_TIME = Duration.ofSeconds(30);
  /** The longest ejection unless set: Envoy's 300 seconds. */
  public static final Duration DEFAULT_MAX_EJECTION_TIME = Duration.ofSeconds(300);
  /** The share of nodes that may be ejected at once unless set. */
  public static final int DEFAULT_MAX_EJECTION_PERCENT = 50;

  final BalancingAlgorithm algorithm;
  final Duration decayTime;
  final long decayNanos;
  final HashAlgorithm ring;
  final double loadFactor;
  final int maglevTableSize;
  final int consecutiveFailures;
  final Duration baseEjectionTime;
  final long baseEjectionNanos;
  final Duration maxEjectionTime;
  final long maxEjectionNanos;
  final int maxEjectionPercent;
  final Ticker ticker;
  final OptionalLong seed;

  private LoadBalancerConfig(Builder b) {
    this.algorithm = b.algorithm;
    this.decayTime = b.decayTime;
    this.decayNanos = Durations.saturatedNanos(b.decayTime);
    this.ring = b.ring;
    this.loadFactor = b.loadFactor;
    this.maglevTableSize = b.maglevTableSize;
    this.consecutiveFailures = b.consecutiveFailures;
    this.baseEjectionTime = b.baseEjectionTime;
    this.baseEjectionNanos = Durations.saturatedNanos(b.baseEjectionTime);
    this.maxEjectionTime = b.maxEjectionTime;
    this.maxEjectionNanos = Durations.saturatedNanos(b.maxEjectionTime);
    this.maxEjectionPercent = b.maxEjectionPercent;
    this.ticker = b.ticker;
    this.seed = b.seed;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns how a node is chosen. */
  public BalancingAlgorithm algorithm() {
    return algorithm;
  }

  /** Returns the time constant of PEAK_EWMA's latency estimate. */
  public Duration decayTime() {
    return decayTime;
  }

  /** Returns the ring BOUNDED_LOAD_HASH orders nodes with. */
  public HashAlgorithm ring() {
    return ring;
  }

  /** Returns BOUNDED_LOAD_HASH's epsilon. */
  public double loadFactor() {
    return loadFactor;
  }

  /** Returns the number of slots of MAGLEV's table. */
  public int maglevTableSize() {
    return maglevTableSize;
  }

  /** Returns how many failures in a row eject a node; 0 when ejection is off. */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Returns the time a first ejection lasts. */
  public Duration baseEjectionTime() {
    return baseEjectionTime;
  }

  /** Returns the longest time one ejection lasts. */
  public Duration maxEjectionTime() {
    return maxEjectionTime;
  }

  /** Returns the most nodes, in percent, ejected at once. */
  public int maxEjectionPercent() {
    return maxEjectionPercent;
  }

  /** Returns the ticker. */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns the seed of the random draws, if one was set. */
  public OptionalLong seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "LoadBalancerConfig[algorithm=" + algorithm + ", decayTime=" + decayTime + ", ring=" + ring
        + ", loadFactor=" + loadFactor + ", maglevTableSize=" + maglevTableSize + ", consecutiveFailures=" + consecutiveFailures + ", baseEjectionTime="
        + baseEjectionTime + ", maxEjectionTime=" + maxEjectionTime + ", maxEjectionPercent=" + maxEjectionPercent
        + ", ticker=" + ticker + ", seed=" + seed + "]";
  }

  /** Builds a {@link LoadBalancerConfig}. Not thread-safe. */
  public static final class Builder {
    private BalancingAlgorithm algorithm = DEFAULT_ALGORITHM;
    private Duration decayTime = DEFAULT_DECAY_TIME;
    private HashAlgorithm ring = HashAlgorithm.VIRTUAL_NODES;
    private double loadFactor = DEFAULT_LOAD_FACTOR;
    private int maglevTableSize = DEFAULT_MAGLEV_TABLE_SIZE;
    private int consecutiveFailures = DEFAULT_CONSECUTIVE_FAILURES;
    private Duration baseEjectionTime = DEFAULT_BASE_EJECTION_TIME;
    private Duration maxEjectionTime = DEFAULT_MAX_EJECTION_TIME;
    private int maxEjectionPercent = DEFAULT_MAX_EJECTION_PERCENT;
    private Ticker ticker = Ticker.system();
    private OptionalLong seed = OptionalLong.empty();

    private Builder() {}

    /**
     * Sets how a node is chosen.
     *
     * @throws NullPointerException if {@code algorithm} is null
     */
    public Builder algorithm(BalancingAlgorithm algorithm) {
      this.algorithm = Arguments.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets PEAK_EWMA's time constant: after it, a response weighs 1/e of what it weighed at first.
     *
     * @throws IllegalArgumentException if {@code decayTime} is zero or negative
     */
    public Builder decayTime(Duration decayTime) {
      this.decayTime = Durations.requirePositive(decayTime, "decayTime");
      return this;
    }

    /**
     * Sets the ring BOUNDED_LOAD_HASH orders nodes with.
     *
     * @throws IllegalArgumentException for {@link HashAlgorithm#JUMP}, which cannot remove any node
     *     but the last
     */
    public Builder ring(HashAlgorithm ring) {
      Arguments.requireNonNull(ring, "ring");
      if (ring == HashAlgorithm.JUMP) {
        throw new IllegalArgumentException("ring must be able to drop any node, was JUMP; use VIRTUAL_NODES, KETAMA, "
            + "RENDEZVOUS or MAGLEV");
      }
      this.ring = ring;
      return this;
    }

    /**
     * Sets BOUNDED_LOAD_HASH's epsilon: a node takes a keyed pick while its outstanding requests are
     * below (1 + epsilon) times its share.
     *
     * @throws IllegalArgumentException if {@code epsilon} is not a positive finite number
     */
    public Builder loadFactor(double epsilon) {
      if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
        throw new IllegalArgumentException("loadFactor must be a positive number, was " + epsilon);
      }
      this.loadFactor = epsilon;
      return this;
    }

    /**
     * Sets the number of slots of MAGLEV's table.
     *
     * @throws IllegalArgumentException if {@code size} is not a prime between 7 and 2^26
     */
    public Builder maglevTableSize(int size) {
      if (size == 0) {
        throw new IllegalArgumentException("maglevTableSize must be a prime between 7 and 2^26, was 0");
      }
      HashRing.builder(HashAlgorithm.MAGLEV).maglevTableSize(size); // the ring's own check and message
      this.maglevTableSize = size;
      return this;
    }

    /**
     * Sets how many failures in a row eject a node; 0 turns outlier ejection off.
     *
     * @throws IllegalArgumentException if {@code failures} is negative
     */
    public Builder consecutiveFailures(int failures) {
      if (failures < 0) {
        throw new IllegalArgumentException("consecutiveFailures must be 0 (off) or more, was " + failures);
      }
      this.consecutiveFailures = failures;
      return this;
    }

    /**
     * Sets how long a first ejection lasts.
     *
     * @throws IllegalArgumentException if {@code time} is zero or negative
     */
    public Builder baseEjectionTime(Duration time) {
      this.baseEjectionTime = Durations.requirePositive(time, "baseEjectionTime");
      return this;
    }

    /**
     * Sets the longest one ejection lasts, however often the node was ejected.
     *
     * @throws IllegalArgumentException if {@code time} is zero or negative
     */
    public Builder maxEjectionTime(Duration time) {
      this.maxEjectionTime = Durations.requirePositive(time, "maxEjectionTime");
      return this;
    }

    /**
     * Sets the most nodes, in percent of the set, that may be ejected at once.
     *
     * @throws IllegalArgumentException if {@code percent} is not between 0 and 100
     */
    public Builder maxEjectionPercent(int percent) {
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException("maxEjectionPercent must be between 0 and 100, was " + percent);
      }
      this.maxEjectionPercent = percent;
      return this;
    }

    /**
     * Sets the ticker.
     *
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Arguments.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Makes the random draws a fixed sequence from {@code seed}, shared by all threads. */
    public Builder seed(long seed) {
      this.seed = OptionalLong.of(seed);
      return this;
    }

    /**
     * Returns the config.
     *
     * @throws IllegalArgumentException if maxEjectionTime is shorter than baseEjectionTime
     */
    public LoadBalancerConfig build() {
      if (maxEjectionTime.compareTo(baseEjectionTime) < 0) {
        throw new IllegalArgumentException("maxEjectionTime (" + maxEjectionTime + ") must not be shorter than "
            + "baseEjectionTime (" + baseEjectionTime + ")");
      }
      return new LoadBalancerConfig(this);
    }
  }
}
