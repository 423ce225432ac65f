package dev.trestle.cache.twolevel;

import dev.trestle.core.internal.TimedPark;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The load path of a {@link RedisNearCache}: one load per key in this instance (later callers join
 * it), and across the fleet a lease in Redis so that one instance loads while the others wait for its
 * value, each woken by the invalidation its write publishes. A lease not released in time is
 * waited out up to {@code leaseWait}, after which the caller loads without one. Thread-safe.
 */
final class FleetLoader<K, V> {

  private static final long MAX_PAUSE_NANOS = 50_000_000L;

  private final RedisNearCache<K, V> cache;
  private final long leaseTtlMillis;
  private final long leaseWaitNanos;
  private final ConcurrentHashMap<K, CompletableFuture<V>> loading = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<Thread>> waiting = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();
  private final LongAdder loadSuccesses = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder loadNanos = new LongAdder();
  private final LongAdder loadCount = new LongAdder();
  private final LongAdder leaseWaits = new LongAdder();
  private final LongAdder leaseTimeouts = new LongAdder();

  FleetLoader(RedisNearCache<K, V> cache) {
    this.cache = cache;
    this.leaseTtlMillis = cache.config.leaseTtl.toMillis();
    this.leaseWaitNanos = cache.config.leaseWait.toNanos();
  }

