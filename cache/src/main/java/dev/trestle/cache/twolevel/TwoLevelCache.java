package dev.trestle.cache.twolevel;

import dev.trestle.cache.Cache;
import dev.trestle.core.internal.Arguments;
import java.util.function.Function;

/**
 * A cache in two levels for a service that runs on several machines: a small Trestle cache in each
 * process (the near level) in front of Redis (the far level, shared by every instance), with
 * invalidation between instances and loading once per key across the fleet.
 *
 * <h2>Consistency</h2>
 *
 * <ul>
 *   <li>Redis holds the value of record: {@code put} and {@code invalidate} write Redis and publish an
 *       invalidation in one Lua script before they return; reads that miss the near level read Redis.
 *   <li>Every instance subscribes to the cache's channel and, every quarter of
 *       {@link TwoLevelCacheConfig#invalidationBound()}, publishes a heartbeat (the time it was sent)
 *       on a channel of its own that it also subscribes to. Redis delivers messages to a subscriber
 *       in the order it ran the PUBLISH commands, so a heartbeat received proves that every
 *       invalidation published before it was sent has been received. An instance serves its near
 *       level only while it has received a heartbeat sent within the bound. Hence: <b>once a write
 *       returns on one instance, no other instance returns the value it replaced later than
 *       {@code invalidationBound} after</b> (normally within the message's delivery, well under a
 *       millisecond on a local network), whatever happens to the messages. Pub/sub itself delivers
 *       at most once; a lost or stalled subscription stops the heartbeats arriving, the near level
 *       is bypassed (reads go to Redis) and, once subscribed again, cleared.
 *   <li>Within one instance a read never returns a value older than a write that returned before
 *       it started: near entries carry a stamp of their key's stripe, and a write or an invalidation
 *       received moves the stamp (a stale entry cannot be put back by a racing read).
 *   <li>The one exception is {@link TwoLevelCacheConfig.FailureMode#SERVE_NEAR}: while this
 *       instance cannot reach Redis it serves what its near level holds until the entry expires
 *       there, and other instances may have changed it meanwhile.
 * </ul>
 *
 * <h2>Loading</h2>
 *
 * <p>{@code get(key, loader)} for a key in neither level runs the loader once per key in the
 * fleet: one thread per instance asks Redis (the others wait for it), and of the instances that
 * miss, the one that takes the key's lease ({@code SET NX PX leaseTtl} with a token of its own)
 * loads, writes the value only if it still holds the lease and the key is still absent (one Lua
 * script), and publishes; the others wait up to {@code leaseWait} for the value, woken by that
 * message, then load themselves. A loader that throws or returns null caches nothing and releases
 * the lease at once. A lease outlives a crashed loader by at most {@code leaseTtl}.
 *
 * <h2>What the {@link Cache} methods mean here</h2>
 *
 * <p>{@code getIfPresent}, {@code get}, {@code put}, {@code invalidate} and the single-key
 * operations of {@code asMap()} act on both levels ({@code asMap}'s conditional writes are atomic in
 * Redis, comparing encoded bytes, so they hold across the fleet). The bound, the eviction policy,
 * the expiry and {@code estimatedSize}, {@code cleanUp}, {@code policy()} and the iteration and size
 * of {@code asMap()} are the near level's: Redis holds entries for {@code farTtl}, bounded by its
 * own {@code maxmemory}. {@code invalidateAll} deletes the cache's keys from Redis with
 * {@code SCAN} (a write racing it may survive) and clears every instance's near level.
 * Statistics count a read served by either level as a hit.
 *
 * <p>Thread-safe. {@link #close()} stops the subscription threads and closes the connections;
 * a closed cache throws {@link IllegalStateException}. Jedis is an optional dependency of Trestle:
 * add it to use this class.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface TwoLevelCache<K, V> extends Cache<K, V>, AutoCloseable {

  /**
   * Returns a new two-level cache with {@code config}, and starts subscribing to its invalidations
   * (the near level is served once the subscription is confirmed; until then reads go to Redis).
   *
   * @throws NullPointerException if {@code config} is null
   */
  static <K, V> TwoLevelCache<K, V> of(TwoLevelCacheConfig<K, V> config) {
    return new RedisNearCache<>(Arguments.requireNonNull(config, "config"));
  }

  /**
   * Returns the value for {@code key}, loading it once across the fleet if neither level has it;
   * see the class comment. A loader must not use this cache.
   *
   * @throws NullPointerException if {@code key} or {@code loader} is null
   * @throws CacheUnavailableException if Redis cannot answer and the failure mode is FAIL
   */
  @Override
  V get(K key, Function<? super K, ? extends V> loader);

  /** Returns the configuration. */
  TwoLevelCacheConfig<K, V> config();

  /** Returns the counters of what this instance saw of Redis and of the fleet. */
  TwoLevelCacheMetrics metrics();

  /** Returns whether the near level may be served now: a heartbeat sent within the bound has come back through the subscription. */
  boolean nearTrusted();

  /** Stops the subscription and closes this instance's connections; idempotent. */
  @Override
  void close();
}
