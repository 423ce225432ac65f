package dev.trestle.cache;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The {@link Cache#asMap()} view of a {@link BoundedCache}: every write goes through the cache.
 * {@code computeIfAbsent}, {@code computeIfPresent}, {@code compute} and {@code merge} are atomic
 * per key, as in {@link java.util.concurrent.ConcurrentHashMap}: the function runs inside the
 * cache's compute for the key, so at most once per key at a time and once per call, and must not
 * write to this map itself. They record no hit or miss statistics.
 */
final class MapView<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V> {

  private final BoundedCache<K, V> cache;

  MapView(BoundedCache<K, V> cache) {
    this.cache = cache;
  }

  @Override
  public V get(Object key) {
    return cache.read(key, false);
  }

  @Override
  public boolean containsKey(Object key) {
    return cache.peek(key) != null;
  }

  @Override
  public V put(K key, V value) {
    return cache.write(key, value, false);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return cache.write(key, value, true);
  }

  @Override
  public V remove(Object key) {
    return cache.remove(key, null);
  }

  @Override
  public boolean remove(Object key, Object value) {
    Objects.requireNonNull(value, "value");
    return cache.remove(key, value) != null;
  }

  @Override
  public V replace(K key, V value) {
    return cache.replace(key, null, value);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    Objects.requireNonNull(oldValue, "oldValue");
    return cache.replace(key, oldValue, newValue) != null;
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(mappingFunction, "mappingFunction");
    return cache.computeIfAbsent(key, mappingFunction, false);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    return cache.remap(key, null, (k, v) -> remappingFunction.apply((K) k, v), BoundedCache.Remap.IF_PRESENT);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    return cache.remap(key, null, (k, v) -> remappingFunction.apply((K) k, v), BoundedCache.Remap.COMPUTE);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    return cache.remap(key, value, (old, v) -> remappingFunction.apply((V) old, v), BoundedCache.Remap.MERGE);
  }

  @Override
  public int size() {
    return (int) Math.min(Integer.MAX_VALUE, cache.estimatedSize());
  }

  @Override
  public boolean isEmpty() {
    return cache.data.isEmpty();
  }

  @Override
  public void clear() {
    cache.invalidateAll();
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<K, V>> iterator() {
        Iterator<K> keys = cache.data.keySet().iterator();
        return new Iterator<>() {
          private Entry<K, V> next;
          private K last;

          @Override
          public boolean hasNext() {
            while (next == null && keys.hasNext()) {
              K key = keys.next();
              V value = cache.peek(key);
              if (value != null) {
                next = new SimpleEntry<>(key, value) {
                  private static final long serialVersionUID = 1L;

                  @Override
                  public V setValue(V value) {
                    cache.write(getKey(), value, false);
                    return super.setValue(value);
                  }
                };
              }
            }
            return next != null;
          }

          @Override
          public Entry<K, V> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Entry<K, V> entry = next;
            next = null;
            last = entry.getKey();
            return entry;
          }

          @Override
          public void remove() {
            if (last == null) {
              throw new IllegalStateException("next() has not been called, or remove() was already called");
            }
            cache.remove(last, null);
            last = null;
          }
        };
      }

      @Override
      public int size() {
        return MapView.this.size();
      }
    };
  }
}
