package dev.trestle.cache;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * The immutable settings of a Trestle {@link Cache}, made by {@link CacheBuilder#buildConfig()}
 * and turned into a cache by {@link Cache#of(CacheConfig)} (or into a Caffeine cache by
 * {@link CaffeineCache#build(CacheConfig)}). The builder's setters validate each setting at once
 * and name it in the exception; the settings that depend on each other are checked when the config
 * is made, so a config is always one a cache can be built from. A setting that is not set reads
 * as empty.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>maximumSize</td><td>required, unless maximumWeight</td><td>at most this many entries, zero or more</td></tr>
 *   <tr><td>maximumWeight + weigher</td><td>none</td><td>at most this total weight, zero or more; excludes maximumSize</td></tr>
 *   <tr><td>policy</td><td>{@link EvictionPolicy#ADAPTIVE}</td><td>which entry is evicted</td></tr>
 *   <tr><td>expireAfterWrite</td><td>never</td><td>an entry expires this long after its value was last written; zero or more</td></tr>
 *   <tr><td>expireAfterAccess</td><td>never</td><td>an entry expires this long after it was last read or written; zero or more</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>reads time for expiry and load times</td></tr>
 *   <tr><td>executor</td><td>none: the calling thread</td><td>runs maintenance; without one, the thread whose write or
 *       read fills a buffer runs it, never waiting for the lock except when its buffer is full; with one,
 *       reads never run maintenance and a read whose buffer is full is dropped (see {@link EvictionPolicy#LRU})</td></tr>
 *   <tr><td>scheduler</td><td>none: expired entries leave at the next maintenance</td><td>removes expired entries when
 *       they expire, even from a cache nobody calls, and tells the listener EXPIRED; needs an expiry
 *       (see {@link CacheBuilder#scheduler(Scheduler)})</td></tr>
 *   <tr><td>removalListener</td><td>none</td><td>told of every removal and its cause</td></tr>
 *   <tr><td>recordStats</td><td>off</td><td>counts hits, misses, loads and evictions (a small cost per call)</td></tr>
 * </table>
 *
 * <p>Exactly one of {@link #maximumSize()} and {@link #maximumWeight()} is present, and
 * {@link #weigher()} is present exactly when the bound is a weight. A scheduler is present only
 * with at least one expiry.
 *
 * <p>Immutable and thread-safe: one config may build any number of caches, on any thread. It holds
 * the weigher, listener, ticker, executor and scheduler it was given, not copies; those must be
 * thread-safe themselves, as every cache built from the config shares them.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheConfig<K, V> {

  /** Marks a bound or an expiry that is not set, in the package-private fields. */
  static final long UNSET = -1;

  /** The maximum number of entries, or {@link #UNSET} when the bound is a weight. */
  final long maximumSize;
  /** The maximum total weight, or {@link #UNSET} when the bound is a size. */
  final long maximumWeight;
  /** Whichever bound is set: the policy's maximum. */
  final long maximum;
  /** Null when the bound is a size. */
  final Weigher<? super K, ? super V> weigher;
  final EvictionPolicy policy;
  /** Null when not set. */
  final Duration expireAfterWrite;
  /** Saturated nanoseconds, or {@link #UNSET}. */
  final long expireAfterWriteNanos;
  /** Null when not set. */
  final Duration expireAfterAccess;
  /** Saturated nanoseconds, or {@link #UNSET}. */
  final long expireAfterAccessNanos;
  final Ticker ticker;
  /** Null: maintenance runs on the calling threads. */
  final Executor executor;
  /** Null: no timer. */
  final Scheduler scheduler;
  /** Null: nobody is told. */
  final RemovalListener<? super K, ? super V> removalListener;
  final boolean recordStats;

  /**
   * Takes the settings {@link CacheBuilder} has validated one by one, and checks those that depend
   * on each other.
   *
   * @throws IllegalStateException if no bound is set, or a scheduler is set without an expiry
   * @throws IllegalArgumentException if both bounds are set, or an expiry is negative
   */
  CacheConfig(long maximumSize, long maximumWeight, Weigher<? super K, ? super V> weigher, EvictionPolicy policy,
      Duration expireAfterWrite, Duration expireAfterAccess, Ticker ticker, Executor executor, Scheduler scheduler,
      RemovalListener<? super K, ? super V> removalListener, boolean recordStats) {
    if (maximumSize == UNSET && maximumWeight == UNSET) {
      throw new IllegalStateException("a bound is required: set maximumSize or maximumWeight");
    }
    if (maximumSize != UNSET && maximumWeight != UNSET) {
      throw new IllegalArgumentException("maximumWeight (" + maximumWeight + ") cannot be combined with maximumSize ("
          + maximumSize + "): choose one bound");
    }
    if ((maximumWeight != UNSET) != (weigher != null)) {
      throw new IllegalArgumentException("a weigher goes with maximumWeight and only with it, was maximumWeight="
          + maximumWeight + " with weigher=" + weigher);
    }
    if (scheduler != null && expireAfterWrite == null && expireAfterAccess == null) {
      throw new IllegalStateException("scheduler (" + scheduler + ") is set but no expiry is: the scheduler only removes"
          + " expired entries, so set expireAfterWrite or expireAfterAccess, or leave the scheduler out");
    }
    this.maximumSize = maximumSize;
    this.maximumWeight = maximumWeight;
    this.maximum = maximumSize != UNSET ? maximumSize : maximumWeight;
    this.weigher = weigher;
    this.policy = policy;
    this.expireAfterWrite = expireAfterWrite;
    this.expireAfterWriteNanos = expireAfterWrite != null ? Durations.nonNegativeNanos(expireAfterWrite, "expireAfterWrite") : UNSET;
    this.expireAfterAccess = expireAfterAccess;
    this.expireAfterAccessNanos = expireAfterAccess != null ? Durations.nonNegativeNanos(expireAfterAccess, "expireAfterAccess") : UNSET;
    this.ticker = ticker;
    this.executor = executor;
    this.scheduler = scheduler;
    this.removalListener = removalListener;
    this.recordStats = recordStats;
  }

  /** Returns the maximum number of entries, or empty when the cache is bounded by {@link #maximumWeight()}. */
  public OptionalLong maximumSize() {
    return maximumSize != UNSET ? OptionalLong.of(maximumSize) : OptionalLong.empty();
  }

  /** Returns the maximum total weight, or empty when the cache is bounded by {@link #maximumSize()}. */
  public OptionalLong maximumWeight() {
    return maximumWeight != UNSET ? OptionalLong.of(maximumWeight) : OptionalLong.empty();
  }

  /** Returns the weigher that weighs each entry against {@link #maximumWeight()}, or empty when the bound is a size. */
  public Optional<Weigher<? super K, ? super V>> weigher() {
    return Optional.ofNullable(weigher);
  }

  /** Returns the eviction policy; {@link EvictionPolicy#ADAPTIVE} unless another was set. */
  public EvictionPolicy policy() {
    return policy;
  }

  /** Returns how long after its value was last written an entry expires, or empty for never. */
  public Optional<Duration> expireAfterWrite() {
    return Optional.ofNullable(expireAfterWrite);
  }

  /** Returns how long after it was last read or written an entry expires, or empty for never. */
  public Optional<Duration> expireAfterAccess() {
    return Optional.ofNullable(expireAfterAccess);
  }

  /** Returns the time source; {@link Ticker#system()} unless another was set. */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns the executor that runs maintenance, or empty when the calling threads run it. */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /**
   * Returns the scheduler that removes expired entries when they expire, or empty when they leave
   * at the next maintenance. Present only when an expiry is.
   */
  public Optional<Scheduler> scheduler() {
    return Optional.ofNullable(scheduler);
  }

  /** Returns the listener told of every removal, or empty for none. */
  public Optional<RemovalListener<? super K, ? super V>> removalListener() {
    return Optional.ofNullable(removalListener);
  }

  /** Returns whether caches built from this config record statistics. */
  public boolean recordStats() {
    return recordStats;
  }

  /** Returns whether entries expire: whether either expiry is set. */
  boolean expires() {
    return expireAfterWriteNanos != UNSET || expireAfterAccessNanos != UNSET;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("CacheConfig[");
    text.append(maximumSize != UNSET ? "maximumSize=" + maximumSize : "maximumWeight=" + maximumWeight + ", weigher=" + weigher);
    text.append(", policy=").append(policy);
    if (expireAfterWrite != null) {
      text.append(", expireAfterWrite=").append(expireAfterWrite);
    }
    if (expireAfterAccess != null) {
      text.append(", expireAfterAccess=").append(expireAfterAccess);
    }
    text.append(", ticker=").append(ticker);
    if (executor != null) {
      text.append(", executor=").append(executor);
    }
    if (scheduler != null) {
      text.append(", scheduler=").append(scheduler);
    }
    if (removalListener != null) {
      text.append(", removalListener=").append(removalListener);
    }
    return text.append(", recordStats=").append(recordStats).append(']').toString();
  }
}
