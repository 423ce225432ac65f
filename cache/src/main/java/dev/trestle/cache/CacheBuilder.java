package dev.trestle.cache;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Builds a Trestle {@link Cache}; each setter validates its argument at once and names the setting
 * in the exception. Settings:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>maximumSize</td><td>required, unless maximumWeight</td><td>at most this many entries, zero or more</td></tr>
 *   <tr><td>maximumWeight + weigher</td><td>none</td><td>at most this total weight; excludes maximumSize</td></tr>
 *   <tr><td>policy</td><td>{@link EvictionPolicy#LRU}</td><td>which entry is evicted</td></tr>
 *   <tr><td>expireAfterWrite</td><td>never</td><td>an entry expires this long after its value was last written; zero or more</td></tr>
 *   <tr><td>expireAfterAccess</td><td>never</td><td>an entry expires this long after it was last read or written; zero or more</td></tr>
 *   <tr><td>ticker</td><td>{@link Ticker#system()}</td><td>reads time for expiry and load times</td></tr>
 *   <tr><td>executor</td><td>none: the calling thread</td><td>runs maintenance; without one, the thread whose write or
 *       read fills a buffer runs it, never waiting for the lock except when its buffer is full; with one,
 *       reads never run maintenance and a read whose buffer is full is dropped (see {@link EvictionPolicy#LRU})</td></tr>
 *   <tr><td>scheduler</td><td>none: expired entries leave at the next maintenance</td><td>removes expired entries when
 *       they expire, even from a cache nobody calls, and tells the listener EXPIRED; needs an expiry
 *       (see {@link #scheduler(Scheduler)})</td></tr>
 *   <tr><td>removalListener</td><td>none</td><td>told of every removal and its cause</td></tr>
 *   <tr><td>recordStats</td><td>off</td><td>counts hits, misses, loads and evictions (a small cost per call)</td></tr>
 * </table>
 *
 * <p>Not thread-safe; the caches it builds are.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheBuilder<K, V> {

  static final long UNSET = -1;

  long maximumSize = UNSET;
  long maximumWeight = UNSET;
  Weigher<? super K, ? super V> weigher;
  EvictionPolicy policy = EvictionPolicy.LRU;
  long expireAfterWriteNanos = UNSET;
  long expireAfterAccessNanos = UNSET;
  Ticker ticker = Ticker.system();
  Executor executor;
  Scheduler scheduler;
  RemovalListener<? super K, ? super V> removalListener;
  boolean recordStats;

  private CacheBuilder() {}

  /** Returns a builder with the defaults; a maximum must still be set. */
  public static <K, V> CacheBuilder<K, V> newBuilder() {
    return new CacheBuilder<>();
  }

  /**
   * Bounds the cache to {@code maximumSize} entries.
   *
   * @throws IllegalArgumentException if negative, or if maximumWeight is set
   */
  public CacheBuilder<K, V> maximumSize(long maximumSize) {
    if (maximumSize < 0) {
      throw new IllegalArgumentException("maximumSize must be zero or more, was " + maximumSize);
    }
    if (maximumWeight != UNSET) {
      throw new IllegalArgumentException("maximumSize cannot be combined with maximumWeight (" + maximumWeight + "): choose one bound");
    }
    this.maximumSize = maximumSize;
    return this;
  }

  /**
   * Bounds the cache to a total weight of {@code maximumWeight}, each entry weighed by {@code weigher}.
   *
   * @throws IllegalArgumentException if negative, or if maximumSize is set
   * @throws NullPointerException if {@code weigher} is null
   */
  public CacheBuilder<K, V> maximumWeight(long maximumWeight, Weigher<? super K, ? super V> weigher) {
    if (maximumWeight < 0) {
      throw new IllegalArgumentException("maximumWeight must be zero or more, was " + maximumWeight);
    }
    if (weigher == null) {
      throw new NullPointerException("weigher (required with maximumWeight)");
    }
    if (maximumSize != UNSET) {
      throw new IllegalArgumentException("maximumWeight cannot be combined with maximumSize (" + maximumSize + "): choose one bound");
    }
    this.maximumWeight = maximumWeight;
    this.weigher = weigher;
    return this;
  }

  /** Sets the eviction policy. @throws NullPointerException if {@code policy} is null */
  public CacheBuilder<K, V> policy(EvictionPolicy policy) {
    if (policy == null) {
      throw new NullPointerException("policy");
    }
    this.policy = policy;
    return this;
  }

  /**
   * Expires each entry {@code duration} after its value was last written.
   *
   * @throws IllegalArgumentException if negative
   */
  public CacheBuilder<K, V> expireAfterWrite(Duration duration) {
    this.expireAfterWriteNanos = Durations.nonNegativeNanos(duration, "expireAfterWrite");
    return this;
  }

  /**
   * Expires each entry {@code duration} after it was last read or written.
   *
   * @throws IllegalArgumentException if negative
   */
  public CacheBuilder<K, V> expireAfterAccess(Duration duration) {
    this.expireAfterAccessNanos = Durations.nonNegativeNanos(duration, "expireAfterAccess");
    return this;
  }


  /** Sets the time source. @throws NullPointerException if {@code ticker} is null */
  public CacheBuilder<K, V> ticker(Ticker ticker) {
    if (ticker == null) {
      throw new NullPointerException("ticker");
    }
    this.ticker = ticker;
    return this;
  }

  /** Runs maintenance on {@code executor} instead of the calling threads. @throws NullPointerException if null */
  public CacheBuilder<K, V> executor(Executor executor) {
    if (executor == null) {
      throw new NullPointerException("executor");
    }
    this.executor = executor;
    return this;
  }

  /**
   * Removes expired entries when they expire, even from a cache nobody calls. Without a scheduler an
   * expired entry is never returned, but it stays in memory (and its EXPIRED notice waits) until the
   * next maintenance, which runs only during calls on the cache. With one, the cache keeps one run of its
   * maintenance scheduled at the earliest time an entry expires: not a periodic poll, and nothing
   * is scheduled while no entry can expire. Runs are at least one second apart, so entries expiring
   * in quick succession are removed in batches, each at most a second late; an entry that expires
   * alone is removed at its expiry time.
   *
   * <p>The run maintains the cache on the {@linkplain #executor(Executor) executor} if one is set,
   * otherwise on the scheduler's thread, which then also tells the removal listener: keep it quick. The
   * scheduler's delays must be in the ticker's time: {@link Scheduler#system()} with the default
   * ticker, or a {@link dev.trestle.core.ManualTicker} passed as both. A scheduled run holds the
   * cache weakly, so a cache that is no longer used can be collected while a run is pending.
   *
   * <p>Requires {@link #expireAfterWrite(Duration)} or {@link #expireAfterAccess(Duration)}:
   * {@link #build()} checks it.
   *
   * @throws NullPointerException if {@code scheduler} is null
   */
  public CacheBuilder<K, V> scheduler(Scheduler scheduler) {
    if (scheduler == null) {
      throw new NullPointerException("scheduler");
    }
    this.scheduler = scheduler;
    return this;
  }

  /** Tells {@code listener} of every removal. @throws NullPointerException if null */
  public CacheBuilder<K, V> removalListener(RemovalListener<? super K, ? super V> listener) {
    if (listener == null) {
      throw new NullPointerException("removalListener");
    }
    this.removalListener = listener;
    return this;
  }

  /** Records statistics, returned by {@link Cache#stats()}. */
  public CacheBuilder<K, V> recordStats() {
    this.recordStats = true;
    return this;
  }

  /**
   * Builds the cache.
   *
   * @throws IllegalStateException if neither maximumSize nor maximumWeight is set, or if a scheduler
   *     is set without an expiry
   */
  public Cache<K, V> build() {
    validate();
    return new BoundedCache<>(this);
  }

  /** Checks the settings that depend on each other, which no single setter can. */
  void validate() {
    if (maximumSize == UNSET && maximumWeight == UNSET) {
      throw new IllegalStateException("a bound is required: set maximumSize or maximumWeight");
    }
    if (scheduler != null && expireAfterWriteNanos == UNSET && expireAfterAccessNanos == UNSET) {
      throw new IllegalStateException("scheduler (" + scheduler + ") is set but no expiry is: the scheduler only removes"
          + " expired entries, so set expireAfterWrite or expireAfterAccess, or leave the scheduler out");
    }
  }

  long maximum() {
    return maximumSize != UNSET ? maximumSize : maximumWeight;
  }
}
