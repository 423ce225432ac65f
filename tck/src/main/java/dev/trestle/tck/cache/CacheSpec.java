package dev.trestle.tck.cache;

import dev.trestle.cache.CacheBuilder;
import dev.trestle.cache.RemovalListener;
import dev.trestle.cache.Weigher;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import java.time.Duration;

/**
 * What the {@link CacheTck} asks for: a bound (size, or weight with a weigher), optional expiries,
 * the kit's ticker, optionally a scheduler for expiry, an optional removal listener and whether to
 * record statistics. A factory builds its cache to these settings and must use {@link #ticker()}
 * for time (and {@link #scheduler()}, when given, to remove expired entries); {@link #toBuilder()}
 * gives them as a Trestle {@link CacheBuilder}. Immutable.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheSpec<K, V> {

  private final long maximumSize;
  private final long maximumWeight;
  private final Weigher<? super K, ? super V> weigher;
  private final Duration expireAfterWrite;
  private final Duration expireAfterAccess;
  private final ManualTicker ticker;
  private final Scheduler scheduler;
  private final RemovalListener<K, V> removalListener;
  private final boolean recordStats;

  private CacheSpec(Builder<K, V> b) {
    this.maximumSize = b.maximumSize;
    this.maximumWeight = b.maximumWeight;
    this.weigher = b.weigher;
    this.expireAfterWrite = b.expireAfterWrite;
    this.expireAfterAccess = b.expireAfterAccess;
    this.ticker = b.ticker;
    this.scheduler = b.scheduler;
    this.removalListener = b.removalListener;
    this.recordStats = b.recordStats;
  }

  static <K, V> Builder<K, V> builder(ManualTicker ticker) {
    return new Builder<>(ticker);
  }

  /** Returns the maximum number of entries, or -1 when the bound is a weight. */
  public long maximumSize() {
    return maximumSize;
  }

  /** Returns the maximum total weight, or -1 when the bound is a size. */
  public long maximumWeight() {
    return maximumWeight;
  }

  /** Returns the weigher, or null when the bound is a size. */
  public Weigher<? super K, ? super V> weigher() {
    return weigher;
  }

  /** Returns how long after a write an entry expires, or null for never. */
  public Duration expireAfterWrite() {
    return expireAfterWrite;
  }

  /** Returns how long after its last access an entry expires, or null for never. */
  public Duration expireAfterAccess() {
    return expireAfterAccess;
  }

  /** Returns the kit's ticker: the cache must read time from it. */
  public ManualTicker ticker() {
    return ticker;
  }

  /**
   * Returns the scheduler on which to remove expired entries with no call on the cache, or null
   * when the rule does not ask for one. It is the kit's {@link #ticker()}, which runs each task
   * when the kit advances time to it; given only with an expiry, to an implementation that declares
   * {@link CacheFeature#SCHEDULED_EXPIRY}.
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Returns the listener to tell of removals, or null. */
  public RemovalListener<K, V> removalListener() {
    return removalListener;
  }

  /** Returns whether to record statistics. */
  public boolean recordStats() {
    return recordStats;
  }

  /** Returns a Trestle {@link CacheBuilder} with these settings (the eviction policy left to the caller). */
  public CacheBuilder<K, V> toBuilder() {
    CacheBuilder<K, V> builder = CacheBuilder.newBuilder();
    if (weigher != null) {
      builder.maximumWeight(maximumWeight, weigher);
    } else {
      builder.maximumSize(maximumSize);
    }
    if (expireAfterWrite != null) {
      builder.expireAfterWrite(expireAfterWrite);
    }
    if (expireAfterAccess != null) {
      builder.expireAfterAccess(expireAfterAccess);
    }
    builder.ticker(ticker);
    if (scheduler != null) {
      builder.scheduler(scheduler);
    }
    if (removalListener != null) {
      builder.removalListener(removalListener);
    }
    if (recordStats) {
      builder.recordStats();
    }
    return builder;
  }

  @Override
  public String toString() {
    return "CacheSpec[" + (weigher != null ? "maximumWeight=" + maximumWeight : "maximumSize=" + maximumSize)
        + (expireAfterWrite != null ? ", expireAfterWrite=" + expireAfterWrite : "")
        + (expireAfterAccess != null ? ", expireAfterAccess=" + expireAfterAccess : "")
        + (scheduler != null ? ", scheduler" : "")
        + (removalListener != null ? ", listener" : "") + (recordStats ? ", stats" : "") + "]";
  }

  /** Builds a {@link CacheSpec} inside the kit. */
  static final class Builder<K, V> {
    private long maximumSize = 100;
    private long maximumWeight = -1;
    private Weigher<? super K, ? super V> weigher;
    private Duration expireAfterWrite;
    private Duration expireAfterAccess;
    private final ManualTicker ticker;
    private Scheduler scheduler;
    private RemovalListener<K, V> removalListener;
    private boolean recordStats;

    private Builder(ManualTicker ticker) {
      this.ticker = ticker;
    }

    Builder<K, V> maximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
      return this;
    }

    Builder<K, V> maximumWeight(long maximumWeight, Weigher<? super K, ? super V> weigher) {
      this.maximumSize = -1;
      this.maximumWeight = maximumWeight;
      this.weigher = weigher;
      return this;
    }

    Builder<K, V> expireAfterWrite(Duration duration) {
      this.expireAfterWrite = duration;
      return this;
    }

    Builder<K, V> expireAfterAccess(Duration duration) {
      this.expireAfterAccess = duration;
      return this;
    }

    /** Asks the cache to remove expired entries on the kit's ticker, as a scheduler. */
    Builder<K, V> scheduledOnTicker() {
      this.scheduler = ticker;
      return this;
    }

    Builder<K, V> removalListener(RemovalListener<K, V> listener) {
      this.removalListener = listener;
      return this;
    }

    Builder<K, V> recordStats() {
      this.recordStats = true;
      return this;
    }

    CacheSpec<K, V> build() {
      return new CacheSpec<>(this);
    }
  }
}
