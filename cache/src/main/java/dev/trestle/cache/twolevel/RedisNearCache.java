package dev.trestle.cache.twolevel;

import dev.trestle.cache.CachePolicy;
import dev.trestle.cache.CacheStats;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;
import dev.trestle.core.hash.HashRing;
import dev.trestle.core.hash.HashRingBuilder;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.Schedulers;
import dev.trestle.core.internal.TimedPark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TwoLevelCache} over Redis; see there for the contract. */
final class RedisNearCache<K, V> implements TwoLevelCache<K, V>, Shard.Events {

  private static final Logger LOG = LoggerFactory.getLogger(TwoLevelCache.class);

  final TwoLevelCacheConfig<K, V> config;
  final NearLevel<K, V> near;
  private final List<Shard> shards;
  private final HashRing<Shard> ring;
  final String instanceId;
  final Ticker ticker;
  private final Scheduler scheduler;
  private final long boundNanos;
  final byte[] farTtlMillis;
  final boolean recordStats;
  private final Thread heartbeat;
  private final TwoLevelMap<K, V> map;
  private final FleetLoader<K, V> loads;
  private volatile boolean closed;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder redisFailures = new LongAdder();
  private final LongAdder invalidationsReceived = new LongAdder();
  private final LongAdder subscriptionLosses = new LongAdder();
  private final LongAdder nearHits = new LongAdder();
  final LongAdder farHits = new LongAdder();
  final LongAdder servedNearWhileDown = new LongAdder();

