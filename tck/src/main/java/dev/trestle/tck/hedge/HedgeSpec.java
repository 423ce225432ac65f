package dev.trestle.tck.hedge;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What the {@link HedgeTck} asks for when it creates a hedge: the attempts per call, a fixed delay
 * or a percentile delay, optionally a budget, and the clock and threads to use. Immutable.
 *
 * <p>The hedge must read time from {@link #ticker()} and arm every timer (each hedge, the
 * deadline) on it as its scheduler, and run the attempts of a synchronous {@code call} on
 * {@link #executor()}. That is how the kit decides every question of timing on a manual clock:
 * nothing in the kit sleeps, and a hedge that waits on the real clock instead fails the rules that
 * time it (the kit's delays are longer than its hang guard).
 */
public final class HedgeSpec {

  /** A hedge budget: {@code ratio} of a hedge earned per call, plus {@code minPerSecond} per second of the ticker. */
  public static final class Budget {
    private final double ratio;
    private final int minPerSecond;

    Budget(double ratio, int minPerSecond) {
      this.ratio = ratio;
      this.minPerSecond = minPerSecond;
    }

    /** Returns the hedges allowed per call, in [0, 1]. */
    public double ratio() {
      return ratio;
    }

    /** Returns the hedges allowed per second of the ticker whatever the traffic; zero or more. */
    public int minPerSecond() {
      return minPerSecond;
    }

    @Override
    public String toString() {
      return "Budget[ratio=" + ratio + ", minPerSecond=" + minPerSecond + "]";
    }
  }

  private final String name;
  private final int maxAttempts;
  private final Duration fixedDelay;
  private final double percentile;
  private final Duration floor;
  private final int latencyWindow;
  private final Budget budget;
  private final ManualTicker ticker;
  private final Executor executor;

  private HedgeSpec(Builder b) {
    this.name = b.name;
    this.maxAttempts = b.maxAttempts;
    this.fixedDelay = b.fixedDelay;
    this.percentile = b.percentile;
    this.floor = b.floor;
    this.latencyWindow = b.latencyWindow;
    this.budget = b.budget;
    this.ticker = b.ticker;
    this.executor = b.executor;
  }

  /** Returns a name for the hedge. */
  public String name() {
    return name;
  }

  /** Returns the most attempts per call, the first included (1 to 5 in the kit's specs). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns whether the delay is a percentile of observed latency; else it is {@link #fixedDelay()}. */
  public boolean percentileDelay() {
    return fixedDelay == null;
  }

  /** Returns the fixed delay, or null for a percentile delay. */
  public Duration fixedDelay() {
    return fixedDelay;
  }

  /** Returns the percentile of a percentile delay, in (0, 100), or NaN for a fixed delay. */
  public double percentile() {
    return percentile;
  }

  /** Returns the floor of a percentile delay (also the delay before any latency is known), or null for a fixed delay. */
  public Duration floor() {
    return floor;
  }

  /** Returns how many of the most recent calls' latencies a percentile delay is computed from. */
  public int latencyWindow() {
    return latencyWindow;
  }

  /**
   * Returns the budget to apply, or null when the kit is not checking the budget: then every hedge
   * due must be allowed (map it to a budget that never binds in these rules, or to none).
   */
  public Budget budget() {
    return budget;
  }

  /** Returns the clock to read time from and the scheduler to arm every timer on; the kit advances it. */
  public ManualTicker ticker() {
    return ticker;
  }

  /** Returns the executor to run the attempts of a synchronous {@code call} on; the kit owns and shuts it down. */
  public Executor executor() {
    return executor;
  }

  @Override
  public String toString() {
    return "HedgeSpec[name=" + name + ", maxAttempts=" + maxAttempts + ", delay="
        + (percentileDelay() ? "p" + percentile + " of the last " + latencyWindow + " latencies, floor " + floor : fixedDelay)
        + ", budget=" + (budget == null ? "none" : budget) + "]";
  }

  static Builder builder(ManualTicker ticker, Executor executor) {
    return new Builder(ticker, executor);
  }

  /** The kit's way to describe a hedge. */
  static final class Builder {
    private String name = "tck-hedge";
    private int maxAttempts = 2;
    private Duration fixedDelay;
    private double percentile = Double.NaN;
    private Duration floor;
    private int latencyWindow = 100;
    private Budget budget;
    private final ManualTicker ticker;
    private final Executor executor;

    private Builder(ManualTicker ticker, Executor executor) {
      this.ticker = ticker;
      this.executor = executor;
    }

    Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    Builder fixedDelay(Duration delay) {
      this.fixedDelay = delay;
      this.percentile = Double.NaN;
      this.floor = null;
      return this;
    }

    Builder percentileDelay(double percentile, Duration floor, int latencyWindow) {
      this.fixedDelay = null;
      this.percentile = percentile;
      this.floor = floor;
      this.latencyWindow = latencyWindow;
      return this;
    }

    Builder budget(double ratio, int minPerSecond) {
      this.budget = new Budget(ratio, minPerSecond);
      return this;
    }

    HedgeSpec build() {
      return new HedgeSpec(this);
    }
  }
}
