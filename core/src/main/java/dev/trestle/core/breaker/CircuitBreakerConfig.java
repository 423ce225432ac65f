package dev.trestle.core.breaker;

import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The immutable settings of a {@link CircuitBreaker}, made by {@link #builder()}; each setter
 * validates its argument at once and names it in the exception.
 *
 * <h2>What counts as a failure (one rule, in this order)</h2>
 *
 * <ol>
 *   <li>An exception that is an instance of an {@code ignoreExceptions} class is <em>ignored</em>:
 *       neither success nor failure, and its permission is released. Ignoring wins over recording,
 *       whatever the class hierarchy.
 *   <li>Otherwise an exception is a failure when {@code recordExceptions} is empty (the default)
 *       or it is an instance of one of its classes; any other exception counts as a success.
 *   <li>A returned result is a failure when {@code recordResult} matches it, else a success.
 *   <li>A success or failure that took at least {@code slowCallDuration} is also a slow call.
 * </ol>
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>failureRateThreshold</td><td>50</td><td>percent of failures, in (0, 100], at which the breaker opens</td></tr>
 *   <tr><td>slowCallRateThreshold</td><td>100</td><td>percent of slow calls, in (0, 100], at which it opens</td></tr>
 *   <tr><td>slowCallDuration</td><td>60 s</td><td>a call at least this long is slow</td></tr>
 *   <tr><td>slidingWindow</td><td>COUNT_BASED, 100</td><td>the last N calls, or the calls of the last N seconds</td></tr>
 *   <tr><td>minimumNumberOfCalls</td><td>100</td><td>no decision before the window holds this many calls</td></tr>
 *   <tr><td>waitInOpen</td><td>60 s</td><td>how long OPEN rejects calls before trial calls</td></tr>
 *   <tr><td>waitMultiplier / maxWaitInOpen</td><td>1 / waitInOpen</td><td>each reopening from HALF_OPEN multiplies the wait, up to the maximum; closing resets it</td></tr>
 *   <tr><td>permittedCallsInHalfOpen</td><td>10</td><td>exactly this many trial calls are let through</td></tr>
 *   <tr><td>maxWaitInHalfOpen</td><td>0 (unbounded)</td><td>after this long in HALF_OPEN without a verdict, the breaker opens again</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>the only clock the breaker reads</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class CircuitBreakerConfig {

  /** How the breaker's window of recent calls is measured. */
  public enum WindowType {
    /** The last N recorded calls. */
    COUNT_BASED,
    /** The calls recorded in the last N seconds, in one-second buckets. */
    TIME_BASED
  }

  /** The most seconds a time-based window may span. */
  public static final int MAX_TIME_WINDOW_SECONDS = 3600;
  /** The most calls a count-based window may hold. */
  public static final int MAX_COUNT_WINDOW = 1 << 20;

  final String name;
  final float failureRateThreshold;
  final float slowCallRateThreshold;
  final long slowCallNanos;
  final WindowType windowType;
  final int windowSize;
  final int minimumNumberOfCalls;
  final long waitInOpenNanos;
  final double waitMultiplier;
  final long maxWaitInOpenNanos;
  final int permittedCallsInHalfOpen;
  final long maxWaitInHalfOpenNanos;
  final List<Class<? extends Throwable>> recordExceptions;
  final List<Class<? extends Throwable>> ignoreExceptions;
  static final Predicate<Object> NO_RESULT_IS_A_FAILURE = result -> false;

  final Predicate<Object> recordResult;
  final Ticker ticker;
  final List<CircuitBreakerListener> listeners;

  private CircuitBreakerConfig(Builder b) {
    this.name = b.name;
    this.failureRateThreshold = b.failureRateThreshold;
    this.slowCallRateThreshold = b.slowCallRateThreshold;
    this.slowCallNanos = Durations.saturatedNanos(b.slowCallDuration);
    this.windowType = b.windowType;
    this.windowSize = b.windowSize;
    this.minimumNumberOfCalls = b.minimumNumberOfCalls;
    this.waitInOpenNanos = Durations.saturatedNanos(b.waitInOpen);
    this.waitMultiplier = b.waitMultiplier;
    this.maxWaitInOpenNanos = b.maxWaitInOpen == null ? waitInOpenNanos : Durations.saturatedNanos(b.maxWaitInOpen);
    this.permittedCallsInHalfOpen = b.permittedCallsInHalfOpen;
    this.maxWaitInHalfOpenNanos = Durations.saturatedNanos(b.maxWaitInHalfOpen);
    this.recordExceptions = List.copyOf(b.recordExceptions);
    this.ignoreExceptions = List.copyOf(b.ignoreExceptions);
    this.recordResult = b.recordResult;
    this.ticker = b.ticker;
    this.listeners = List.copyOf(b.listeners);
  }


  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the breaker's name, used in exceptions and events. */
  public String name() {
    return name;
  }

  /** Returns the failure-rate threshold in percent. */
  public float failureRateThreshold() {
    return failureRateThreshold;
  }

  /** Returns the slow-call-rate threshold in percent. */
  public float slowCallRateThreshold() {
    return slowCallRateThreshold;
  }

  /** Returns the duration from which a call is slow. */
  public Duration slowCallDuration() {
    return Duration.ofNanos(slowCallNanos);
  }

  /** Returns the window type. */
  public WindowType windowType() {
    return windowType;
  }

  /** Returns the window size: calls for COUNT_BASED, seconds for TIME_BASED. */
  public int windowSize() {
    return windowSize;
  }

  /** Returns the minimum number of calls in the window before the breaker decides anything. */
  public int minimumNumberOfCalls() {
    return minimumNumberOfCalls;
  }

  /** Returns the first wait in OPEN. */
  public Duration waitInOpen() {
    return Duration.ofNanos(waitInOpenNanos);
  }

  /** Returns the number of trial calls in HALF_OPEN. */
  public int permittedCallsInHalfOpen() {
    return permittedCallsInHalfOpen;
  }

  /** Returns the factor each reopening from HALF_OPEN multiplies the wait in OPEN by (1: no backoff). */
  public double waitMultiplier() {
    return waitMultiplier;
  }

  /** Returns the longest wait in OPEN the backoff may reach. */
  public Duration maxWaitInOpen() {
    return Duration.ofNanos(maxWaitInOpenNanos);
  }

  /** Returns how long HALF_OPEN may wait for its verdict before opening again; zero for unbounded. */
  public Duration maxWaitInHalfOpen() {
    return Duration.ofNanos(maxWaitInHalfOpenNanos);
  }

  /** Returns the exception classes recorded as failures; empty means every exception not ignored. */
  public List<Class<? extends Throwable>> recordExceptions() {
    return recordExceptions;
  }

  /** Returns the exception classes that are neither success nor failure. */
  public List<Class<? extends Throwable>> ignoreExceptions() {
    return ignoreExceptions;
  }

  /** Returns the predicate that makes a returned result a failure. */
  public Predicate<Object> recordResult() {
    return recordResult;
  }

  /** Returns the listeners, in the order they were added. */
  public List<CircuitBreakerListener> listeners() {
    return listeners;
  }

  /** Returns the ticker. */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Returns whether {@code error} counts as a failure (true), a success (false), or is ignored
   * (empty), by the rule in the class description.
   */
  public java.util.Optional<Boolean> isFailure(Throwable error) {
    int kind = classify(error);
    return kind == 0 ? java.util.Optional.empty() : java.util.Optional.of(kind == 2);
  }

  /** Classifies an exception by the rule in the class description: 0 ignored, 1 success, 2 failure. */
  int classify(Throwable error) {
    for (Class<? extends Throwable> ignored : ignoreExceptions) {
      if (ignored.isInstance(error)) {
        return 0;
      }
    }
    if (recordExceptions.isEmpty()) {
      return 2;
    }
    for (Class<? extends Throwable> recorded : recordExceptions) {
      if (recorded.isInstance(error)) {
        return 2;
      }
    }
    return 1;
  }

  @Override
  public String toString() {
    return "CircuitBreakerConfig[name=" + name + ", failureRateThreshold=" + failureRateThreshold
        + ", slowCallRateThreshold=" + slowCallRateThreshold + ", slowCallDuration=" + slowCallDuration()
        + ", window=" + windowType + " " + windowSize + ", minimumNumberOfCalls=" + minimumNumberOfCalls
        + ", waitInOpen=" + waitInOpen() + ", permittedCallsInHalfOpen=" + permittedCallsInHalfOpen + "]";
  }

  /** Builds a {@link CircuitBreakerConfig}. Not thread-safe. */
  public static final class Builder {
    private String name = "default";
    private float failureRateThreshold = 50;
    private float slowCallRateThreshold = 100;
    private Duration slowCallDuration = Duration.ofSeconds(60);
    private WindowType windowType = WindowType.COUNT_BASED;
    private int windowSize = 100;
    private int minimumNumberOfCalls = 100;
    private Duration waitInOpen = Duration.ofSeconds(60);
    private double waitMultiplier = 1;
    private Duration maxWaitInOpen;
    private int permittedCallsInHalfOpen = 10;
    private Duration maxWaitInHalfOpen = Duration.ZERO;
    private final List<Class<? extends Throwable>> recordExceptions = new ArrayList<>();
    private final List<Class<? extends Throwable>> ignoreExceptions = new ArrayList<>();
    private Predicate<Object> recordResult = NO_RESULT_IS_A_FAILURE;
    private Ticker ticker = Ticker.system();
    private final List<CircuitBreakerListener> listeners = new ArrayList<>();

    private Builder() {}



    private static float percent(float value, String name) {
      if (!(value > 0 && value <= 100)) {
        throw new IllegalArgumentException(name + " must be a percentage in (0, 100], was " + value);
      }
      return value;
    }

    /** Sets the name used in exceptions and events. */
    public Builder name(String name) {
      this.name = Arguments.requireNonBlank(name, "name");
      return this;
    }

    /** Sets the failure rate, in percent (0, 100], at which the breaker opens. */
    public Builder failureRateThreshold(float percent) {
      this.failureRateThreshold = percent(percent, "failureRateThreshold");
      return this;
    }

    /** Sets the slow-call rate, in percent (0, 100], at which the breaker opens. */
    public Builder slowCallRateThreshold(float percent) {
      this.slowCallRateThreshold = percent(percent, "slowCallRateThreshold");
      return this;
    }

    /** Sets the duration from which a call is slow. */
    public Builder slowCallDuration(Duration duration) {
      this.slowCallDuration = Durations.requirePositive(duration, "slowCallDuration");
      return this;
    }

    /**
     * Sets the window: the last {@code size} calls (COUNT_BASED, at most {@value #MAX_COUNT_WINDOW})
     * or the calls of the last {@code size} seconds (TIME_BASED, at most
     * {@value #MAX_TIME_WINDOW_SECONDS}).
     */
    public Builder slidingWindow(WindowType type, int size) {
      Arguments.requireNonNull(type, "slidingWindow type");
      int max = type == WindowType.COUNT_BASED ? MAX_COUNT_WINDOW : MAX_TIME_WINDOW_SECONDS;
      if (size < 1 || size > max) {
        throw new IllegalArgumentException("slidingWindow size must be between 1 and " + max + " for " + type + ", was " + size);
      }
      this.windowType = type;
      this.windowSize = size;
      return this;
    }

    /** Sets how many calls the window must hold before the breaker decides anything (at least 1). */
    public Builder minimumNumberOfCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("minimumNumberOfCalls must be at least 1, was " + calls);
      }
      this.minimumNumberOfCalls = calls;
      return this;
    }

    /** Sets how long OPEN rejects calls before letting trial calls through. */
    public Builder waitInOpen(Duration wait) {
      this.waitInOpen = Durations.requirePositive(wait, "waitInOpen");
      return this;
    }

    /**
     * Makes each reopening from HALF_OPEN wait {@code multiplier} times longer than the last, up to
     * {@code max}; closing resets the wait to {@code waitInOpen}.
     */
    public Builder waitBackoff(double multiplier, Duration max) {
      if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("waitBackoff multiplier must be a finite number of at least 1, was " + multiplier);
      }
      this.waitMultiplier = multiplier;
      this.maxWaitInOpen = Durations.requirePositive(max, "waitBackoff max");
      return this;
    }

    /** Sets the number of trial calls in HALF_OPEN (at least 1). */
    public Builder permittedCallsInHalfOpen(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("permittedCallsInHalfOpen must be at least 1, was " + calls);
      }
      this.permittedCallsInHalfOpen = calls;
      return this;
    }

    /** Sets the longest HALF_OPEN may wait for its verdict before opening again; zero waits forever. */
    public Builder maxWaitInHalfOpen(Duration wait) {
      this.maxWaitInHalfOpen = Durations.requireNonNegative(wait, "maxWaitInHalfOpen");
      return this;
    }

    /** Counts only exceptions of these classes (and subclasses) as failures; see the class rule. */
    @SafeVarargs
    public final Builder recordExceptions(Class<? extends Throwable>... classes) {
      for (Class<? extends Throwable> type : Arguments.requireNonNull(classes, "recordExceptions")) {
        recordExceptions.add(Arguments.requireNonNull(type, "a recordExceptions class"));
      }
      return this;
    }

    /** Ignores exceptions of these classes (and subclasses); ignoring wins over recording. */
    @SafeVarargs
    public final Builder ignoreExceptions(Class<? extends Throwable>... classes) {
      for (Class<? extends Throwable> type : Arguments.requireNonNull(classes, "ignoreExceptions")) {
        ignoreExceptions.add(Arguments.requireNonNull(type, "an ignoreExceptions class"));
      }
      return this;
    }

    /** Counts a returned result as a failure when {@code predicate} matches it. */
    public Builder recordResult(Predicate<Object> predicate) {
      this.recordResult = Arguments.requireNonNull(predicate, "recordResult");
      return this;
    }

    /** Sets the only clock the breaker reads. */
    public Builder ticker(Ticker ticker) {
      this.ticker = Arguments.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Adds a listener for transitions and rejections. */
    public Builder listener(CircuitBreakerListener listener) {
      listeners.add(Arguments.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Returns the config.
     *
     * @throws IllegalArgumentException if a count-based window is smaller than
     *     minimumNumberOfCalls (the breaker could never decide), or waitBackoff's max is below
     *     waitInOpen
     */
    public CircuitBreakerConfig build() {
      if (windowType == WindowType.COUNT_BASED && minimumNumberOfCalls > windowSize) {
        throw new IllegalArgumentException("minimumNumberOfCalls (" + minimumNumberOfCalls
            + ") must not exceed the count-based window size (" + windowSize + "): the breaker could never decide");
      }
      if (maxWaitInOpen != null && maxWaitInOpen.compareTo(waitInOpen) < 0) {
        throw new IllegalArgumentException("waitBackoff max (" + maxWaitInOpen + ") must be at least waitInOpen (" + waitInOpen + ")");
      }
      return new CircuitBreakerConfig(this);
    }
  }
}
