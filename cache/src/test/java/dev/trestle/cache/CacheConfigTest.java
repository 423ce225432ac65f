package dev.trestle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The immutable settings of a Trestle cache: what they hold, what they refuse, and what they build. */
class CacheConfigTest {

  private final ManualTicker ticker = new ManualTicker();
  private final List<String> removals = new ArrayList<>();
  private final RemovalListener<String, String> listener = (k, v, cause) -> removals.add(k + ":" + cause);

  @Test
  void everyAccessorReturnsWhatWasSet() {
    Executor executor = Runnable::run;
    Scheduler scheduler = (task, delayNanos) -> () -> false;
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder()
        .maximumSize(42)
        .policy(EvictionPolicy.LFU)
        .expireAfterWrite(Duration.ofMinutes(5))
        .expireAfterAccess(Duration.ofSeconds(30))
        .ticker(ticker)
        .executor(executor)
        .scheduler(scheduler)
        .removalListener(listener)
        .recordStats()
        .buildConfig();
    assertEquals(OptionalLong.of(42), config.maximumSize());
    assertEquals(OptionalLong.empty(), config.maximumWeight());
    assertEquals(Optional.empty(), config.weigher());
    assertEquals(EvictionPolicy.LFU, config.policy());
    assertEquals(Optional.of(Duration.ofMinutes(5)), config.expireAfterWrite());
    assertEquals(Optional.of(Duration.ofSeconds(30)), config.expireAfterAccess());
    assertSame(ticker, config.ticker());
    assertSame(executor, config.executor().orElseThrow());
    assertSame(scheduler, config.scheduler().orElseThrow());
    assertSame(listener, config.removalListener().orElseThrow());
    assertTrue(config.recordStats());
    assertEquals(Duration.ofMinutes(5).toNanos(), config.expireAfterWriteNanos);
    assertEquals(Duration.ofSeconds(30).toNanos(), config.expireAfterAccessNanos);
  }

  @Test
  void aWeightBoundHoldsTheWeightAndTheWeigherAndNoSize() {
    Weigher<String, String> weigher = (k, v) -> v.length();
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder().maximumWeight(1000, weigher).buildConfig();
    assertEquals(OptionalLong.of(1000), config.maximumWeight());
    assertEquals(OptionalLong.empty(), config.maximumSize());
    assertSame(weigher, config.weigher().orElseThrow());
    assertEquals(1000, config.maximum);
  }

  @Test
  void defaults() {
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder().maximumSize(10).buildConfig();
    assertEquals(OptionalLong.of(10), config.maximumSize());
    assertEquals(OptionalLong.empty(), config.maximumWeight());
    assertEquals(Optional.empty(), config.weigher());
    assertEquals(EvictionPolicy.ADAPTIVE, config.policy());
    assertEquals(Optional.empty(), config.expireAfterWrite());
    assertEquals(Optional.empty(), config.expireAfterAccess());
    assertSame(Ticker.system(), config.ticker());
    assertEquals(Optional.empty(), config.executor());
    assertEquals(Optional.empty(), config.scheduler());
    assertEquals(Optional.empty(), config.removalListener());
    assertFalse(config.recordStats());
    assertEquals(CacheConfig.UNSET, config.expireAfterWriteNanos);
    assertEquals(CacheConfig.UNSET, config.expireAfterAccessNanos);
    assertFalse(config.expires());
  }

  @Test
  void laterChangesToTheBuilderDoNotReachAConfigItMadeEarlier() {
    CacheBuilder<String, String> builder = CacheBuilder.<String, String>newBuilder().maximumSize(10);
    CacheConfig<String, String> config = builder.buildConfig();
    builder.maximumSize(20).policy(EvictionPolicy.LFU).expireAfterWrite(Duration.ofSeconds(1))
        .expireAfterAccess(Duration.ofSeconds(2)).ticker(ticker).executor(Runnable::run).scheduler(ticker)
        .removalListener(listener).recordStats();
    assertEquals(OptionalLong.of(10), config.maximumSize());
    assertEquals(EvictionPolicy.ADAPTIVE, config.policy());
    assertEquals(Optional.empty(), config.expireAfterWrite());
    assertEquals(Optional.empty(), config.expireAfterAccess());
    assertSame(Ticker.system(), config.ticker());
    assertEquals(Optional.empty(), config.executor());
    assertEquals(Optional.empty(), config.scheduler());
    assertEquals(Optional.empty(), config.removalListener());
    assertFalse(config.recordStats());

    CacheConfig<String, String> next = builder.buildConfig();
    assertNotSame(config, next);
    assertEquals(OptionalLong.of(20), next.maximumSize());
    assertEquals(EvictionPolicy.LFU, next.policy());
  }

