package dev.trestle.cache.micrometer;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * Binds any {@link Cache}'s statistics to a {@link MeterRegistry} under Micrometer's standard cache
 * meter names, the ones its {@code CaffeineCacheMetrics} and {@code JCacheMetrics} use, so existing
 * cache dashboards work unchanged. It reads only the cache's public API ({@link Cache#stats()},
 * {@link Cache#estimatedSize()}) when the registry is scraped; the cache's call path is unchanged.
 *
 * <table>
 *   <caption>Meters (tag {@code cache} = the name given to the binder)</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>value</th></tr>
 *   <tr><td>{@code cache.size}</td><td>gauge</td><td></td><td>the estimated number of entries</td></tr>
 *   <tr><td>{@code cache.gets}</td><td>function counter</td><td>{@code result}: hit, miss</td><td>lookups</td></tr>
 *   <tr><td>{@code cache.puts}</td><td>function counter</td><td></td><td>entries loaded into the cache
 *       (successful and failed loads, as Caffeine's binder counts them: explicit puts are not in the
 *       statistics)</td></tr>
 *   <tr><td>{@code cache.evictions}</td><td>function counter</td><td></td><td>entries evicted</td></tr>
 *   <tr><td>{@code cache.eviction.weight}</td><td>function counter</td><td></td><td>weight evicted</td></tr>
 *   <tr><td>{@code cache.load}</td><td>function counter</td><td>{@code result}: success, failure</td><td>loads</td></tr>
 *   <tr><td>{@code cache.load.duration}</td><td>function timer</td><td></td><td>time spent in the
 *       loader, on the cache's ticker</td></tr>
 * </table>
 *
 * <p>The counters stay at zero unless the cache records statistics
 * ({@code CacheBuilder.recordStats()}). Immutable and thread-safe; the meters hold the cache weakly,
 * as Micrometer's own cache binders do.
 */
public final class CacheMeters extends CacheMeterBinder<Cache<?, ?>> {

  /**
   * A binder for {@code cache}, tagged {@code cache=name} and with {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public CacheMeters(Cache<?, ?> cache, String name, Iterable<Tag> tags) {
    super(requireNonNull(cache, "cache"), requireName(name), requireNonNull(tags, "tags"));
  }

  /** As {@link #CacheMeters(Cache, String, Iterable)} with no extra tags. */
  public CacheMeters(Cache<?, ?> cache, String name) {
    this(cache, name, Tags.empty());
  }

  private static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  private static String requireName(String name) {
    if (requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
    }
    return name;
  }

  private CacheStats stats() {
    Cache<?, ?> cache = getCache();
    return cache == null ? CacheStats.empty() : cache.stats();
  }

  @Override
  protected Long size() {
    Cache<?, ?> cache = getCache();
    return cache == null ? null : cache.estimatedSize();
  }

  @Override
  protected long hitCount() {
    return stats().hitCount();
  }

  @Override
  protected Long missCount() {
    return stats().missCount();
  }

  @Override
  protected Long evictionCount() {
    return stats().evictionCount();
  }

  @Override
  protected long putCount() {
    CacheStats stats = stats();
    return stats.loadSuccessCount() + stats.loadFailureCount();
  }

  @Override
  protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
    Cache<?, ?> cache = getCache();
    if (cache == null) {
      return;
    }
    Iterable<Tag> tags = getTagsWithCacheName();
    FunctionCounter.builder("cache.eviction.weight", cache, c -> c.stats().evictionWeight())
        .tags(tags).description("The sum of the weights of evicted entries").register(registry);
    FunctionCounter.builder("cache.load", cache, c -> c.stats().loadSuccessCount())
        .tags(tags).tag("result", "success").description("Loads that returned a value").register(registry);
    FunctionCounter.builder("cache.load", cache, c -> c.stats().loadFailureCount())
        .tags(tags).tag("result", "failure").description("Loads that threw or returned null").register(registry);
    FunctionTimer.builder("cache.load.duration", cache,
            c -> c.stats().loadSuccessCount() + c.stats().loadFailureCount(),
            c -> c.stats().totalLoadTimeNanos(), TimeUnit.NANOSECONDS)
        .tags(tags).description("Time spent in the loader").register(registry);
  }
}
