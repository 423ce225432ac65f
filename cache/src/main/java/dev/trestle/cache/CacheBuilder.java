package dev.trestle.cache;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Builds a Trestle {@link Cache}, or the immutable {@link CacheConfig} one is built from; each
 * setter validates its argument at once and names the setting in the exception. The settings and
 * their defaults are listed on {@link CacheConfig}; a maximum (size or weight) is the one setting
 * without a default.
 *
 * <pre>{@code
 * Cache<String, Product> products = CacheBuilder.<String, Product>newBuilder()
 *     .maximumSize(10_000)
 *     .expireAfterWrite(Duration.ofMinutes(5))
 *     .build();
 * }</pre>
 *
 * <p>{@link #build()} is {@code Cache.of(buildConfig())}: {@link #buildConfig()} gives the settings
 * as a value to keep, share or build several caches from.
 *
 * <p>Not thread-safe; the configs and caches it builds are.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheBuilder<K, V> {

  private long maximumSize = CacheConfig.UNSET;
  private long maximumWeight = CacheConfig.UNSET;
  private Weigher<? super K, ? super V> weigher;
  private EvictionPolicy policy = EvictionPolicy.ADAPTIVE;
  private Duration expireAfterWrite;
  private Duration expireAfterAccess;
  private Ticker ticker = Ticker.system();
  private Executor executor;
  private Scheduler scheduler;
  private RemovalListener<? super K, ? super V> removalListener;
  private boolean recordStats;

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
    if (maximumWeight != CacheConfig.UNSET) {
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
    Arguments.requireNonNull(weigher, "weigher");
    if (maximumSize != CacheConfig.UNSET) {
      throw new IllegalArgumentException("maximumWeight cannot be combined with maximumSize (" + maximumSize + "): choose one bound");
    }
    this.maximumWeight = maximumWeight;
    this.weigher = weigher;
    return this;
  }

  /** Sets the eviction policy ({@link EvictionPolicy#ADAPTIVE} unless set). @throws NullPointerException if {@code policy} is null */
  public CacheBuilder<K, V> policy(EvictionPolicy policy) {
    this.policy = Arguments.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Expires each entry {@code duration} after its value was last written.
   *
   * @throws IllegalArgumentException if negative
   */
  public CacheBuilder<K, V> expireAfterWrite(Duration duration) {
    this.expireAfterWrite = Durations.requireNonNegative(duration, "expireAfterWrite");
    return this;
  }

  /**
   * Expires each entry {@code duration} after it was last read or written.
   *
   * @throws IllegalArgumentException if negative
   */
  public CacheBuilder<K, V> expireAfterAccess(Duration duration) {
    this.expireAfterAccess = Durations.requireNonNegative(duration, "expireAfterAccess");
    return this;
  }


  /** Sets the time source. @throws NullPointerException if {@code ticker} is null */
  public CacheBuilder<K, V> ticker(Ticker ticker) {
    this.ticker = Arguments.requireNonNull(ticker, "ticker");
    return this;
  }

  /** Runs maintenance on {@code executor} instead of the calling threads. @throws NullPointerException if null */
  public CacheBuilder<K, V> executor(Executor executor) {
    this.executor = Arguments.requireNonNull(executor, "executor");
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
   * {@link #buildConfig()} (and so {@link #build()}) checks it.
   *
   * @throws NullPointerException if {@code scheduler} is null
   */
  public CacheBuilder<K, V> scheduler(Scheduler scheduler) {
    this.scheduler = Arguments.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /** Tells {@code listener} of every removal. @throws NullPointerException if null */
  public CacheBuilder<K, V> removalListener(RemovalListener<? super K, ? super V> listener) {
    this.removalListener = Arguments.requireNonNull(listener, "removalListener");
    return this;
  }

  /** Records statistics, returned by {@link Cache#stats()}. */
  public CacheBuilder<K, V> recordStats() {
    this.recordStats = true;
    return this;
  }

  /**
   * Returns these settings as an immutable config, from which {@link Cache#of(CacheConfig)} builds
   * caches. Later changes to this builder do not affect it.
   *
   * @throws IllegalStateException if neither maximumSize nor maximumWeight is set, or if a scheduler
   *     is set without an expiry
   */
  public CacheConfig<K, V> buildConfig() {
    return new CacheConfig<>(maximumSize, maximumWeight, weigher, policy, expireAfterWrite, expireAfterAccess, ticker,
        executor, scheduler, removalListener, recordStats);
  }

  /**
   * Builds the cache: {@code Cache.of(buildConfig())}.
   *
   * @throws IllegalStateException if neither maximumSize nor maximumWeight is set, or if a scheduler
   *     is set without an expiry
   */
  public Cache<K, V> build() {
    return Cache.of(buildConfig());
  }
}
