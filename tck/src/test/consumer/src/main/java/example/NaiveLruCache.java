package example;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CachePolicy;
import dev.trestle.cache.CacheStats;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * A naive LRU cache: a {@link LinkedHashMap} in access order under one lock, evicting the least
 * recently used entry as soon as the size passes the maximum. No expiry, no weights, no removal
 * listener. Thread-safe: every operation holds the lock (the loader runs under it, too).
 */
public final class NaiveLruCache<K, V> implements Cache<K, V> {

  private final long maximumSize;
  private final LinkedHashMap<K, V> map;
  private long hits;
  private long misses;
  private long loads;
  private long loadFailures;
  private long loadNanos;
  private long evictions;

  /** A cache of at most {@code maximumSize} entries; a negative size means no bound. */
  public NaiveLruCache(long maximumSize) {
    this.maximumSize = maximumSize;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        boolean evict = NaiveLruCache.this.maximumSize >= 0 && size() > NaiveLruCache.this.maximumSize;
        if (evict) {
          evictions++;
        }
        return evict;
      }
    };
  }

  @Override
  public synchronized V getIfPresent(K key) {
    V value = map.get(requireKey(key));
    if (value == null) {
      misses++;
    } else {
      hits++;
    }
    return value;
  }

  @Override
  public synchronized V get(K key, Function<? super K, ? extends V> loader) {
    V value = map.get(requireKey(key));
    if (value != null) {
      hits++;
      return value;
    }
    misses++;
    long start = System.nanoTime();
    try {
      value = loader.apply(key);
    } catch (RuntimeException | Error e) {
      loadFailures++;
      throw e;
    }
    loadNanos += System.nanoTime() - start;
    if (value == null) {
      loadFailures++;
      return null;
    }
    loads++;
    map.put(key, value);
    return value;
  }

  @Override
  public synchronized void put(K key, V value) {
    if (value == null) {
      throw new NullPointerException("value must not be null");
    }
    map.put(requireKey(key), value);
  }

  @Override
  public synchronized void invalidate(K key) {
    map.remove(requireKey(key));
  }

  @Override
  public synchronized void invalidateAll() {
    map.clear();
  }

  @Override
  public synchronized long estimatedSize() {
    return map.size();
  }

  @Override
  public synchronized CacheStats stats() {
    return CacheStats.of(hits, misses, loads, loadFailures, loadNanos, evictions, evictions);
  }

  @Override
  public void cleanUp() {
    // nothing is deferred
  }

  @Override
  public ConcurrentMap<K, V> asMap() {
    return new MapView();
  }

  @Override
  public CachePolicy<K, V> policy() {
    return new CachePolicy<>() {
      @Override
      public String name() {
        return "naive LRU";
      }

      @Override
      public long maximum() {
        return maximumSize;
      }

      @Override
      public long weightedSize() {
        return estimatedSize();
      }

      @Override
      public Map<K, V> coldest(int limit) {
        synchronized (NaiveLruCache.this) {
          Map<K, V> coldest = new LinkedHashMap<>();
          for (Map.Entry<K, V> entry : map.entrySet()) {
            if (coldest.size() == limit) {
              break;
            }
            coldest.put(entry.getKey(), entry.getValue());
          }
          return coldest;
        }
      }

      @Override
      public Map<K, V> hottest(int limit) {
        synchronized (NaiveLruCache.this) {
          List<Map.Entry<K, V>> entries = new ArrayList<>(map.entrySet());
          Map<K, V> hottest = new LinkedHashMap<>();
          for (int i = entries.size() - 1; i >= 0 && hottest.size() < limit; i--) {
            hottest.put(entries.get(i).getKey(), entries.get(i).getValue());
          }
          return hottest;
        }
      }
    };
  }

  private static <K> K requireKey(K key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    return key;
  }

  /** The cache as a map: each call takes the cache's lock; iteration is over a snapshot. */
  private final class MapView extends AbstractMap<K, V> implements ConcurrentMap<K, V> {
    @Override
    public V get(Object key) {
      synchronized (NaiveLruCache.this) {
        return map.get(key);
      }
    }

    @Override
    public V put(K key, V value) {
      synchronized (NaiveLruCache.this) {
        return map.put(requireKey(key), value);
      }
    }

    @Override
    public V remove(Object key) {
      synchronized (NaiveLruCache.this) {
        return map.remove(key);
      }
    }

    @Override
    public V putIfAbsent(K key, V value) {
      synchronized (NaiveLruCache.this) {
        return map.putIfAbsent(requireKey(key), value);
      }
    }

    @Override
    public boolean remove(Object key, Object value) {
      synchronized (NaiveLruCache.this) {
        return map.remove(key, value);
      }
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
      synchronized (NaiveLruCache.this) {
        return map.replace(key, oldValue, newValue);
      }
    }

    @Override
    public V replace(K key, V value) {
      synchronized (NaiveLruCache.this) {
        return map.replace(key, value);
      }
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
      synchronized (NaiveLruCache.this) {
        return new LinkedHashSet<>(new LinkedHashMap<>(map).entrySet());
      }
    }
  }
}
