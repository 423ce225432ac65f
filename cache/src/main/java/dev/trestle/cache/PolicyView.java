package dev.trestle.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link Cache#policy()} view of a {@link BoundedCache}: its settings, and its entries in
 * eviction order as the maintenance holds them. Thread-safe; each call takes the eviction lock.
 */
final class PolicyView<K, V> implements CachePolicy<K, V> {

  private final BoundedCache<K, V> cache;
  private final Maintenance<K, V> maintenance;
  private final EvictionPolicy policy;
  private final long maximum;

  PolicyView(BoundedCache<K, V> cache, Maintenance<K, V> maintenance, EvictionPolicy policy, long maximum) {
    this.cache = cache;
    this.maintenance = maintenance;
    this.policy = policy;
    this.maximum = maximum;
  }

  @Override
  public String name() {
    return policy.name();
  }

  @Override
  public long maximum() {
    return maximum;
  }

  @Override
  public long weightedSize() {
    return maintenance.weightedSize();
  }

  @Override
  public Map<K, V> coldest(int limit) {
    return ordered(limit, true);
  }

  @Override
  public Map<K, V> hottest(int limit) {
    return ordered(limit, false);
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> ordered(int limit, boolean coldest) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be zero or more, was " + limit);
    }
    maintenance.cleanUp();
    Map<K, V> result = new LinkedHashMap<>();
    long now = cache.now();
    maintenance.visit(coldest, node -> {
      if (result.size() >= limit) {
        return false;
      }
      Object key = node.key;
      V value = node.value;
      if (key != Node.RETIRED && key != Node.DEAD && !cache.isExpired(node, now)) {
        result.put((K) key, value);
      }
      return true;
    });
    return Collections.unmodifiableMap(result);
  }
}
