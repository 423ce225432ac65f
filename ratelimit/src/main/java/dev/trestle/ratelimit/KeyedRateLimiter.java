package dev.trestle.ratelimit;

/**
 * One rate limit per client key (user, API token, IP address), each key with its own limiter of
 * the same configuration, in bounded memory.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>Each key is limited exactly as a {@link RateLimiter} of the configuration would limit it
 *       alone: keys never share permits.
 *   <li>At most {@code maxKeys} keys are held. A key whose limiter is idle (in the state of a fresh
 *       one: a full bucket, an empty window) is dropped when room is needed; dropping it loses
 *       nothing, since a fresh limiter would decide the same. If every held key is active, a new
 *       key is refused (no permit, {@link RateLimitDecision#retryAfterNanos()} the time a limiter
 *       left alone takes to become idle) rather than let any key's limit be forgotten.
 *   <li>Memory is therefore at most {@code maxKeys} limiters plus the map's entries, whatever the
 *       number of distinct keys seen.
 *   <li>A null key throws {@link IllegalArgumentException}, as do permits out of range (as for
 *       {@link RateLimiter}).
 * </ul>
 *
 * <p>Thread-safe. A call for a key already held allocates nothing beyond what the key's own
 * {@code hashCode} and {@code equals} do; the first call for a key creates its limiter.
 *
 * @param <K> the key type; keys must have consistent {@code equals} and {@code hashCode}
 */
public interface KeyedRateLimiter<K> {

  /**
   * Returns a keyed limiter giving each key a limiter configured by {@code config}, holding at most
   * {@code maxKeys} keys.
   *
   * @throws NullPointerException if {@code config} is null
   * @throws IllegalArgumentException if {@code maxKeys} is below 1
   */
  static <K> KeyedRateLimiter<K> of(RateLimiterConfig config, int maxKeys) {
    if (config == null) {
      throw new NullPointerException("config must not be null");
    }
    return new DefaultKeyedRateLimiter<>(config, maxKeys);
  }

  /** Returns the configuration each key's limiter has. */
  RateLimiterConfig config();

  /** Returns the most keys held at once. */
  int maxKeys();

  /** Returns how many keys are held now (at most {@link #maxKeys()}). */
  int keys();

  /** Takes one permit for {@code key} if its limit allows it now. */
  boolean tryAcquire(K key);

  /** Takes {@code permits} for {@code key} if its limit allows it now. */
  boolean tryAcquire(K key, long permits);

  /** As {@link RateLimiter#probe(long)}, for {@code key}. */
  RateLimitDecision probe(K key, long permits);
}
