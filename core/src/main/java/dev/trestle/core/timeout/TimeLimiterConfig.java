package dev.trestle.core.timeout;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.Schedulers;
import dev.trestle.core.internal.SharedWorkers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The immutable configuration of a {@link TimeLimiter}, built by a validating {@link Builder}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code timeout}</td><td>required</td><td>the longest a call may take; positive</td></tr>
 *   <tr><td>{@code interruptOnTimeout}</td><td>{@value #DEFAULT_INTERRUPT_ON_TIMEOUT}</td>
 *       <td>interrupt a task still running at its limit</td></tr>
 *   <tr><td>{@code ticker}</td><td>{@link Ticker#system()}</td><td>measures the limit</td></tr>
 *   <tr><td>{@code scheduler}</td><td>the ticker if it is a {@link Scheduler}, else
 *       {@link Scheduler#system()}</td><td>fires the timeouts of asynchronous calls, and of
 *       synchronous calls on a ticker other than the system one (on the system ticker the caller's
 *       own timed wait is the timer)</td></tr>
 *   <tr><td>{@code executor}</td><td>a shared cached pool of daemon threads named
 *       {@code trestle-time-limiter-N}</td><td>runs the tasks of {@link TimeLimiter#call}</td></tr>
 *   <tr><td>{@code listeners}</td><td>none</td><td>told how each call ended: success, error or
 *       timeout ({@link TimeLimiterListener})</td></tr>
 * </table>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TimeLimiterConfig {

  /** Whether a task still running at its limit is interrupted unless configured otherwise. */
  public static final boolean DEFAULT_INTERRUPT_ON_TIMEOUT = true;

  private final Duration timeout;
  private final long timeoutNanos;
  private final boolean interruptOnTimeout;
  private final Ticker ticker;
  private final Scheduler scheduler;
  private final Executor executor;
  private final List<TimeLimiterListener> listeners;

  private TimeLimiterConfig(Builder builder) {
    this.timeout = builder.timeout;
    this.timeoutNanos = Durations.positiveNanos(builder.timeout, "timeout");
    this.interruptOnTimeout = builder.interruptOnTimeout;
    this.ticker = builder.ticker;
    this.scheduler = Schedulers.resolve(builder.scheduler, builder.ticker);
    this.executor = builder.executor != null ? builder.executor : SharedWorkers.executor();
    this.listeners = List.copyOf(builder.listeners);
  }

  /** Returns a builder with every setting at its default and no timeout yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the longest a call may take. */
  public Duration timeout() {
    return timeout;
  }

  long timeoutNanos() {
    return timeoutNanos;
  }

  /** Returns whether a task still running at its limit is interrupted. */
  public boolean interruptOnTimeout() {
    return interruptOnTimeout;
  }

  /** Returns the ticker that measures the limit. */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns the scheduler that fires the timeouts. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Returns the executor that runs synchronous tasks. */
  public Executor executor() {
    return executor;
  }

  /** Returns the listeners, in the order they were added; unmodifiable. */
  public List<TimeLimiterListener> listeners() {
    return listeners;
  }

  @Override
  public String toString() {
    return "TimeLimiterConfig[timeout=" + timeout + ", interruptOnTimeout=" + interruptOnTimeout
        + ", ticker=" + ticker + ", scheduler=" + scheduler + "]";
  }

  /** Builds a {@link TimeLimiterConfig}; each setter validates its argument at once. Not thread-safe. */
  public static final class Builder {

    private Duration timeout;
    private boolean interruptOnTimeout = DEFAULT_INTERRUPT_ON_TIMEOUT;
    private Ticker ticker = Ticker.system();
    private Scheduler scheduler;
    private Executor executor;
    private final List<TimeLimiterListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the longest a call may take.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      Durations.positiveNanos(timeout, "timeout");
      this.timeout = timeout;
      return this;
    }

    /** Sets whether a task still running at its limit is interrupted. */
    public Builder interruptOnTimeout(boolean interruptOnTimeout) {
      this.interruptOnTimeout = interruptOnTimeout;
      return this;
    }

    /**
     * Sets the ticker that measures the limit. A ticker that is also a {@link Scheduler} (such as
     * {@link dev.trestle.core.ManualTicker}) fires the timeouts too, unless a scheduler is set.
     *
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      Arguments.requireNonNull(ticker, "ticker");
      this.ticker = ticker;
      return this;
    }

    /**
     * Sets the scheduler that fires the timeouts.
     *
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(Scheduler scheduler) {
      Arguments.requireNonNull(scheduler, "scheduler");
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Sets the executor that runs the tasks of {@link TimeLimiter#call}. The caller keeps
     * ownership: the limiter never shuts it down.
     *
     * @throws NullPointerException if {@code executor} is null
     * @throws IllegalArgumentException if {@code executor} is an {@link ExecutorService} that has
     *     been shut down
     */
    public Builder executor(Executor executor) {
      this.executor = Arguments.requireLiveExecutor(executor, "task");
      return this;
    }

    /**
     * Adds a listener, told how each call ended; listeners are told in the order they were added.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(TimeLimiterListener listener) {
      listeners.add(Arguments.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalStateException if no timeout was set
     */
    public TimeLimiterConfig build() {
      if (timeout == null) {
        throw new IllegalStateException("timeout must be set: call timeout(Duration) before build()");
      }
      return new TimeLimiterConfig(this);
    }
  }
}
