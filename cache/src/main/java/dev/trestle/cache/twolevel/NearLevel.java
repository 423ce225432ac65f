package dev.trestle.cache.twolevel;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CacheBuilder;
import dev.trestle.cache.CacheConfig;
import dev.trestle.cache.Weigher;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The near level: a Trestle cache of values, each held with the stamp of its key's stripe and the
 * epoch at the time its value was known to be current. A write or an invalidation received moves
 * the stripe's stamp, a clear moves the epoch, so an entry is served only while nothing that could
 * have changed its key happened since: a read that raced a write cannot put back a stale value,
 * whatever the order in which the two reach the near level. Stripes are shared by keys (a power of
 * two, about four per entry the bound allows), so a change may cost other keys of its stripe a miss,
 * never a stale read. Thread-safe.
 */
final class NearLevel<K, V> {

  static final class Holder<V> {
    final V value;
    final int stripe;
    final long stamp;
    final long epoch;

    Holder(V value, int stripe, long stamp, long epoch) {
      this.value = value;
      this.stripe = stripe;
      this.stamp = stamp;
      this.epoch = epoch;
    }
  }

  final Cache<K, Holder<V>> cache;
  private final AtomicLongArray stripes;
  private final int mask;
  private final AtomicLong epoch = new AtomicLong();

  NearLevel(CacheConfig<K, V> config) {
    CacheBuilder<K, Holder<V>> builder = CacheBuilder.newBuilder();
    if (config.maximumSize().isPresent()) {
      builder.maximumSize(config.maximumSize().getAsLong());
    } else {
      @SuppressWarnings("unchecked")
      Weigher<K, V> weigher = (Weigher<K, V>) config.weigher().orElseThrow();
      builder.maximumWeight(config.maximumWeight().getAsLong(), (k, h) -> weigher.weigh(k, h.value));
    }
    builder.policy(config.policy()).ticker(config.ticker());
    config.expireAfterWrite().ifPresent(builder::expireAfterWrite);
    config.expireAfterAccess().ifPresent(builder::expireAfterAccess);
    config.executor().ifPresent(builder::executor);
    config.scheduler().ifPresent(builder::scheduler);
    if (config.recordStats()) {
      builder.recordStats();
    }
    this.cache = builder.build();
    long entries = config.maximumSize().orElse(1L << 14);
    int size = Integer.highestOneBit((int) Math.min(1 << 18, Math.max(1024, entries * 4)) - 1) << 1;
    this.stripes = new AtomicLongArray(size);
    this.mask = size - 1;
  }

  int stripe(String keyString) {
    int h = keyString.hashCode() * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  long stamp(int stripe) {
    return stripes.get(stripe);
  }

  long epoch() {
    return epoch.get();
  }

  /** Returns the holder of {@code key} if it may be served, else null. */
  Holder<V> valid(K key) {
    Holder<V> holder = cache.getIfPresent(key);
    return holder != null && stripes.get(holder.stripe) == holder.stamp && epoch.get() == holder.epoch ? holder : null;
  }

  /** Keeps {@code value}, read from Redis after {@code stamp} and {@code epochSeen} were read. */
  void populate(K key, V value, int stripe, long stamp, long epochSeen) {
    if (stripes.get(stripe) == stamp && epoch.get() == epochSeen) {
      cache.put(key, new Holder<>(value, stripe, stamp, epochSeen));
    }
  }

  /**
   * After this instance wrote {@code key} in Redis: moves the stripe, then keeps {@code value} (null
   * for a removal, or when the outcome is unknown) only if nothing else moved the stripe since
   * {@code before} was read, before the write.
   */
  void written(K key, int stripe, long before, long epochBefore, V value) {
    long after = stripes.incrementAndGet(stripe);
    if (value != null && after == before + 1 && epoch.get() == epochBefore) {
      cache.put(key, new Holder<>(value, stripe, after, epochBefore));
    } else {
      cache.invalidate(key);
    }
  }

  /** Another instance changed the key that encodes to {@code keyString}. */
  void invalidated(String keyString) {
    stripes.incrementAndGet(stripe(keyString));
  }

  /** Nothing held so far may be served again. */
  void clear() {
    epoch.incrementAndGet();
    cache.invalidateAll();
  }
}