  RedisNearCache(TwoLevelCacheConfig<K, V> config) {
    this.config = config;
    this.near = new NearLevel<>(config.near);
    this.ticker = config.ticker;
    this.scheduler = Schedulers.resolve(null, ticker);
    this.boundNanos = config.invalidationBound.toNanos();
    this.farTtlMillis = ascii(config.farTtl.toMillis());
    this.recordStats = config.near.recordStats();
    this.instanceId = Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime()) + "-"
        + Integer.toHexString(System.identityHashCode(this));
    List<Shard> built = new ArrayList<>();
    for (TwoLevelCacheConfig.Server server : config.servers) {
      built.add(new Shard(config, server, instanceId, redisFailures, this));
    }
    this.shards = List.copyOf(built);
    if (shards.size() > 1) {
      HashRingBuilder<Shard> builder = HashRing.builder(config.ring);
      shards.forEach(builder::node);
      this.ring = builder.build();
    } else {
      this.ring = null;
    }
    this.map = new TwoLevelMap<>(this);
    this.loads = new FleetLoader<>(this);
    this.heartbeat = new Thread(this::heartbeatLoop, "trestle-two-level-" + config.name + "-heartbeat");
    heartbeat.setDaemon(true);
    shards.forEach(Shard::start);
    heartbeat.start();
    long start = System.nanoTime();
    while (!nearTrusted() && System.nanoTime() - start < boundNanos) {
      LockSupport.parkNanos(1_000_000L);
    }
  }

  @SuppressWarnings("unchecked")
  static <K> K castKey(Object key) {
    return (K) key;
  }

  private static byte[] ascii(long number) {
    return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
  }

  // ---- subscription events (on the shards' threads) ----

  @Override
  public void invalidated(String message) {
    int space = message.indexOf(' ');
    if (space < 0 || space + 1 >= message.length()) {
      return;
    }
    if (space == instanceId.length() && message.startsWith(instanceId)) {
      return; // our own write: the near level was updated by the writing thread
    }
    invalidationsReceived.increment();
    if (message.charAt(space + 1) == '*') {
      near.clear();
      loads.wakeAll();
      return;
    }
    String keyString = message.substring(space + 2);
    near.invalidated(keyString);
    loads.wake(keyString);
  }

  @Override
  public void subscribed(Shard shard) {
    near.clear(); // invalidations may have been missed while unsubscribed
    LOG.info("two-level cache '{}': subscribed to invalidations on redis {}; near level cleared and served again",
        config.name, shard);
  }

  @Override
  public void lost(Shard shard, String reason) {
    subscriptionLosses.increment();
    if (config.failureMode == TwoLevelCacheConfig.FailureMode.FAIL) {
      near.clear();
    }
    LOG.warn("two-level cache '{}': invalidations from redis {} lost ({}); near level bypassed until subscribed again",
        config.name, shard, reason);
  }

  private void heartbeatLoop() {
    while (!closed) {
      try {
        TimedPark.sleep(ticker, scheduler, boundNanos / 4);
      } catch (InterruptedException e) {
        return;
      }
      long now = ticker.read();
      for (Shard shard : shards) {
        shard.heartbeat(now);
      }
    }
  }

  @Override
  public boolean nearTrusted() {
    long now = ticker.read();
    for (Shard shard : shards) {
      if (!shard.confirmed(now)) {
        return false;
      }
    }
    return true;
  }

  // ---- reads ----

  @Override
  public V getIfPresent(K key) {
    return read(key, true);
  }

  V read(K key, boolean count) {
    Arguments.requireNonNull(key, "key");
    ensureOpen();
    NearLevel.Holder<V> held = near.valid(key);
    if (held != null && nearTrusted()) {
      record(count, nearHits, true);
      return held.value;
    }
    Entry e = new Entry(key);
    byte[] bytes;
    try {
      bytes = e.shard.get(e.redisKey);
    } catch (Shard.Unavailable down) {
      return whenDown(key, down, count);
    }
    if (bytes == null) {
      record(count, null, false);
      return null;
    }
    V value = config.valueCodec.decode(bytes);
    near.populate(key, value, e.stripe, e.stamp, e.epoch);
    record(count, farHits, true);
    return value;
  }

  private V whenDown(K key, Shard.Unavailable down, boolean count) {
    if (config.failureMode == TwoLevelCacheConfig.FailureMode.FAIL) {
      throw unavailable(down);
    }
    NearLevel.Holder<V> held = near.valid(key);
    if (held != null) {
      servedNearWhileDown.increment();
      record(count, null, true);
      return held.value;
    }
    record(count, null, false);
    return null;
  }

  void record(boolean count, LongAdder level, boolean hit) {
    if (level != null) {
      level.increment();
    }
    if (count && recordStats) {
      (hit ? hits : misses).increment();
    }
  }

  @Override
  public V get(K key, Function<? super K, ? extends V> loader) {
    Arguments.requireNonNull(key, "key");
    Arguments.requireNonNull(loader, "loader");
    ensureOpen();
    NearLevel.Holder<V> held = near.valid(key);
    if (held != null && nearTrusted()) {
      record(true, nearHits, true);
      return held.value;
    }
    return loads.load(key, loader);
  }

  // ---- writes ----

  @Override
  public void put(K key, V value) {
    exchange(key, value);
  }

  /** Writes {@code value} and returns the value it replaced in Redis, or null. */
  V exchange(K key, V value) {
    Arguments.requireNonNull(key, "key");
    Arguments.requireNonNull(value, "value");
    ensureOpen();
    byte[] bytes = config.valueCodec.encode(value);
    Entry e = new Entry(key);
    byte[] old = (byte[]) run(e, Script.PUT, bytes, farTtlMillis);
    near.written(key, e.stripe, e.stamp, e.epoch, value);
    return old == null ? null : config.valueCodec.decode(old);
  }

  @Override
  public void invalidate(K key) {
    remove(key);
  }

  /** Removes the key from both levels and every instance's near level; returns the value removed, or null. */
  V remove(K key) {
    Arguments.requireNonNull(key, "key");
    ensureOpen();
    Entry e = new Entry(key);
    byte[] old = (byte[]) run(e, Script.REMOVE);
    near.written(key, e.stripe, e.stamp, e.epoch, null);
    return old == null ? null : config.valueCodec.decode(old);
  }

  V putIfAbsent(K key, V value) {
    Arguments.requireNonNull(value, "value");
    ensureOpen();
    Entry e = new Entry(Arguments.requireNonNull(key, "key"));
    byte[] present = (byte[]) run(e, Script.PUT_IF_ABSENT, config.valueCodec.encode(value), farTtlMillis);
    near.written(key, e.stripe, e.stamp, e.epoch, present == null ? value : null);
    return present == null ? null : config.valueCodec.decode(present);
  }

  V replace(K key, V value) {
    Arguments.requireNonNull(value, "value");
    ensureOpen();
    Entry e = new Entry(Arguments.requireNonNull(key, "key"));
    byte[] old = (byte[]) run(e, Script.REPLACE, config.valueCodec.encode(value), farTtlMillis);
    near.written(key, e.stripe, e.stamp, e.epoch, old == null ? null : value);
    return old == null ? null : config.valueCodec.decode(old);
  }

  boolean replace(K key, V expected, V value) {
    Arguments.requireNonNull(expected, "oldValue");
    Arguments.requireNonNull(value, "newValue");
    ensureOpen();
    Entry e = new Entry(Arguments.requireNonNull(key, "key"));
    Object done = run(e, Script.REPLACE_IF, config.valueCodec.encode(expected), config.valueCodec.encode(value), farTtlMillis);
    boolean replaced = Long.valueOf(1).equals(done);
    near.written(key, e.stripe, e.stamp, e.epoch, replaced ? value : null);
    return replaced;
  }

  boolean remove(K key, V expected) {
    ensureOpen();
    Entry e = new Entry(Arguments.requireNonNull(key, "key"));
    Object done = run(e, Script.REMOVE_IF, config.valueCodec.encode(expected));
    near.written(key, e.stripe, e.stamp, e.epoch, null);
    return Long.valueOf(1).equals(done);
  }

  /** Runs a write script on the key's server with the channel and this instance's message appended. */
  private Object run(Entry e, Script script, byte[]... arguments) {
    byte[][] all = Arrays.copyOf(arguments, arguments.length + 2);
    all[arguments.length] = e.shard.channel();
    all[arguments.length + 1] = message(e.keyString);
    try {
      return e.shard.eval(script, script.withLease ? List.of(e.redisKey, e.leaseKey) : List.of(e.redisKey), Arrays.asList(all));
    } catch (Shard.Unavailable down) {
      near.written(e.key, e.stripe, e.stamp, e.epoch, null);
      throw unavailable(down);
    }
  }

  @Override
  public void invalidateAll() {
    ensureOpen();
    byte[] all = (instanceId + " *").getBytes(StandardCharsets.UTF_8);
    try {
      for (Shard shard : shards) {
        shard.deleteMatching(config.keyPattern());
        shard.publish(all);
      }
    } catch (Shard.Unavailable down) {
      throw unavailable(down);
    } finally {
      near.clear();
    }
  }

  static List<byte[]> args(byte[]... arguments) {
    return Arrays.asList(arguments);
  }

  byte[] message(String keyString) {
    return (instanceId + " k" + keyString).getBytes(StandardCharsets.UTF_8);
  }

  CacheUnavailableException unavailable(Shard.Unavailable down) {
    return new CacheUnavailableException("two-level cache '" + config.name + "': redis cannot answer (" + down.getMessage()
        + "); failure mode " + config.failureMode, down.getCause());
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("two-level cache '" + config.name + "' is closed");
    }
  }

  /** A key as Redis sees it, with its stripe's stamp and the epoch read before any Redis call on it. */
  final class Entry {
    final K key;
    final String keyString;
    final int stripe;
    final long stamp;
    final long epoch;
    final Shard shard;
    final byte[] redisKey;
    final byte[] leaseKey;

    Entry(K key) {
      this.key = key;
      this.keyString = Arguments.requireNonNull(config.keyEncoder.apply(key), "keyEncoder's string for " + key);
      this.stripe = near.stripe(keyString);
      this.stamp = near.stamp(stripe);
      this.epoch = near.epoch();
      String redisKeyString = config.redisKey(keyString);
      this.shard = ring == null ? shards.get(0) : ring.nodeFor(redisKeyString);
      this.redisKey = redisKeyString.getBytes(StandardCharsets.UTF_8);
      this.leaseKey = config.leaseKey(keyString).getBytes(StandardCharsets.UTF_8);
    }
  }

  // ---- the near level's view ----

  @Override
  public long estimatedSize() {
    return near.cache.estimatedSize();
  }

  @Override
  public CacheStats stats() {
    if (!recordStats) {
      return CacheStats.empty();
    }
    CacheStats nearStats = near.cache.stats();
    return CacheStats.of(hits.sum(), misses.sum(), loads.successes(), loads.failures(), loads.nanos(),
        nearStats.evictionCount(), nearStats.evictionWeight());
  }

  @Override
  public void cleanUp() {
    near.cache.cleanUp();
  }

  @Override
  public ConcurrentMap<K, V> asMap() {
    return map;
  }

  @Override
  public CachePolicy<K, V> policy() {
    CachePolicy<K, NearLevel.Holder<V>> policy = near.cache.policy();
    return new CachePolicy<K, V>() {
      @Override
      public String name() {
        return policy.name() + " (near level)";
      }

      @Override
      public long maximum() {
        return policy.maximum();
      }

      @Override
      public long weightedSize() {
        return policy.weightedSize();
      }

      @Override
      public Map<K, V> coldest(int limit) {
        return values(policy.coldest(limit));
      }

      @Override
      public Map<K, V> hottest(int limit) {
        return values(policy.hottest(limit));
      }

      private Map<K, V> values(Map<K, NearLevel.Holder<V>> held) {
        Map<K, V> values = new java.util.LinkedHashMap<>();
        held.forEach((k, h) -> values.put(k, h.value));
        return java.util.Collections.unmodifiableMap(values);
      }
    };
  }

  @Override
  public TwoLevelCacheConfig<K, V> config() {
    return config;
  }

  @Override
  public TwoLevelCacheMetrics metrics() {
    return new TwoLevelCacheMetrics(redisFailures.sum(), invalidationsReceived.sum(), subscriptionLosses.sum(), nearHits.sum(),
        farHits.sum(), loads.count(), loads.leaseWaits(), loads.leaseTimeouts(), servedNearWhileDown.sum());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    heartbeat.interrupt();
    shards.forEach(Shard::close);
  }

  @Override
  public String toString() {
    return "TwoLevelCache[" + config.name + ", near " + near.cache.estimatedSize() + " entries, " + shards + "]";
  }
}
