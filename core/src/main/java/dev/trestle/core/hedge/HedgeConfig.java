package dev.trestle.core.hedge;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.Schedulers;
import dev.trestle.core.internal.SharedWorkers;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The immutable configuration of a {@link Hedge}, built by a validating {@link Builder}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>{@value #DEFAULT_NAME}</td><td>names the hedge in {@code toString}</td></tr>
 *   <tr><td>maxAttempts</td><td>{@value #DEFAULT_MAX_ATTEMPTS}</td><td>attempts per call, the first
 *       included; in [1, {@value #MAX_ATTEMPTS}]; 1 never hedges</td></tr>
 *   <tr><td>delay</td><td>required: {@code fixedDelay} or {@code percentileDelay}</td><td>how long an
 *       attempt has to answer before the next is sent: a fixed duration, or the given percentile of
 *       the latencies observed over the last {@code latencyWindow} calls, never below a floor (the
 *       floor alone applies until {@value #MIN_SAMPLES} latencies are in). A call's latency is the
 *       time from its start to its answer, so hedging that works lowers the percentile; the budget
 *       is what keeps that from feeding on itself</td></tr>
 *   <tr><td>latencyWindow</td><td>{@value #DEFAULT_LATENCY_WINDOW}</td><td>latencies kept for the
 *       percentile, in [{@value #MIN_SAMPLES}, {@value #MAX_LATENCY_WINDOW}]</td></tr>
 *   <tr><td>budget</td><td>ratio {@value #DEFAULT_BUDGET_RATIO}, {@value #DEFAULT_BUDGET_MIN_PER_SECOND}
 *       per second</td><td>hedges allowed: each call earns {@code ratio} of a hedge and time earns
 *       {@code minPerSecond} hedges per second, as in Finagle's retry budget; a new hedge starts
 *       with one second of that floor, and unspent hedges are kept up to
 *       {@code minPerSecond + max(1, ceil(100 * ratio))}</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>measures latencies and refills the budget</td></tr>
 *   <tr><td>scheduler</td><td>the ticker if it is a {@link Scheduler}, else {@link Scheduler#system()}</td>
 *       <td>sends the hedges and fires the deadline</td></tr>
 *   <tr><td>executor</td><td>the time limiters' shared pool of daemon threads</td>
 *       <td>runs the attempts of {@link Hedge#call(java.util.concurrent.Callable)}</td></tr>
 * </table>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HedgeConfig {

  /** The name unless one is set. */
  public static final String DEFAULT_NAME = "hedge";
  /** Attempts per call unless configured otherwise: the first and one hedge. */
  public static final int DEFAULT_MAX_ATTEMPTS = 2;
  /** The most attempts a call may make. */
  public static final int MAX_ATTEMPTS = 16;
  /** Latencies kept for a percentile delay unless configured otherwise. */
  public static final int DEFAULT_LATENCY_WINDOW = 256;
  /** The most latencies a percentile delay may keep. */
  public static final int MAX_LATENCY_WINDOW = 1 << 16;
  /** Latencies needed before a percentile replaces the floor. */
  public static final int MIN_SAMPLES = 16;
  /** The share of calls that may be hedged unless configured otherwise. */
  public static final double DEFAULT_BUDGET_RATIO = 0.1;
  /** Hedges per second allowed whatever the traffic, unless configured otherwise. */
  public static final int DEFAULT_BUDGET_MIN_PER_SECOND = 10;

  final String name;
  final int maxAttempts;
  final long fixedDelayNanos; // -1 with a percentile delay
  final double percentile; // NaN with a fixed delay
  final long floorNanos;
  final int latencyWindow;
  final double budgetRatio;
  final int budgetMinPerSecond;
  final Ticker ticker;
  final Scheduler scheduler;
  final Executor executor;

  private HedgeConfig(Builder b) {
    this.name = b.name;
    this.maxAttempts = b.maxAttempts;
    this.fixedDelayNanos = b.fixedDelayNanos;
    this.percentile = b.percentile;
    this.floorNanos = b.floorNanos;
    this.latencyWindow = b.latencyWindow;
    this.budgetRatio = b.budgetRatio;
    this.budgetMinPerSecond = b.budgetMinPerSecond;
    this.ticker = b.ticker;
    this.scheduler = Schedulers.resolve(b.scheduler, b.ticker);
    this.executor = b.executor != null ? b.executor : SharedWorkers.executor();
  }

  /** Returns a builder with the defaults and no delay yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the hedge's name. */
  public String name() {
    return name;
  }

  /** Returns the most attempts per call, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns whether the delay is a percentile of observed latency (else it is fixed). */
  public boolean adaptiveDelay() {
    return fixedDelayNanos < 0;
  }

  /** Returns the fixed delay, or the floor of a percentile delay. */
  public Duration delay() {
    return Duration.ofNanos(adaptiveDelay() ? floorNanos : fixedDelayNanos);
  }

  /** Returns the percentile of a percentile delay, or NaN for a fixed one. */
  public double percentile() {
    return percentile;
  }

  /** Returns the share of calls that may be hedged. */
  public double budgetRatio() {
    return budgetRatio;
  }

  /** Returns the hedges per second allowed whatever the traffic. */
  public int budgetMinPerSecond() {
    return budgetMinPerSecond;
  }

  /** Returns the ticker. */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns the scheduler that sends hedges and fires deadlines. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Returns the executor that runs synchronous attempts. */
  public Executor executor() {
    return executor;
  }

  @Override
  public String toString() {
    return "HedgeConfig[name=" + name + ", maxAttempts=" + maxAttempts + ", delay="
        + (adaptiveDelay() ? "p" + percentile + " of the last " + latencyWindow + " latencies, floor " + delay() : delay())
        + ", budget=" + budgetRatio + " of calls + " + budgetMinPerSecond + "/s]";
  }

  /** Builds a {@link HedgeConfig}; each setter validates its argument at once. Not thread-safe. */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private long fixedDelayNanos = -1;
    private double percentile = Double.NaN;
    private long floorNanos = -1;
    private int latencyWindow = DEFAULT_LATENCY_WINDOW;
    private double budgetRatio = DEFAULT_BUDGET_RATIO;
    private int budgetMinPerSecond = DEFAULT_BUDGET_MIN_PER_SECOND;
    private Ticker ticker = Ticker.system();
    private Scheduler scheduler;
    private Executor executor;

    private Builder() {}

    /**
     * Sets the name.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      this.name = Arguments.requireNonBlank(name, "name");
      return this;
    }

    /**
     * Sets the most attempts per call, the first included.
     *
     * @throws IllegalArgumentException if {@code attempts} is outside [1, {@value HedgeConfig#MAX_ATTEMPTS}]
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > MAX_ATTEMPTS) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and " + MAX_ATTEMPTS + ", was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sends the next attempt when the last has not answered after {@code delay}.
     *
     * @throws NullPointerException if {@code delay} is null
     * @throws IllegalArgumentException if {@code delay} is not positive
     */
    public Builder fixedDelay(Duration delay) {
      this.fixedDelayNanos = Durations.positiveNanos(delay, "fixedDelay");
      this.percentile = Double.NaN;
      this.floorNanos = -1;
      return this;
    }

    /**
     * Sends the next attempt when the last has not answered after the {@code percentile} of the
     * observed latencies, or after {@code floor} if that is longer or too few latencies are in.
     *
     * @param percentile in (0, 100), for example 95
     * @throws NullPointerException if {@code floor} is null
     * @throws IllegalArgumentException if {@code percentile} is outside (0, 100) or {@code floor}
     *     is not positive
     */
    public Builder percentileDelay(double percentile, Duration floor) {
      if (!(percentile > 0 && percentile < 100)) {
        throw new IllegalArgumentException("percentileDelay percentile must be in (0, 100), was " + percentile);
      }
      this.floorNanos = Durations.positiveNanos(floor, "percentileDelay floor");
      this.percentile = percentile;
      this.fixedDelayNanos = -1;
      return this;
    }

    /**
     * Sets how many recent latencies a percentile delay is computed from.
     *
     * @throws IllegalArgumentException if {@code latencies} is outside
     *     [{@value HedgeConfig#MIN_SAMPLES}, {@value HedgeConfig#MAX_LATENCY_WINDOW}]
     */
    public Builder latencyWindow(int latencies) {
      if (latencies < MIN_SAMPLES || latencies > MAX_LATENCY_WINDOW) {
        throw new IllegalArgumentException("latencyWindow must be between " + MIN_SAMPLES + " and "
            + MAX_LATENCY_WINDOW + ", was " + latencies);
      }
      this.latencyWindow = latencies;
      return this;
    }

    /**
     * Bounds the extra load: hedges may be at most {@code ratio} of calls, plus {@code minPerSecond}
     * per second whatever the traffic.
     *
     * @throws IllegalArgumentException if {@code ratio} is outside [0, 1], {@code minPerSecond} is
     *     negative, or both are zero (no hedge could ever be sent)
     */
    public Builder budget(double ratio, int minPerSecond) {
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new IllegalArgumentException("budget ratio must be in [0, 1], was " + ratio);
      }
      if (minPerSecond < 0) {
        throw new IllegalArgumentException("budget minPerSecond must be zero or positive, was " + minPerSecond);
      }
      if (ratio == 0 && minPerSecond == 0) {
        throw new IllegalArgumentException("budget ratio and minPerSecond are both 0: no hedge could ever be sent; "
            + "use maxAttempts(1) to turn hedging off");
      }
      this.budgetRatio = ratio;
      this.budgetMinPerSecond = minPerSecond;
      return this;
    }

    /**
     * Sets the ticker. A ticker that is also a {@link Scheduler} (such as
     * {@link dev.trestle.core.ManualTicker}) sends the hedges too, unless a scheduler is set.
     *
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      Arguments.requireNonNull(ticker, "ticker");
      this.ticker = ticker;
      return this;
    }

    /**
     * Sets the scheduler that sends hedges and fires deadlines.
     *
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(Scheduler scheduler) {
      Arguments.requireNonNull(scheduler, "scheduler");
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Sets the executor that runs the attempts of {@link Hedge#call(java.util.concurrent.Callable)}.
     * The caller keeps ownership: the hedge never shuts it down.
     *
     * @throws NullPointerException if {@code executor} is null
     * @throws IllegalArgumentException if {@code executor} is an {@link ExecutorService} that has
     *     been shut down
     */
    public Builder executor(Executor executor) {
      this.executor = Arguments.requireLiveExecutor(executor, "attempt");
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalStateException if no delay was set
     */
    public HedgeConfig build() {
      if (fixedDelayNanos < 0 && Double.isNaN(percentile)) {
        throw new IllegalStateException("a delay must be set: call fixedDelay(Duration) or percentileDelay(double, Duration) before build()");
      }
      return new HedgeConfig(this);
    }
  }
}
