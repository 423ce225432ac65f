package dev.trestle.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A map of per-key limiters. A limiter is dropped only after it has retired itself, atomically
 * with finding itself idle, so a caller that still holds it sees {@link AbstractLimiter#RETIRED}
 * and goes back to the map instead of counting permits on a limiter nobody sees any more.
 */
final class DefaultKeyedRateLimiter<K> implements KeyedRateLimiter<K> {

  private final RateLimiterConfig config;
  private final int maxKeys;
  private final long idleAfterNanos;
  private final ConcurrentHashMap<K, AbstractLimiter> limiters = new ConcurrentHashMap<>();
  private final ReentrantLock admission = new ReentrantLock();

  DefaultKeyedRateLimiter(RateLimiterConfig config, int maxKeys) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
    }
    this.config = config;
    this.maxKeys = maxKeys;
    long refill = Rate.of(config.permits, config.periodNanos).ceilNanos(
        config.burst * Rate.of(config.permits, config.periodNanos).unitsPerPermit);
    this.idleAfterNanos = config.algorithm == RateLimitAlgorithm.SLIDING_WINDOW_COUNTER ? 2 * config.periodNanos
        : Math.max(refill, config.periodNanos);
  }

  @Override
  public RateLimiterConfig config() {
    return config;
  }

  @Override
  public int maxKeys() {
    return maxKeys;
  }

  @Override
  public int keys() {
    return limiters.size();
  }

  @Override
  public boolean tryAcquire(K key) {
    return acquire(key, 1) >= 0;
  }

  @Override
  public boolean tryAcquire(K key, long permits) {
    return acquire(key, permits) >= 0;
  }

  @Override
  public RateLimitDecision probe(K key, long permits) {
    checkKey(key);
    checkPermits(permits);
    while (true) {
      AbstractLimiter limiter = limiterFor(key);
      if (limiter == null) {
        return RateLimitDecision.denied(0, idleAfterNanos);
      }
      long result = limiter.acquire(permits);
      if (result == AbstractLimiter.RETIRED) {
        limiters.remove(key, limiter);
        continue;
      }
      return result >= 0 ? RateLimitDecision.allowed(limiter.permitsLeft(result))
          : RateLimitDecision.denied(limiter.available(), -result);
    }
  }

  private static void checkKey(Object key) {
    if (key == null) {
      throw new IllegalArgumentException("key must not be null: every request is limited per key, and null names none");
    }
  }

  /** Rejects bad permits before a key is created for them. */
  private void checkPermits(long permits) {
    long max = config.maxPermitsPerRequest();
    if (permits < 1 || permits > max) {
      throw new IllegalArgumentException("permits must be between 1 and " + max + " (the most one request can get from "
          + config.algorithm + " at " + config.permits + " per " + config.period + "), was " + permits);
    }
  }

  private long acquire(K key, long permits) {
    checkKey(key);
    checkPermits(permits);
    while (true) {
      AbstractLimiter limiter = limiterFor(key);
      if (limiter == null) {
        return -idleAfterNanos;
      }
      long result = limiter.acquire(permits);
      if (result != AbstractLimiter.RETIRED) {
        return result;
      }
      limiters.remove(key, limiter);
    }
  }

  /** Returns the key's limiter, creating it if there is room (dropping idle keys to make room), else null. */
  private AbstractLimiter limiterFor(K key) {
    AbstractLimiter limiter = limiters.get(key);
    if (limiter != null) {
      return limiter;
    }
    admission.lock(); // new keys only: keeps the bound exact while idle keys are swept
    try {
      limiter = limiters.get(key);
      if (limiter != null) {
        return limiter;
      }
      if (limiters.size() >= maxKeys) {
        for (Iterator<Map.Entry<K, AbstractLimiter>> it = limiters.entrySet().iterator(); it.hasNext(); ) {
          if (it.next().getValue().retireIfIdle()) {
            it.remove();
          }
        }
        if (limiters.size() >= maxKeys) {
          return null;
        }
      }
      limiter = Limiters.create(config);
      limiters.put(key, limiter);
      return limiter;
    } finally {
      admission.unlock();
    }
  }

  @Override
  public String toString() {
    return "KeyedRateLimiter[" + config + ", " + limiters.size() + " of " + maxKeys + " keys]";
  }
}
