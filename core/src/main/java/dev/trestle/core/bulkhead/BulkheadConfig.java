package dev.trestle.core.bulkhead;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The immutable settings of a {@link Bulkhead}, made by {@link #builder()}; each setter validates
 * its argument at once and names it in the exception.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>{@value #DEFAULT_NAME}</td><td>names the bulkhead in exceptions and events</td></tr>
 *   <tr><td>maxConcurrentCalls</td><td>{@value #DEFAULT_MAX_CONCURRENT_CALLS}</td><td>permits: calls allowed in flight at once; at least 1</td></tr>
 *   <tr><td>maxWait</td><td>0</td><td>how long a call may wait for a permit; 0 refuses at once when all are in use</td></tr>
 *   <tr><td>fair</td><td>{@value #DEFAULT_FAIR}</td><td>true: a freed permit goes to the longest waiter (FIFO); false: to the newest (LIFO)</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>measures waits</td></tr>
 *   <tr><td>scheduler</td><td>the ticker if it is a {@link Scheduler}, else {@link Scheduler#system()}</td>
 *       <td>ends the waits of asynchronous calls, and of synchronous calls on a ticker other than the
 *       system one (on the system ticker a waiting thread's own timed park is the timer)</td></tr>
 *   <tr><td>listeners</td><td>none</td><td>told of permitted, rejected and finished calls</td></tr>
 * </table>
 *
 * <p>Neither order lets a new call overtake a waiting one: a freed permit is handed to a waiter
 * directly, never put back for whoever asks first. LIFO serves the callers most likely to still be
 * waiting for an answer when the bulkhead is overloaded (the "adaptive LIFO" of Facebook's
 * <i>Fail at Scale</i>), at the price of starving the oldest waiters until their wait ends.
 *
 * <p>Immutable and thread-safe.
 */
public final class BulkheadConfig {

  /** The name unless one is set. */
  public static final String DEFAULT_NAME = "bulkhead";
  /** The limit unless one is set. */
  public static final int DEFAULT_MAX_CONCURRENT_CALLS = 25;
  /** Whether waiters are served first come, first served unless configured otherwise. */
  public static final boolean DEFAULT_FAIR = true;

  final String name;
  final int maxConcurrentCalls;
  final Duration maxWait;
  final long maxWaitNanos;
  final boolean fair;
  final Ticker ticker;
  final Scheduler scheduler;
  final List<BulkheadListener> listeners;

  private BulkheadConfig(Builder b) {
    this.name = b.name;
    this.maxConcurrentCalls = b.maxConcurrentCalls;
    this.maxWait = b.maxWait;
    this.maxWaitNanos = Durations.saturatedNanos(b.maxWait);
    this.fair = b.fair;
    this.ticker = b.ticker;
    this.scheduler = Schedulers.resolve(b.scheduler, b.ticker);
    this.listeners = List.copyOf(b.listeners);
  }


  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the bulkhead's name. */
  public String name() {
    return name;
  }

  /** Returns the limit on concurrent calls. */
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  /** Returns how long a call may wait for a permit; zero means it does not wait. */
  public Duration maxWait() {
    return maxWait;
  }

  /** Returns whether a freed permit goes to the longest waiter (true) or the newest (false). */
  public boolean fair() {
    return fair;
  }

  /** Returns the ticker that measures waits. */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns the scheduler that ends waits. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Returns the listeners, in the order they were added. */
  public List<BulkheadListener> listeners() {
    return listeners;
  }

  @Override
  public String toString() {
    return "BulkheadConfig[name=" + name + ", maxConcurrentCalls=" + maxConcurrentCalls + ", maxWait=" + maxWait
        + ", fair=" + fair + ", ticker=" + ticker + "]";
  }

  /** Builds a {@link BulkheadConfig}. Not thread-safe. */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;
    private Duration maxWait = Duration.ZERO;
    private boolean fair = DEFAULT_FAIR;
    private Ticker ticker = Ticker.system();
    private Scheduler scheduler;
    private final List<BulkheadListener> listeners = new ArrayList<>();

    private Builder() {}


    /**
     * Sets the name used in exceptions and events.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      this.name = Arguments.requireNonBlank(name, "name");
      return this;
    }

    /**
     * Sets how many calls may be in flight at once.
     *
     * @throws IllegalArgumentException if {@code calls} is below 1
     */
    public Builder maxConcurrentCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, was " + calls);
      }
      this.maxConcurrentCalls = calls;
      return this;
    }

    /**
     * Sets how long a call may wait for a permit; zero refuses a call at once when every permit is
     * in use. A wait too long to count in nanoseconds (about 292 years) is as good as forever.
     *
     * @throws NullPointerException if {@code wait} is null
     * @throws IllegalArgumentException if {@code wait} is negative
     */
    public Builder maxWait(Duration wait) {
      this.maxWait = Durations.requireNonNegative(wait, "maxWait");
      return this;
    }

    /** Sets whether a freed permit goes to the longest waiter (true, FIFO) or the newest (false, LIFO). */
    public Builder fair(boolean fair) {
      this.fair = fair;
      return this;
    }

    /**
     * Sets the ticker that measures waits. A ticker that is also a {@link Scheduler} (such as
     * {@link dev.trestle.core.ManualTicker}) ends the waits too, unless a scheduler is set.
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
     * Adds a listener.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(BulkheadListener listener) {
      listeners.add(Arguments.requireNonNull(listener, "listener"));
      return this;
    }

    /** Returns the config. */
    public BulkheadConfig build() {
      return new BulkheadConfig(this);
    }
  }
}
