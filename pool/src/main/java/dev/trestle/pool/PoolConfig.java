package dev.trestle.pool;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import dev.trestle.core.internal.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The immutable settings of an {@link ObjectPool}, made by {@link #builder()}; each setter
 * validates its argument at once and names it in the exception. A duration of zero switches a
 * limit off where the table says so.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>{@value #DEFAULT_NAME}</td><td>names the pool in exceptions, logs and thread names</td></tr>
 *   <tr><td>maxSize</td><td>{@value #DEFAULT_MAX_SIZE}</td><td>most objects alive at once, counting those being created; at least 1</td></tr>
 *   <tr><td>minIdle</td><td>0</td><td>objects kept alive even when idle (the pool refills to it); 0 to maxSize</td></tr>
 *   <tr><td>acquireTimeout</td><td>30 s</td><td>how long {@code acquire()} waits; 0 fails at once when nothing is idle</td></tr>
 *   <tr><td>maxLifetime</td><td>30 min</td><td>an idle object older than this is destroyed (never one in use); 0: no limit</td></tr>
 *   <tr><td>maxLifetimeJitter</td><td>maxLifetime / 40</td><td>each object's lifetime is shortened by a random amount up to this, so objects made together do not all retire together</td></tr>
 *   <tr><td>idleTimeout</td><td>10 min</td><td>an object idle longer than this is destroyed while more than minIdle are alive; 0: never</td></tr>
 *   <tr><td>validateAfterIdle</td><td>500 ms</td><td>an object idle longer than this is validated before it is lent; 0: always</td></tr>
 *   <tr><td>validationTimeout</td><td>5 s</td><td>passed to {@link Allocator#validate}, cut to what is left of the
 *       borrower's wait (but not below 25 ms) so that validating cannot hold an acquire past its timeout</td></tr>
 *   <tr><td>leakDetectionThreshold</td><td>0 (off)</td><td>a lease held longer than this is logged once, with the borrower's thread and stack, counted,
 *       and told to the listeners</td></tr>
 *   <tr><td>listeners</td><td>none</td><td>told of each lease held past leakDetectionThreshold, with the borrower's thread and stack</td></tr>
 *   <tr><td>creationTimeout</td><td>acquireTimeout, at least 1 s</td><td>a creation still running after this frees its slot
 *       (the pool starts another if it is needed); the object it makes if it ever finishes is destroyed, never lent.
 *       At most 2 x maxSize creations run at once, abandoned ones included, so a server that never answers cannot
 *       make the pool start threads without bound</td></tr>
 *   <tr><td>creationBackoff</td><td>100 ms up to 10 s</td><td>wait after a failed creation before the next, doubling per failure;
 *       until a creation succeeds again, one runs at a time</td></tr>
 *   <tr><td>fair</td><td>true</td><td>true: waiters are served in arrival order; false: a returning thread may overtake them (throughput over tail latency)</td></tr>
 *   <tr><td>failFast</td><td>false</td><td>true: {@code create} makes max(1, minIdle) objects and throws if it cannot; false: lazy start</td></tr>
 *   <tr><td>housekeepingPeriod</td><td>30 s</td><td>how often idle objects are checked for idleTimeout and maxLifetime, and minIdle refilled</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>measures waits, idle times and lifetimes</td></tr>
 *   <tr><td>scheduler</td><td>the ticker if it is a {@link Scheduler}, else {@link Scheduler#system()}</td><td>runs housekeeping, creation retries, leak checks and, on a ticker other than the system one, ends waits</td></tr>
 *   <tr><td>creator</td><td>the pool's own daemon threads</td><td>runs {@link Allocator#create()} and background destruction;
 *       it must be able to run 2 x maxSize tasks at once</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class PoolConfig {

  /** The name unless one is set. */
  public static final String DEFAULT_NAME = "pool";
  /** The least default creationTimeout: a creation is not abandoned sooner unless one is set. */
  public static final Duration MIN_DEFAULT_CREATION_TIMEOUT = Duration.ofSeconds(1);
  /** The size limit unless one is set. */
  public static final int DEFAULT_MAX_SIZE = 10;

  final String name;
  final int maxSize;
  final int minIdle;
  final Duration acquireTimeout;
  final long acquireTimeoutNanos;
  final long maxLifetimeNanos;
  final long maxLifetimeJitterNanos;
  final long idleTimeoutNanos;
  final long validateAfterIdleNanos;
  final Duration validationTimeout;
  final long validationTimeoutNanos;
  final long leakDetectionNanos;
  final Duration creationTimeout;
  final long creationTimeoutNanos;
  final long backoffInitialNanos;
  final long backoffMaxNanos;
  final boolean failFast;
  final boolean fair;
  final long housekeepingNanos;
  final Ticker ticker;
  final Scheduler scheduler;
  final Executor creator;
  final List<PoolListener> listeners;

  private PoolConfig(Builder b) {
    if (b.minIdle > b.maxSize) {
      throw new IllegalArgumentException("minIdle must not exceed maxSize, was minIdle=" + b.minIdle + " with maxSize=" + b.maxSize);
    }
    this.name = b.name;
    this.maxSize = b.maxSize;
    this.minIdle = b.minIdle;
    this.acquireTimeout = b.acquireTimeout;
    this.acquireTimeoutNanos = Durations.saturatedNanos(b.acquireTimeout);
    this.maxLifetimeNanos = Durations.saturatedNanos(b.maxLifetime);
    long jitter = b.maxLifetimeJitter != null ? Durations.saturatedNanos(b.maxLifetimeJitter) : maxLifetimeNanos / 40;
    if (maxLifetimeNanos > 0 && jitter >= maxLifetimeNanos) {
      throw new IllegalArgumentException("maxLifetimeJitter must be shorter than maxLifetime, was " + b.maxLifetimeJitter
          + " with maxLifetime=" + b.maxLifetime);
    }
    this.maxLifetimeJitterNanos = maxLifetimeNanos > 0 ? jitter : 0;
    this.idleTimeoutNanos = Durations.saturatedNanos(b.idleTimeout);
    this.validateAfterIdleNanos = Durations.saturatedNanos(b.validateAfterIdle);
    this.validationTimeout = b.validationTimeout;
    this.validationTimeoutNanos = Durations.saturatedNanos(b.validationTimeout);
    this.leakDetectionNanos = Durations.saturatedNanos(b.leakDetectionThreshold);
    this.creationTimeout = b.creationTimeout != null ? b.creationTimeout
        : (b.acquireTimeout.compareTo(MIN_DEFAULT_CREATION_TIMEOUT) < 0 ? MIN_DEFAULT_CREATION_TIMEOUT : b.acquireTimeout);
    this.creationTimeoutNanos = Durations.saturatedNanos(creationTimeout);
    this.backoffInitialNanos = Durations.saturatedNanos(b.backoffInitial);
    this.backoffMaxNanos = Math.max(backoffInitialNanos, Durations.saturatedNanos(b.backoffMax));
    this.failFast = b.failFast;
    this.fair = b.fair;
    this.housekeepingNanos = Durations.saturatedNanos(b.housekeepingPeriod);
    this.ticker = b.ticker;
    this.scheduler = Schedulers.resolve(b.scheduler, b.ticker);
    this.creator = b.creator;
    this.listeners = List.copyOf(b.listeners);
  }


  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the pool's name. */
  public String name() {
    return name;
  }

  /** Returns the most objects alive at once. */
  public int maxSize() {
    return maxSize;
  }

  /** Returns how many objects the pool keeps alive when idle. */
  public int minIdle() {
    return minIdle;
  }

  /** Returns how long {@code acquire()} waits. */
  public Duration acquireTimeout() {
    return acquireTimeout;
  }

  /**
   * Returns how long one creation may run before the pool frees its slot and destroys whatever it
   * makes later: the set value, else acquireTimeout but at least {@link #MIN_DEFAULT_CREATION_TIMEOUT}.
   */
  public Duration creationTimeout() {
    return creationTimeout;
  }

  /** Returns the maximum lifetime of an object; zero means no limit. */
  public Duration maxLifetime() {
    return Duration.ofNanos(maxLifetimeNanos);
  }

  /** Returns the idle timeout; zero means objects never time out while idle. */
  public Duration idleTimeout() {
    return Duration.ofNanos(idleTimeoutNanos);
  }

  /** Returns the leak detection threshold; zero means leak detection is off. */
  public Duration leakDetectionThreshold() {
    return Duration.ofNanos(leakDetectionNanos);
  }

  /** Returns the listeners, in the order they were added. */
  public List<PoolListener> listeners() {
    return listeners;
  }

  /** Returns whether waiters are served strictly in arrival order. */
  public boolean fair() {
    return fair;
  }

  /** Returns the ticker. */
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public String toString() {
    return "PoolConfig[name=" + name + ", maxSize=" + maxSize + ", minIdle=" + minIdle + ", acquireTimeout=" + acquireTimeout
        + ", creationTimeout=" + creationTimeout + ", maxLifetime=" + maxLifetime() + ", idleTimeout=" + idleTimeout() + ", failFast=" + failFast + "]";
  }

  /** Builds a {@link PoolConfig}. Not thread-safe. */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private int maxSize = DEFAULT_MAX_SIZE;
    private int minIdle;
    private Duration acquireTimeout = Duration.ofSeconds(30);
    private Duration maxLifetime = Duration.ofMinutes(30);
    private Duration maxLifetimeJitter;
    private Duration idleTimeout = Duration.ofMinutes(10);
    private Duration validateAfterIdle = Duration.ofMillis(500);
    private Duration validationTimeout = Duration.ofSeconds(5);
    private Duration leakDetectionThreshold = Duration.ZERO;
    private Duration creationTimeout;
    private Duration backoffInitial = Duration.ofMillis(100);
    private Duration backoffMax = Duration.ofSeconds(10);
    private boolean failFast;
    private boolean fair = true;
    private Duration housekeepingPeriod = Duration.ofSeconds(30);
    private Ticker ticker = Ticker.system();
    private Scheduler scheduler;
    private Executor creator;
    private final List<PoolListener> listeners = new ArrayList<>();

    private Builder() {}




    /**
     * Sets the name used in exceptions, logs and thread names.
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      this.name = Arguments.requireNonBlank(name, "name");
      return this;
    }

    /**
     * Sets the most objects alive at once, counting those being created.
     *
     * @throws IllegalArgumentException if {@code maxSize} is below 1
     */
    public Builder maxSize(int maxSize) {
      if (maxSize < 1) {
        throw new IllegalArgumentException("maxSize must be at least 1, was " + maxSize);
      }
      this.maxSize = maxSize;
      return this;
    }

    /**
     * Sets how many objects the pool keeps alive when idle; {@code build()} checks it against maxSize.
     *
     * @throws IllegalArgumentException if {@code minIdle} is negative
     */
    public Builder minIdle(int minIdle) {
      if (minIdle < 0) {
        throw new IllegalArgumentException("minIdle must be zero or positive, was " + minIdle);
      }
      this.minIdle = minIdle;
      return this;
    }

    /** Sets how long {@code acquire()} waits; zero fails at once when nothing is idle. */
    public Builder acquireTimeout(Duration timeout) {
      this.acquireTimeout = Durations.requireNonNegative(timeout, "acquireTimeout");
      return this;
    }

    /** Sets the maximum lifetime of an object; zero means no limit. */
    public Builder maxLifetime(Duration lifetime) {
      this.maxLifetime = Durations.requireNonNegative(lifetime, "maxLifetime");
      return this;
    }

    /** Sets the largest random amount an object's lifetime is shortened by; must be below maxLifetime. */
    public Builder maxLifetimeJitter(Duration jitter) {
      this.maxLifetimeJitter = Durations.requireNonNegative(jitter, "maxLifetimeJitter");
      return this;
    }

    /** Sets how long an object above minIdle may stay idle; zero means forever. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = Durations.requireNonNegative(timeout, "idleTimeout");
      return this;
    }

    /** Sets how long an object may idle before it is validated again when lent; zero validates every time. */
    public Builder validateAfterIdle(Duration idle) {
      this.validateAfterIdle = Durations.requireNonNegative(idle, "validateAfterIdle");
      return this;
    }

    /** Sets the timeout passed to {@link Allocator#validate}. */
    public Builder validationTimeout(Duration timeout) {
      this.validationTimeout = Durations.requirePositive(timeout, "validationTimeout");
      return this;
    }

    /** Sets how long a lease may be held before it is reported as a leak; zero switches detection off. */
    public Builder leakDetectionThreshold(Duration threshold) {
      this.leakDetectionThreshold = Durations.requireNonNegative(threshold, "leakDetectionThreshold");
      return this;
    }

    /**
     * Sets how long one call of {@link Allocator#create()} may run. Past it the creation frees its
     * slot, counts as a failed creation, and the pool starts another if a borrower needs one; the
     * object of a creation that finishes later is destroyed at once, never lent. Unless set, it is
     * acquireTimeout, but at least {@link #MIN_DEFAULT_CREATION_TIMEOUT}.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder creationTimeout(Duration timeout) {
      this.creationTimeout = Durations.requirePositive(timeout, "creationTimeout");
      return this;
    }

    /**
     * Sets the wait after a failed creation: {@code initial} after the first failure, doubling per
     * failure up to {@code max}, back to {@code initial} after a success.
     */
    public Builder creationBackoff(Duration initial, Duration max) {
      Durations.requirePositive(initial, "creationBackoff initial");
      Durations.requirePositive(max, "creationBackoff max");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("creationBackoff max must not be below initial, was max=" + max + " initial=" + initial);
      }
      this.backoffInitial = initial;
      this.backoffMax = max;
      return this;
    }

    /** Sets whether {@code create} makes max(1, minIdle) objects at once and fails if it cannot. */
    public Builder failFast(boolean failFast) {
      this.failFast = failFast;
      return this;
    }

    /**
     * Sets whether waiters are served strictly in arrival order (true, the default: a returned object
     * goes straight to the longest waiter) or a returning thread may take its object back at once
     * while others wait (false: more throughput when threads outnumber objects, as HikariCP does,
     * at the price of a longer wait tail).
     */
    public Builder fair(boolean fair) {
      this.fair = fair;
      return this;
    }

    /** Sets how often housekeeping runs. */
    public Builder housekeepingPeriod(Duration period) {
      this.housekeepingPeriod = Durations.requirePositive(period, "housekeepingPeriod");
      return this;
    }

    /** Sets the ticker; one that is also a {@link Scheduler} (a ManualTicker) is the scheduler too unless one is set. */
    public Builder ticker(Ticker ticker) {
      this.ticker = Arguments.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Sets the scheduler for housekeeping, creation retries, leak checks and wait timeouts. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Arguments.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Sets the executor that runs creations and background destruction. It must be able to run up
     * to 2 x maxSize tasks at once (a creation may hang past its creationTimeout); the pool does not
     * shut it down.
     */
    public Builder creator(Executor creator) {
      this.creator = Arguments.requireNonNull(creator, "creator");
      return this;
    }

    /**
     * Adds a listener, told of each lease held past leakDetectionThreshold (none are told while
     * detection is off).
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(PoolListener listener) {
      listeners.add(Arguments.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Returns the config.
     *
     * @throws IllegalArgumentException if minIdle exceeds maxSize, or the jitter is not below maxLifetime
     */
    public PoolConfig build() {
      return new PoolConfig(this);
    }
  }
}