  @Test
  void invalidValuesAreRejectedNamingTheSettingAndTheValue() {
    CacheBuilder<String, String> builder = CacheBuilder.newBuilder();
    assertEquals("maximumSize must be zero or more, was -1",
        assertThrows(IllegalArgumentException.class, () -> builder.maximumSize(-1)).getMessage());
    assertEquals("maximumWeight must be zero or more, was -1",
        assertThrows(IllegalArgumentException.class, () -> builder.maximumWeight(-1, (k, v) -> 1)).getMessage());
    assertEquals("expireAfterWrite must be zero or positive, was PT-1S",
        assertThrows(IllegalArgumentException.class, () -> builder.expireAfterWrite(Duration.ofSeconds(-1))).getMessage());
    assertEquals("expireAfterAccess must be zero or positive, was PT-0.001S",
        assertThrows(IllegalArgumentException.class, () -> builder.expireAfterAccess(Duration.ofMillis(-1))).getMessage());
  }

  @Test
  void nullsAreRejectedNamingTheSetting() {
    CacheBuilder<String, String> builder = CacheBuilder.newBuilder();
    assertEquals("weigher must not be null", assertThrows(NullPointerException.class, () -> builder.maximumWeight(1, null)).getMessage());
    assertEquals("policy must not be null", assertThrows(NullPointerException.class, () -> builder.policy(null)).getMessage());
    assertEquals("expireAfterWrite must not be null",
        assertThrows(NullPointerException.class, () -> builder.expireAfterWrite(null)).getMessage());
    assertEquals("expireAfterAccess must not be null",
        assertThrows(NullPointerException.class, () -> builder.expireAfterAccess(null)).getMessage());
    assertEquals("ticker must not be null", assertThrows(NullPointerException.class, () -> builder.ticker(null)).getMessage());
    assertEquals("executor must not be null", assertThrows(NullPointerException.class, () -> builder.executor(null)).getMessage());
    assertEquals("scheduler must not be null", assertThrows(NullPointerException.class, () -> builder.scheduler(null)).getMessage());
    assertEquals("removalListener must not be null",
        assertThrows(NullPointerException.class, () -> builder.removalListener(null)).getMessage());
    assertEquals("config must not be null", assertThrows(NullPointerException.class, () -> Cache.of(null)).getMessage());
  }

  @Test
  void aRejectedValueLeavesTheBuilderAsItWas() {
    CacheBuilder<String, String> builder = CacheBuilder.<String, String>newBuilder().maximumSize(5);
    assertThrows(IllegalArgumentException.class, () -> builder.maximumSize(-1));
    assertThrows(IllegalArgumentException.class, () -> builder.expireAfterWrite(Duration.ofSeconds(-1)));
    CacheConfig<String, String> config = builder.buildConfig();
    assertEquals(OptionalLong.of(5), config.maximumSize());
    assertEquals(Optional.empty(), config.expireAfterWrite());
  }

  @Test
  void invalidCombinationsAreRejectedNamingTheSettings() {
    IllegalArgumentException sizeThenWeight = assertThrows(IllegalArgumentException.class,
        () -> CacheBuilder.<String, String>newBuilder().maximumSize(1).maximumWeight(5, (k, v) -> 1));
    assertEquals("maximumWeight cannot be combined with maximumSize (1): choose one bound", sizeThenWeight.getMessage());
    IllegalArgumentException weightThenSize = assertThrows(IllegalArgumentException.class,
        () -> CacheBuilder.<String, String>newBuilder().maximumWeight(5, (k, v) -> 1).maximumSize(1));
    assertEquals("maximumSize cannot be combined with maximumWeight (5): choose one bound", weightThenSize.getMessage());

    // The settings that depend on each other are checked when the config is made, so no config lacks them.
    IllegalStateException noBound = assertThrows(IllegalStateException.class,
        () -> CacheBuilder.<String, String>newBuilder().expireAfterWrite(Duration.ofSeconds(1)).buildConfig());
    assertEquals("a bound is required: set maximumSize or maximumWeight", noBound.getMessage());
    IllegalStateException schedulerAlone = assertThrows(IllegalStateException.class,
        () -> CacheBuilder.<String, String>newBuilder().maximumSize(10).scheduler(ticker).buildConfig());
    assertTrue(schedulerAlone.getMessage().startsWith("scheduler (" + ticker + ") is set but no expiry is"), schedulerAlone.getMessage());
    assertTrue(schedulerAlone.getMessage().contains("expireAfterWrite or expireAfterAccess"), schedulerAlone.getMessage());
    assertEquals(ticker, CacheBuilder.<String, String>newBuilder().maximumSize(10).scheduler(ticker)
        .expireAfterAccess(Duration.ofSeconds(1)).buildConfig().scheduler().orElseThrow());
  }

  @Test
  void zeroIsAValidBoundAndAValidExpiry() {
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder().maximumSize(0)
        .expireAfterWrite(Duration.ZERO).ticker(ticker).buildConfig();
    assertEquals(OptionalLong.of(0), config.maximumSize());
    assertEquals(Optional.of(Duration.ZERO), config.expireAfterWrite());
    Cache<String, String> cache = Cache.of(config);
    cache.put("k", "v");
    assertNull(cache.getIfPresent("k"));
  }

