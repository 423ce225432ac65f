package dev.trestle.cache.twolevel;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code asMap()} view of a two-level cache: single-key operations act on both levels, the
 * conditional ones atomically in Redis (comparing encoded bytes); size and iteration show the
 * entries this instance's near level may serve. {@code merge}, {@code compute} and the like run
 * under a lock of the key's stripe, so on one instance the function runs once per call and calls on
 * one key take turns, as with {@code ConcurrentHashMap}; the write at their end is one of the atomic
 * conditional operations, retried (with the function run again) only when another instance changed
 * the key in between, so they also hold across the fleet.
 */
final class TwoLevelMap<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V> {

  private static final int STRIPES = 64;

  private final RedisNearCache<K, V> cache;
  private final java.util.concurrent.locks.ReentrantLock[] locks =
      new java.util.concurrent.locks.ReentrantLock[STRIPES];

  TwoLevelMap(RedisNearCache<K, V> cache) {
    this.cache = cache;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new java.util.concurrent.locks.ReentrantLock();
    }
  }

  private java.util.concurrent.locks.ReentrantLock lockOf(Object key) {
    int h = key.hashCode();
    return locks[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  @Override
  public V computeIfAbsent(K key, java.util.function.Function<? super K, ? extends V> mappingFunction) {
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(mappingFunction, "mappingFunction");
    java.util.concurrent.locks.ReentrantLock lock = lockOf(key);
    lock.lock();
    try {
      V old = get(key);
      while (old == null) {
        V value = mappingFunction.apply(key);
        if (value == null) {
          return null;
        }
        V raced = putIfAbsent(key, value);
        if (raced == null) {
          return value;
        }
        old = raced;
      }
      return old;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public V computeIfPresent(K key, java.util.function.BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(remappingFunction, "remappingFunction");
    java.util.concurrent.locks.ReentrantLock lock = lockOf(key);
    lock.lock();
    try {
      V old;
      while ((old = get(key)) != null) {
        V value = remappingFunction.apply(key, old);
        if (value == null ? remove(key, old) : replace(key, old, value)) {
          return value;
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public V compute(K key, java.util.function.BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(remappingFunction, "remappingFunction");
    java.util.concurrent.locks.ReentrantLock lock = lockOf(key);
    lock.lock();
    try {
      while (true) {
        V old = get(key);
        V value = remappingFunction.apply(key, old);
        if (old == null) {
          if (value == null || putIfAbsent(key, value) == null) {
            return value;
          }
        } else if (value == null ? remove(key, old) : replace(key, old, value)) {
          return value;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public V merge(K key, V value, java.util.function.BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(value, "value");
    java.util.Objects.requireNonNull(remappingFunction, "remappingFunction");
    java.util.concurrent.locks.ReentrantLock lock = lockOf(key);
    lock.lock();
    try {
      while (true) {
        V old = get(key);
        if (old == null) {
          if (putIfAbsent(key, value) == null) {
            return value;
          }
          continue;
        }
        V merged = remappingFunction.apply(old, value);
        if (merged == null ? remove(key, old) : replace(key, old, merged)) {
          return merged;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  @Override
  public V get(Object key) {
    try {
      return cache.read(cast(key), false);
    } catch (ClassCastException notAKey) {
      return null;
    }
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public V put(K key, V value) {
    return cache.exchange(key, value);
  }

  @Override
  public V remove(Object key) {
    try {
      return cache.remove(RedisNearCache.<K>castKey(key));
    } catch (ClassCastException notAKey) {
      return null;
    }
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return cache.putIfAbsent(key, value);
  }

  @Override
  public boolean remove(Object key, Object value) {
    if (key == null || value == null) {
      throw new NullPointerException("key and value must not be null");
    }
    try {
      return cache.remove(RedisNearCache.<K>castKey(key), TwoLevelMap.<V>cast(value));
    } catch (ClassCastException notOurs) {
      return false;
    }
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    return cache.replace(key, oldValue, newValue);
  }

  @Override
  public V replace(K key, V value) {
    return cache.replace(key, value);
  }

  @Override
  public void clear() {
    cache.invalidateAll();
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new AbstractSet<Map.Entry<K, V>>() {
      @Override
      public Iterator<Map.Entry<K, V>> iterator() {
        List<Map.Entry<K, V>> entries = new ArrayList<>();
        for (K key : cache.near.cache.asMap().keySet()) {
          NearLevel.Holder<V> held = cache.near.valid(key);
          if (held != null) {
            entries.add(new AbstractMap.SimpleEntry<K, V>(key, held.value) {
              private static final long serialVersionUID = 1L;

              @Override
              public V setValue(V value) {
                cache.put(key, value);
                return super.setValue(value);
              }
            });
          }
        }
        Iterator<Map.Entry<K, V>> snapshot = entries.iterator();
        return new Iterator<Map.Entry<K, V>>() {
          private Map.Entry<K, V> last;

          @Override
          public boolean hasNext() {
            return snapshot.hasNext();
          }

          @Override
          public Map.Entry<K, V> next() {
            last = snapshot.next();
            return last;
          }

          @Override
          public void remove() {
            if (last == null) {
              throw new IllegalStateException("next() first");
            }
            cache.invalidate(last.getKey());
            last = null;
          }
        };
      }

      @Override
      public int size() {
        int size = 0;
        for (Iterator<Map.Entry<K, V>> it = iterator(); it.hasNext(); it.next()) {
          size++;
        }
        return size;
      }
    };
  }
}