  /** Returns the key's value from Redis or from a load, joining a load of the key already under way here. */
  V load(K key, Function<? super K, ? extends V> loader) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> other = loading.putIfAbsent(key, mine);
    if (other != null) {
      V value = join(other);
      cache.record(true, null, value != null);
      return value;
    }
    try {
      V value = fetchOrLoad(key, loader);
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error failure) {
      mine.completeExceptionally(failure);
      throw failure;
    } finally {
      loading.remove(key, mine);
    }
  }

  /** Wakes the threads waiting for another instance's load of the key, to look again. */
  void wake(String keyString) {
    Set<Thread> threads = waiting.get(keyString);
    if (threads != null) {
      threads.forEach(LockSupport::unpark);
    }
  }

  /** Wakes every thread waiting for another instance's load. */
  void wakeAll() {
    waiting.values().forEach(threads -> threads.forEach(LockSupport::unpark));
  }

  long successes() {
    return loadSuccesses.sum();
  }

  long failures() {
    return loadFailures.sum();
  }

  long nanos() {
    return loadNanos.sum();
  }

  long count() {
    return loadCount.sum();
  }

  long leaseWaits() {
    return leaseWaits.sum();
  }

  long leaseTimeouts() {
    return leaseTimeouts.sum();
  }

  private static <V> V join(CompletableFuture<V> load) {
    try {
      return load.join();
    } catch (CompletionException wrapped) {
      Throwable cause = wrapped.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw wrapped;
    }
  }

  /** One thread per instance and key: Redis, else the lease, else the wait for another's load. */
  private V fetchOrLoad(K key, Function<? super K, ? extends V> loader) {
    RedisNearCache<K, V>.Entry e = cache.new Entry(key);
    byte[] bytes;
    try {
      bytes = e.shard.get(e.redisKey);
    } catch (Shard.Unavailable down) {
      return loadWhileDown(key, loader, down);
    }
    if (bytes != null) {
      return found(key, e, bytes, true);
    }
    cache.record(true, null, false);
    Set<Thread> me = waiting.computeIfAbsent(e.keyString, k -> ConcurrentHashMap.newKeySet());
    me.add(Thread.currentThread());
    try {
      long start = cache.ticker.read();
      long wait = TimedPark.bound(leaseWaitNanos);
      long pause = 1_000_000L;
      boolean waited = false;
      while (true) {
        byte[] token = (cache.instanceId + ":" + tokens.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        try {
          if (e.shard.tryLease(e.leaseKey, token, leaseTtlMillis)) {
            // Another instance may have written the value and released its lease since our GET.
            RedisNearCache<K, V>.Entry now = cache.new Entry(key);
            byte[] written = now.shard.get(now.redisKey);
            if (written != null) {
              release(now, token);
              return found(key, now, written, false);
            }
            return loadLeased(key, e, token, loader);
          }
        } catch (Shard.Unavailable down) {
          return loadWhileDown(key, loader, down);
        }
        if (!waited) {
          leaseWaits.increment();
          waited = true;
        }
        long left = wait - (cache.ticker.read() - start);
        if (left <= 0 || Thread.currentThread().isInterrupted()) {
          leaseTimeouts.increment();
          return loadUnleased(key, e, loader);
        }
        LockSupport.parkNanos(this, Math.min(pause, left));
        pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        e = cache.new Entry(key);
        try {
          bytes = e.shard.get(e.redisKey);
        } catch (Shard.Unavailable down) {
          return loadWhileDown(key, loader, down);
        }
        if (bytes != null) {
          return found(key, e, bytes, false);
        }
      }
    } finally {
      me.remove(Thread.currentThread());
      waiting.computeIfPresent(e.keyString, (k, threads) -> threads.isEmpty() ? null : threads);
    }
  }

  private V found(K key, RedisNearCache<K, V>.Entry e, byte[] bytes, boolean count) {
    V value = cache.config.valueCodec.decode(bytes);
    cache.near.populate(key, value, e.stripe, e.stamp, e.epoch);
    cache.record(count, cache.farHits, true);
    return value;
  }

  private V loadLeased(K key, RedisNearCache<K, V>.Entry e, byte[] token, Function<? super K, ? extends V> loader) {
    boolean released = false;
    try {
      V value = callLoader(key, loader);
      if (value == null) {
        return null;
      }
      byte[] bytes = cache.config.valueCodec.encode(value);
      Object written;
      try {
        written = e.shard.eval(Script.WRITE_LOADED, List.of(e.redisKey, e.leaseKey),
            RedisNearCache.args(token, bytes, cache.farTtlMillis, e.shard.channel(), cache.message(e.keyString)));
        released = true;
      } catch (Shard.Unavailable down) {
        return value; // loaded, but no instance could learn of it: returned, not cached
      }
      if (Long.valueOf(1).equals(written)) {
        cache.near.populate(key, value, e.stripe, e.stamp, e.epoch);
      }
      return value;
    } finally {
      if (!released) {
        release(e, token);
      }
    }
  }

  private void release(RedisNearCache<K, V>.Entry e, byte[] token) {
    try {
      e.shard.eval(Script.RELEASE, List.of(e.leaseKey), RedisNearCache.args(token, e.shard.channel(), cache.message(e.keyString)));
    } catch (Shard.Unavailable ignored) {
      // the lease expires by itself within leaseTtl
    }
  }

  private V loadUnleased(K key, RedisNearCache<K, V>.Entry e, Function<? super K, ? extends V> loader) {
    V value = callLoader(key, loader);
    if (value == null) {
      return null;
    }
    byte[] bytes = cache.config.valueCodec.encode(value);
    try {
      Object written = e.shard.eval(Script.WRITE_UNLEASED, List.of(e.redisKey),
          RedisNearCache.args(bytes, cache.farTtlMillis, e.shard.channel(), cache.message(e.keyString)));
      if (Long.valueOf(1).equals(written)) {
        cache.near.populate(key, value, e.stripe, e.stamp, e.epoch);
      }
    } catch (Shard.Unavailable down) {
      // returned, not cached
    }
    return value;
  }

  private V loadWhileDown(K key, Function<? super K, ? extends V> loader, Shard.Unavailable down) {
    if (cache.config.failureMode == TwoLevelCacheConfig.FailureMode.FAIL) {
      throw cache.unavailable(down);
    }
    NearLevel.Holder<V> held = cache.near.valid(key);
    if (held != null) {
      cache.servedNearWhileDown.increment();
      return held.value;
    }
    return callLoader(key, loader);
  }

  private V callLoader(K key, Function<? super K, ? extends V> loader) {
    long start = cache.ticker.read();
    try {
      V value = loader.apply(key);
      if (cache.recordStats) {
        (value == null ? loadFailures : loadSuccesses).increment(); // a load that found nothing failed, as in Caffeine
        loadNanos.add(cache.ticker.read() - start);
      }
      return value;
    } catch (RuntimeException | Error failure) {
      if (cache.recordStats) {
        loadFailures.increment();
        loadNanos.add(cache.ticker.read() - start);
      }
      throw failure;
    } finally {
      loadCount.increment();
    }
  }
}