  @Test
  void anExpiryTooLongForNanosecondsSaturatesButReadsBackAsSet() {
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder().maximumSize(1).expireAfterAccess(forever)
        .buildConfig();
    assertEquals(Optional.of(forever), config.expireAfterAccess());
    assertEquals(Long.MAX_VALUE, config.expireAfterAccessNanos);
  }

  @Test
  void aCacheBuiltFromAConfigKeepsItsSizeBound() {
    CacheConfig<Integer, Integer> config = CacheBuilder.<Integer, Integer>newBuilder().maximumSize(3).policy(EvictionPolicy.LRU).buildConfig();
    Cache<Integer, Integer> cache = Cache.of(config);
    for (int key = 0; key < 10; key++) {
      cache.put(key, key);
    }
    cache.cleanUp();
    assertEquals(3, cache.estimatedSize());
    assertEquals(3, cache.policy().maximum());
    assertEquals("LRU", cache.policy().name());
    assertEquals(List.of(7, 8, 9), new ArrayList<>(cache.policy().coldest(10).keySet()));
  }

  @Test
  void aCacheBuiltFromAConfigKeepsItsWeightBoundAndPolicy() {
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder()
        .maximumWeight(10, (k, v) -> v.length()).policy(EvictionPolicy.LFU).buildConfig();
    Cache<String, String> cache = Cache.of(config);
    cache.put("a", "12345");
    cache.put("b", "12345");
    cache.cleanUp();
    assertEquals(10, cache.policy().weightedSize());
    assertEquals("LFU", cache.policy().name());
    assertEquals(10, cache.policy().maximum());
  }

  @Test
  void aCacheBuiltFromAConfigExpiresOnItsTickerAndTellsItsListenerAndRecordsStats() {
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder().maximumSize(100)
        .expireAfterWrite(Duration.ofMinutes(1)).ticker(ticker).removalListener(listener).recordStats().buildConfig();
    Cache<String, String> cache = Cache.of(config);
    cache.put("k", "v");
    ticker.advance(Duration.ofSeconds(59));
    assertEquals("v", cache.getIfPresent("k"));
    ticker.advance(Duration.ofSeconds(1));
    assertNull(cache.getIfPresent("k"));
    cache.cleanUp();
    assertEquals(List.of("k:EXPIRED"), removals);
    assertEquals(1, cache.stats().hitCount());
    assertEquals(1, cache.stats().missCount());
  }

  @Test
  void aCacheBuiltFromAConfigWithASchedulerRemovesExpiredEntriesWithNoCall() {
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder().maximumSize(100)
        .expireAfterAccess(Duration.ofSeconds(10)).ticker(ticker).scheduler(ticker).removalListener(listener).buildConfig();
    Cache<String, String> cache = Cache.of(config);
    cache.put("k", "v");
    ticker.advance(Duration.ofSeconds(10)); // runs the cache's scheduled maintenance
    assertEquals(List.of("k:EXPIRED"), removals);
  }

  @Test
  void oneConfigBuildsIndependentCaches() {
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder().maximumSize(10).buildConfig();
    Cache<String, String> first = Cache.of(config);
    Cache<String, String> second = Cache.of(config);
    assertNotSame(first, second);
    first.put("k", "v");
    assertNull(second.getIfPresent("k"));
  }

  @Test
  void buildIsCacheOfBuildConfig() {
    Cache<String, String> cache = CacheBuilder.<String, String>newBuilder().maximumSize(2).policy(EvictionPolicy.LFU).build();
    assertTrue(cache instanceof BoundedCache);
    assertEquals("LFU", cache.policy().name());
    assertEquals(2, cache.policy().maximum());
  }

  @Test
  void caffeineBuildsFromAConfigToo() {
    CacheConfig<String, String> config = CacheBuilder.<String, String>newBuilder().maximumSize(100)
        .expireAfterWrite(Duration.ofMinutes(1)).ticker(ticker).removalListener(listener).recordStats().buildConfig();
    Cache<String, String> cache = CaffeineCache.build(config);
    cache.put("k", "v");
    assertEquals("v", cache.getIfPresent("k"));
    ticker.advance(Duration.ofMinutes(1));
    assertNull(cache.getIfPresent("k"));
    cache.cleanUp();
    assertEquals(List.of("k:EXPIRED"), removals);
    assertEquals(1, cache.stats().hitCount());
    assertEquals("config must not be null",
        assertThrows(NullPointerException.class, () -> CaffeineCache.build((CacheConfig<String, String>) null)).getMessage());
  }

  @Test
  void toStringNamesTheSettingsThatAreSet() {
    String text = CacheBuilder.<String, String>newBuilder().maximumSize(42).policy(EvictionPolicy.LFU)
        .expireAfterWrite(Duration.ofMinutes(5)).ticker(ticker).recordStats().buildConfig().toString();
    assertTrue(text.startsWith("CacheConfig[maximumSize=42, policy=LFU, expireAfterWrite=PT5M, ticker="), text);
    assertTrue(text.endsWith(", recordStats=true]"), text);
    assertFalse(text.contains("expireAfterAccess"), text);
    assertFalse(text.contains("scheduler"), text);
  }
}
