package dev.trestle.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import dev.trestle.core.internal.Arguments;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Caffeine behind Trestle's {@link Cache} interface, for users who want Caffeine's W-TinyLFU policy
 * with the same API, and for the kit and the benchmarks' hit-ratio simulator, which use it as the reference.
 *
 * <p>{@link #build(CacheConfig)} translates a config's settings to Caffeine's: the bound,
 * weigher, expiries, ticker, listener (as Caffeine's synchronous eviction listener for SIZE and
 * EXPIRED and its removal listener for EXPLICIT and REPLACED, both run on the calling thread unless
 * an executor is set), the scheduler (as Caffeine's {@code Scheduler}, which then removes expired
 * entries at about their expiry by its own rules: exactly when far off, otherwise paced about a
 * second apart) and statistics. The config's eviction policy is ignored: Caffeine always
 * uses W-TinyLFU. Needs Caffeine 3.x on the class or module path (an optional dependency of this
 * module). Thread-safe, as Caffeine is.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CaffeineCache<K, V> implements Cache<K, V> {

  private final com.github.benmanes.caffeine.cache.Cache<K, V> cache;

  private CaffeineCache(com.github.benmanes.caffeine.cache.Cache<K, V> cache) {
    this.cache = cache;
  }

  /** Wraps an existing Caffeine cache. @throws NullPointerException if {@code cache} is null */
  public static <K, V> Cache<K, V> wrap(com.github.benmanes.caffeine.cache.Cache<K, V> cache) {
    return new CaffeineCache<>(Objects.requireNonNull(cache, "cache"));
  }

  /**
   * Builds a Caffeine cache with the settings of {@code settings} (all but the eviction policy):
   * {@code build(settings.buildConfig())}.
   *
   * @throws NullPointerException if {@code settings} is null
   * @throws IllegalStateException if {@code settings} has no bound, or a scheduler without an expiry
   */
  public static <K, V> Cache<K, V> build(CacheBuilder<K, V> settings) {
    return build(Arguments.requireNonNull(settings, "settings").buildConfig());
  }

  /**
   * Builds a Caffeine cache with the settings of {@code config} (all but the eviction policy).
   *
   * @throws NullPointerException if {@code config} is null
   */
  public static <K, V> Cache<K, V> build(CacheConfig<K, V> config) {
    Arguments.requireNonNull(config, "config");
    Caffeine<Object, Object> caffeine = Caffeine.newBuilder();
    if (config.weigher != null) {
      Weigher<? super K, ? super V> weigher = config.weigher;
      caffeine.maximumWeight(config.maximumWeight);
      caffeine.weigher((Object k, Object v) -> weigh(weigher, k, v));
    } else {
      caffeine.maximumSize(config.maximumSize);
    }
    if (config.expireAfterWriteNanos != CacheConfig.UNSET) {
      caffeine.expireAfterWrite(Duration.ofNanos(config.expireAfterWriteNanos));
    }
    if (config.expireAfterAccessNanos != CacheConfig.UNSET) {
      caffeine.expireAfterAccess(Duration.ofNanos(config.expireAfterAccessNanos));
    }
    dev.trestle.core.Ticker ticker = config.ticker;
    caffeine.ticker(ticker::read);
    caffeine.executor(config.executor != null ? config.executor : Runnable::run);
    if (config.scheduler != null) {
      caffeine.scheduler(new SchedulerBridge(config.scheduler));
    }
    if (config.removalListener != null) {
      RemovalListener<? super K, ? super V> listener = config.removalListener;
      caffeine.evictionListener((Object k, Object v, com.github.benmanes.caffeine.cache.RemovalCause cause) ->
          tell(listener, k, v, cause));
      caffeine.removalListener((Object k, Object v, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
        if (!cause.wasEvicted()) {
          tell(listener, k, v, cause);
        }
      });
    }
    if (config.recordStats) {
      caffeine.recordStats();
    }
    return new CaffeineCache<>(caffeine.<K, V>build());
  }

  /** Caffeine's {@code Scheduler} on a Trestle {@link dev.trestle.core.Scheduler}: when due, the task goes to Caffeine's executor. */
  private static final class SchedulerBridge implements com.github.benmanes.caffeine.cache.Scheduler {
    private final dev.trestle.core.Scheduler scheduler;

    SchedulerBridge(dev.trestle.core.Scheduler scheduler) {
      this.scheduler = scheduler;
    }

    @Override
    public Future<?> schedule(Executor executor, Runnable command, long delay, TimeUnit unit) {
      ScheduledRun run = new ScheduledRun(executor, command);
      run.handle = scheduler.schedule(run, unit.toNanos(delay));
      return run;
    }

    @Override
    public String toString() {
      return scheduler.toString();
    }
  }

  /**
   * One scheduled task as the {@link Future} Caffeine expects: done once handed to the executor or
   * cancelled (Caffeine asks {@code isDone} to know whether a run is still pending), and cancelling
   * it cancels the Trestle task.
   */
  private static final class ScheduledRun extends CompletableFuture<Void> implements Runnable {
    private final Executor executor;
    private final Runnable command;
    volatile dev.trestle.core.Scheduler.Cancellable handle;

    ScheduledRun(Executor executor, Runnable command) {
      this.executor = executor;
      this.command = command;
    }

    @Override
    public void run() {
      if (isDone()) {
        return;
      }
      try {
        executor.execute(command);
        complete(null);
      } catch (RuntimeException e) {
        completeExceptionally(e);
        throw e;
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      dev.trestle.core.Scheduler.Cancellable cancellable = handle;
      if (cancellable != null) {
        cancellable.cancel();
      }
      return super.cancel(mayInterruptIfRunning);
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> int weigh(Weigher<? super K, ? super V> weigher, Object key, Object value) {
    int weight = weigher.weigh((K) key, (V) value);
    if (weight < 0) {
      throw new IllegalArgumentException("weigher gave a negative weight, " + weight + ", for key " + key + ": weights must be zero or more");
    }
    return weight;
  }

  @SuppressWarnings("unchecked")
  private static <K, V> void tell(RemovalListener<? super K, ? super V> listener, Object key, Object value,
      com.github.benmanes.caffeine.cache.RemovalCause cause) {
    RemovalCause mapped;
    switch (cause) {
      case EXPLICIT: mapped = RemovalCause.EXPLICIT; break;
      case REPLACED: mapped = RemovalCause.REPLACED; break;
      case EXPIRED: mapped = RemovalCause.EXPIRED; break;
      default: mapped = RemovalCause.SIZE; break; // SIZE, and COLLECTED (never: references are strong)
    }
    listener.onRemoval((K) key, (V) value, mapped);
  }

  @Override
  public V getIfPresent(K key) {
    return cache.getIfPresent(key);
  }

  @Override
  public V get(K key, Function<? super K, ? extends V> loader) {
    Objects.requireNonNull(loader, "loader");
    return cache.get(key, loader);
  }

  @Override
  public void put(K key, V value) {
    cache.put(key, value);
  }

  @Override
  public void invalidate(K key) {
    cache.invalidate(key);
  }

  @Override
  public void invalidateAll() {
    cache.invalidateAll();
  }

  @Override
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  @Override
  public CacheStats stats() {
    com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
    return CacheStats.of(s.hitCount(), s.missCount(), s.loadSuccessCount(), s.loadFailureCount(), s.totalLoadTime(),
        s.evictionCount(), s.evictionWeight());
  }

  @Override
  public void cleanUp() {
    cache.cleanUp();
  }

  @Override
  public ConcurrentMap<K, V> asMap() {
    return cache.asMap();
  }

  @Override
  public CachePolicy<K, V> policy() {
    Policy.Eviction<K, V> eviction = cache.policy().eviction().orElseThrow();
    return new CachePolicy<>() {
      @Override
      public String name() {
        return "Caffeine W-TinyLFU";
      }

      @Override
      public long maximum() {
        return eviction.getMaximum();
      }

      @Override
      public long weightedSize() {
        cache.cleanUp();
        return eviction.weightedSize().orElse(cache.estimatedSize());
      }

      @Override
      public Map<K, V> coldest(int limit) {
        return eviction.coldest(limit);
      }

      @Override
      public Map<K, V> hottest(int limit) {
        return eviction.hottest(limit);
      }
    };
  }

  @Override
  public String toString() {
    return "CaffeineCache[" + cache.policy().eviction().map(e -> "maximum=" + e.getMaximum()).orElse("unbounded") + "]";
  }
}
