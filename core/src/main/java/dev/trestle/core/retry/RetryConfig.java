package dev.trestle.core.retry;

import dev.trestle.core.Deadline;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The immutable configuration of a {@link Retry}, built by a validating {@link Builder}: each
 * setter rejects a bad value at once, naming the setting, the value and what is allowed.
 *
 * <h2>What is retried (one rule, in this order, the circuit breaker's)</h2>
 *
 * <ol>
 *   <li>An exception that is an instance of an {@code ignoreExceptions} class is <em>not
 *       retried</em>: it is thrown at once, unchanged. Ignoring wins over the retry list, whatever
 *       the class hierarchy. An {@link InterruptedException} is never retried either.
 *   <li>Otherwise an exception is retried when it is an instance of a {@code retryExceptions}
 *       class, or, when that list is empty (the default), when it is an {@link Exception} (an
 *       {@link Error} is retried only if listed).
 *   <li>A returned result is retried when {@code retryOnResult} matches it (by default none is).
 * </ol>
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>"default"</td><td>names the retry in events and messages</td></tr>
 *   <tr><td>maxAttempts</td><td>{@value #DEFAULT_MAX_ATTEMPTS}</td><td>attempts per call, the first
 *       included; at least 1</td></tr>
 *   <tr><td>backoff</td><td>full jitter, base 100 ms, cap 10 s</td><td>the waits between
 *       attempts ({@link Backoff})</td></tr>
 *   <tr><td>retryExceptions / ignoreExceptions / retryOnResult</td><td>all Exceptions / none /
 *       none</td><td>the rule above</td></tr>
 *   <tr><td>maxDuration</td><td>none</td><td>the longest a call may take; with the caller's
 *       {@link Deadline#current()} the earlier of the two ends the call</td></tr>
 *   <tr><td>budget</td><td>none</td><td>a {@link RetryBudget} every retry must be granted by</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>measures maxDuration</td></tr>
 *   <tr><td>scheduler</td><td>the ticker if it is a {@link Scheduler}, else {@link Scheduler#system()}</td>
 *       <td>wakes a waiting call; starts the next attempt of {@code callAsync}</td></tr>
 *   <tr><td>random</td><td>{@link ThreadLocalRandom}</td><td>the jitter's randomness; must be
 *       thread-safe if the retry is shared ({@link java.util.Random} is, {@link
 *       java.util.SplittableRandom} is not)</td></tr>
 *   <tr><td>listener</td><td>none</td><td>told of retries, successes and give-ups</td></tr>
 * </table>
 *
 * <p>Instances are immutable and thread-safe (the random generator and listeners are as safe as
 * the ones given).
 */
public final class RetryConfig {

  /** The attempts per call unless configured otherwise: the first and two retries. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** The backoff unless configured otherwise. */
  public static final Backoff DEFAULT_BACKOFF = Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(10));

  private static final RandomGenerator THREAD_LOCAL = new RandomGenerator() {
    @Override
    public long nextLong() {
      return ThreadLocalRandom.current().nextLong();
    }

    @Override
    public long nextLong(long origin, long bound) {
      return ThreadLocalRandom.current().nextLong(origin, bound);
    }

    @Override
    public String toString() {
      return "ThreadLocalRandom";
    }
  };

  private final String name;
  private final int maxAttempts;
  private final Backoff backoff;
  private final List<Class<? extends Throwable>> retryExceptions;
  private final List<Class<? extends Throwable>> ignoreExceptions;
  private final Predicate<Object> retryOnResult;
  private final Duration maxDuration;
  private final RetryBudget budget;
  private final Ticker ticker;
  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final List<RetryListener> listeners;

  private RetryConfig(Builder b) {
    this.name = b.name;
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.retryExceptions = List.copyOf(b.retryExceptions);
    this.ignoreExceptions = List.copyOf(b.ignoreExceptions);
    this.retryOnResult = b.retryOnResult;
    this.maxDuration = b.maxDuration;
    this.budget = b.budget;
    this.ticker = b.ticker;
    this.scheduler = Schedulers.resolve(b.scheduler, b.ticker);
    this.random = b.random;
    this.listeners = List.copyOf(b.listeners);
  }

  /** Returns a builder with every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the configuration with every setting at its default. */
  public static RetryConfig ofDefaults() {
    return builder().build();
  }

  /** Returns the name used in events and messages. */
  public String name() {
    return name;
  }

  /** Returns the attempts per call, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns the backoff policy. */
  public Backoff backoff() {
    return backoff;
  }

  /** Returns the classes retried (empty: every Exception). */
  public List<Class<? extends Throwable>> retryExceptions() {
    return retryExceptions;
  }

  /** Returns the classes never retried; they win over {@link #retryExceptions()}. */
  public List<Class<? extends Throwable>> ignoreExceptions() {
    return ignoreExceptions;
  }

  /** Returns the predicate that selects results to retry. */
  public Predicate<Object> retryOnResult() {
    return retryOnResult;
  }

  /** Returns the longest a call may take, or null if only the caller's deadline limits it. */
  public Duration maxDuration() {
    return maxDuration;
  }

  /** Returns the retry budget, or null if retries are limited by maxAttempts only. */
  public RetryBudget budget() {
    return budget;
  }

  /** Returns the ticker that measures maxDuration. */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns the scheduler that ends the waits between attempts. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Returns the jitter's source of randomness. */
  public RandomGenerator random() {
    return random;
  }

  List<RetryListener> listeners() {
    return listeners;
  }

  /**
   * Returns whether a call that failed with {@code failure} is retried, by the rule in the class
   * description (an {@link InterruptedException} never is).
   */
  public boolean isRetryable(Throwable failure) {
    if (failure instanceof InterruptedException) {
      return false;
    }
    for (Class<? extends Throwable> ignored : ignoreExceptions) {
      if (ignored.isInstance(failure)) {
        return false;
      }
    }
    if (retryExceptions.isEmpty()) {
      return failure instanceof Exception;
    }
    for (Class<? extends Throwable> retried : retryExceptions) {
      if (retried.isInstance(failure)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "RetryConfig[name=" + name + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff
        + ", retryExceptions=" + retryExceptions + ", ignoreExceptions=" + ignoreExceptions
        + ", maxDuration=" + maxDuration + ", budget=" + budget + ", ticker=" + ticker + "]";
  }

  /** Builds a {@link RetryConfig}; each setter validates its argument at once. Not thread-safe. */
  public static final class Builder {

    private String name = "default";
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Backoff backoff = DEFAULT_BACKOFF;
    private final List<Class<? extends Throwable>> retryExceptions = new ArrayList<>();
    private final List<Class<? extends Throwable>> ignoreExceptions = new ArrayList<>();
    private Predicate<Object> retryOnResult = result -> false;
    private Duration maxDuration;
    private RetryBudget budget;
    private Ticker ticker = Ticker.system();
    private Scheduler scheduler;
    private RandomGenerator random = THREAD_LOCAL;
    private final List<RetryListener> listeners = new ArrayList<>();

    private Builder() {}


    /**
     * Sets the name used in events and messages.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      this.name = Arguments.requireNonBlank(name, "name");
      return this;
    }

    /**
     * Sets the attempts per call, counting the first: 1 never retries.
     *
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts must be at least 1 (it counts the first attempt), was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the waits between attempts.
     *
     * @throws NullPointerException if {@code backoff} is null
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = Arguments.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Retries only exceptions of these classes (and subclasses); see the class rule. Adds to the
     * classes given before.
     *
     * @throws NullPointerException if the array or a class is null
     */
    @SafeVarargs
    public final Builder retryExceptions(Class<? extends Throwable>... classes) {
      for (Class<? extends Throwable> type : Arguments.requireNonNull(classes, "retryExceptions")) {
        retryExceptions.add(Arguments.requireNonNull(type, "a retryExceptions class"));
      }
      return this;
    }

    /**
     * Never retries exceptions of these classes (and subclasses); this wins over retryExceptions.
     * Adds to the classes given before.
     *
     * @throws NullPointerException if the array or a class is null
     */
    @SafeVarargs
    public final Builder ignoreExceptions(Class<? extends Throwable>... classes) {
      for (Class<? extends Throwable> type : Arguments.requireNonNull(classes, "ignoreExceptions")) {
        ignoreExceptions.add(Arguments.requireNonNull(type, "an ignoreExceptions class"));
      }
      return this;
    }

    /**
     * Retries a call whose result matches {@code predicate}; when attempts run out the last
     * result is returned.
     *
     * @throws NullPointerException if {@code predicate} is null
     */
    public Builder retryOnResult(Predicate<Object> predicate) {
      this.retryOnResult = Arguments.requireNonNull(predicate, "retryOnResult");
      return this;
    }

    /**
     * Limits each call to {@code maxDuration} from its start on the ticker, in addition to the
     * caller's deadline.
     *
     * @throws NullPointerException if {@code maxDuration} is null
     * @throws IllegalArgumentException if {@code maxDuration} is zero or negative
     */
    public Builder maxDuration(Duration maxDuration) {
      Durations.positiveNanos(maxDuration, "maxDuration");
      this.maxDuration = maxDuration;
      return this;
    }

    /**
     * Makes every retry ask {@code budget} first; a budget may be shared between retries.
     *
     * @throws NullPointerException if {@code budget} is null
     */
    public Builder budget(RetryBudget budget) {
      this.budget = Arguments.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * Sets the ticker that measures maxDuration. A ticker that is also a {@link Scheduler} (such
     * as {@link dev.trestle.core.ManualTicker}) ends the waits too, unless a scheduler is set.
     *
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Arguments.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the scheduler that ends the waits between attempts.
     *
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Arguments.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Sets the jitter's source of randomness; a seeded one makes delays reproducible.
     *
     * @throws NullPointerException if {@code random} is null
     */
    public Builder random(RandomGenerator random) {
      this.random = Arguments.requireNonNull(random, "random");
      return this;
    }

    /**
     * Adds a listener.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(RetryListener listener) {
      listeners.add(Arguments.requireNonNull(listener, "listener"));
      return this;
    }

    /** Returns the configuration. */
    public RetryConfig build() {
      return new RetryConfig(this);
    }
  }
}
