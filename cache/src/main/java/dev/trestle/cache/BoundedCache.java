package dev.trestle.cache;

import dev.trestle.core.Ticker;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Trestle cache's map operations: a {@link ConcurrentHashMap} of nodes. A read looks the node
 * up, checks its times and records the access with the {@link Maintenance}, which keeps the
 * eviction order under a lock readers never wait for; a write changes the map under the key's bin
 * lock (or, for a plain update of a live entry, under the node's monitor) and records the node the
 * same way. Loads and the {@code compute} family run their function inside the map's compute for
 * the key, so it runs at most once per key at a time. The policy and map views are
 * {@link PolicyView} and {@link MapView}.
 */
final class BoundedCache<K, V> implements Cache<K, V> {

  final ConcurrentHashMap<K, Node<K, V>> data = new ConcurrentHashMap<>();
  private final Maintenance<K, V> maintenance;
  private final EvictionPolicy policy;
  private final long maximum;
  private final Weigher<? super K, ? super V> weigher;
  /** Whether new unit-weight, never expiring nodes count the reads maintenance skips ({@link Node.Counted}). */
  private final boolean countsSkippedReads;
  /** Whether entries expire; {@link #expiry} is null when they do not. */
  private final boolean timed;
  private final ExpiryOrder<K, V> expiry;
  private final Ticker ticker;
  private final StatsCounter stats;
  private final PolicyView<K, V> policyView;
  private MapView<K, V> mapView;

  /** Reads {@code config} into final fields once: the hot paths never go back to it. */
  BoundedCache(CacheConfig<K, V> config) {
    this.policy = config.policy;
    this.maximum = config.maximum;
    this.weigher = config.weigher;
    this.timed = config.expires();
    this.expiry = timed ? new ExpiryOrder<>(config) : null;
    this.ticker = config.ticker;
    this.stats = new StatsCounter(config.recordStats);
    this.maintenance = new Maintenance<>(config, data, expiry, stats);
    this.countsSkippedReads = maintenance.mayskipReads;
    this.policyView = new PolicyView<>(this, maintenance, policy, maximum);
  }

  /** Returns the ticker's time if entries expire, else 0. */
  long now() {
    return timed ? ticker.read() : 0;
  }

  /** Returns whether {@code node} has expired at {@code now}; never, when entries do not expire. */
  boolean isExpired(Node<K, V> node, long now) {
    return timed && expiry.isExpired(node, now);
  }

  // ---- reads ----

  @Override
  public V getIfPresent(K key) {
    return read(key, true);
  }

  V read(Object key, boolean recordStats) {
    Objects.requireNonNull(key, "key");
    Node<K, V> node = data.get(key);
    if (node == null) {
      if (recordStats) {
        stats.miss();
      }
      return null;
    }
    V value = node.value;
    if (timed) {
      long now = ticker.read();
      if (expiry.isExpired(node, now)) {
        if (recordStats) {
          stats.miss();
        }
        maintenance.scheduleDrain();
        return null;
      }
      if (expiry.tracksAccess()) {
        node.setAccessTime(now);
      }
    }
    maintenance.recordRead(node);
    if (recordStats) {
      stats.hit();
    }
    return value;
  }

  /** Returns the live value of {@code key} without recording an access or a statistic (for iteration). */
  V peek(Object key) {
    Node<K, V> node = data.get(key);
    if (node == null) {
      return null;
    }
    V value = node.value;
    return isExpired(node, now()) ? null : value;
  }

  // ---- writes ----

  private Node<K, V> newNode(K key, V value, int weight, long now) {
    if (timed) {
      return new Node.Timed<>(key, value, weight, now);
    }
    if (weigher != null) {
      return new Node.Weighted<>(key, value, weight);
    }
    return countsSkippedReads ? new Node.Counted<>(key, value) : new Node<>(key, value);
  }

  private int weigh(K key, V value) {
    if (weigher == null) {
      return 1;
    }
    int weight = weigher.weigh(key, value);
    if (weight < 0) {
      throw new IllegalArgumentException("weigher gave a negative weight, " + weight + ", for key " + key + ": weights must be zero or more");
    }
    return weight;
  }

  @Override
  public void put(K key, V value) {
    write(key, value, false);
  }

  /** What a compute on one key did, filled in under the bin lock and acted on after it. */
  private static final class Outcome<K, V> {
    Node<K, V> node;
    /** The live value replaced or removed, or kept (when {@link #present}). */
    V replaced;
    /** The value of an expired entry that was replaced or removed. */
    V expired;
    boolean added;
    boolean present;
    boolean removed;
    /** The value the key has after the compute, when it has one. */
    V value;
  }

  /** Writes {@code key -> value} (only if absent or expired when {@code onlyIfAbsent}); returns the live value replaced or kept. */
  V write(K key, V value, boolean onlyIfAbsent) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    int weight = weigh(key, value);
    long now = now();
    Node<K, V> present = data.get(key);
    if (present == null) {
      Node<K, V> fresh = newNode(key, value, weight, now);
      if (data.putIfAbsent(key, fresh) == null) {
        maintenance.record(fresh, true, true);
        return null;
      }
    } else if (!onlyIfAbsent) {
      // Update in place under the node's monitor, without the map's bin lock (as Caffeine does).
      V old = null;
      boolean expired = false;
      boolean done = false;
      boolean reweighed = false;
      synchronized (present) {
        if (present.isAlive()) {
          old = present.value;
          expired = isExpired(present, now);
          reweighed = present.weight() != weight;
          update(present, value, weight, now);
          done = true;
        }
      }
      if (done) {
        // Same weight and no times to reorder: to the policy this write is an access, recorded as a read.
        if (timed || reweighed) {
          maintenance.record(present, true, false);
        } else {
          maintenance.recordRead(present);
        }
        maintenance.notify(key, old, expired ? RemovalCause.EXPIRED : RemovalCause.REPLACED);
        return expired ? null : old;
      }
    }
    Outcome<K, V> outcome = new Outcome<>();
    data.compute(key, (k, node) -> {
      if (node == null) {
        node = newNode(k, value, weight, now);
        outcome.added = true;
      } else {
        synchronized (node) { // against the fast update path: read and write the value as one step
          if (isExpired(node, now)) {
            outcome.expired = node.value;
            update(node, value, weight, now);
          } else if (onlyIfAbsent) {
            outcome.present = true;
            outcome.replaced = node.value;
          } else {
            outcome.replaced = node.value;
            update(node, value, weight, now);
          }
        }
      }
      outcome.node = node;
      return node;
    });
    return finish(key, outcome);
  }

  /**
   * Writes a new value into a live node. Under the node's monitor, as is {@link Node#retire}, so
   * that the fast update path of {@link #write} (which holds only the monitor, not the map's bin
   * lock) never writes into a node that a removal has taken out of the map.
   */
  private void update(Node<K, V> node, V value, int weight, long now) {
    synchronized (node) {
      node.value = value;
      node.setWeight(weight);
      if (timed) {
        node.setWriteTime(now);
        node.setAccessTime(now);
      }
    }
  }

  /** Records what a compute did and tells the listener; returns the live value replaced, removed or kept. */
  private V finish(K key, Outcome<K, V> outcome) {
    if (outcome.node != null) {
      maintenance.record(outcome.node, !outcome.present, outcome.added);
    }
    if (outcome.expired != null) {
      maintenance.notify(key, outcome.expired, RemovalCause.EXPIRED);
    }
    if (outcome.replaced != null && !outcome.present) {
      maintenance.notify(key, outcome.replaced, outcome.removed ? RemovalCause.EXPLICIT : RemovalCause.REPLACED);
    }
    return outcome.replaced;
  }

  @Override
  public V get(K key, Function<? super K, ? extends V> loader) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    return computeIfAbsent(key, loader, true);
  }

  /**
   * Returns the live value of {@code key}, or runs {@code loader} inside the map's compute for the
   * key (so at most once per key at a time) and keeps its non-null result; {@code recordStats}
   * says whether the hit or miss and the load count in the statistics.
   */
  V computeIfAbsent(K key, Function<? super K, ? extends V> loader, boolean recordStats) {
    Node<K, V> present = data.get(key);
    if (present != null) {
      V value = present.value;
      long now = now();
      if (!isExpired(present, now)) {
        if (timed && expiry.tracksAccess()) {
          present.setAccessTime(now);
        }
        maintenance.record(present, false, false);
        if (recordStats) {
          stats.hit();
        }
        return value;
      }
    }
    long now = now();
    Outcome<K, V> outcome = new Outcome<>();
    Node<K, V> result;
    try {
      result = data.compute(key, (k, node) -> {
        if (node != null && !isExpired(node, now)) {
          outcome.present = true;
          outcome.node = node;
          outcome.value = node.value;
          return node;
        }
        V value = load(k, loader, recordStats);
        return value == null ? removeInCompute(node, outcome) : putInCompute(k, node, value, now, outcome);
      });
    } catch (RuntimeException | Error e) {
      if (recordStats) {
        stats.miss();
      }
      throw e;
    }
    if (recordStats) {
      if (outcome.present) {
        stats.hit();
      } else {
        stats.miss();
      }
    }
    finish(key, outcome);
    return result == null ? null : outcome.value;
  }

  private V load(K key, Function<? super K, ? extends V> loader, boolean recordStats) {
    long start = recordStats ? ticker.read() : 0;
    V value;
    try {
      value = loader.apply(key);
    } catch (RuntimeException | Error e) {
      if (recordStats) {
        stats.loadFailure(ticker.read() - start);
      }
      throw e;
    }
    if (recordStats) {
      long elapsed = ticker.read() - start;
      if (value == null) {
        stats.loadFailure(elapsed);
      } else {
        stats.loadSuccess(elapsed);
      }
    }
    return value;
  }

  /** Inside a compute: the key gets {@code value}, in a new node or in {@code node} (expired or live). */
  private Node<K, V> putInCompute(K key, Node<K, V> node, V value, long now, Outcome<K, V> outcome) {
    int weight = weigh(key, value);
    if (node == null) {
      node = newNode(key, value, weight, now);
      outcome.added = true;
    } else {
      synchronized (node) {
        if (isExpired(node, now)) {
          outcome.expired = node.value;
        } else if (node.value != value) {
          outcome.replaced = node.value;
        }
        update(node, value, weight, now);
      }
    }
    outcome.node = node;
    outcome.value = value;
    return node;
  }

  /** Inside a compute: the key's entry, if any (expired or live), is removed. */
  private Node<K, V> removeInCompute(Node<K, V> node, Outcome<K, V> outcome) {
    if (node != null) {
      synchronized (node) {
        if (isExpired(node, now())) {
          outcome.expired = node.value;
        } else {
          outcome.replaced = node.value;
          outcome.removed = true;
        }
        node.retire();
      }
      outcome.node = node;
    }
    return null;
  }

  /** The three remapping operations of {@code ConcurrentMap}, each run inside the map's compute for the key. */
  enum Remap { COMPUTE, IF_PRESENT, MERGE }

  /**
   * {@code compute}, {@code computeIfPresent} or {@code merge} (with {@code value}): the function
   * sees the live value (null if absent or expired) and runs inside the map's compute for the key,
   * so at most once per key at a time; a null result removes the entry. Returns the new value.
   */
  V remap(K key, V value, BiFunction<? super Object, ? super V, ? extends V> function, Remap mode) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(function, "function");
    long now = now();
    Outcome<K, V> outcome = new Outcome<>();
    data.compute(key, (k, node) -> {
      V old = node == null || isExpired(node, now) ? null : node.value;
      V next;
      if (old == null && mode == Remap.IF_PRESENT) {
        return node; // nothing to do; an expired node is left for maintenance
      } else if (old == null && mode == Remap.MERGE) {
        next = value;
      } else {
        next = function.apply(mode == Remap.MERGE ? old : k, mode == Remap.MERGE ? value : old);
      }
      if (next == null) {
        return node == null || (old == null && mode != Remap.COMPUTE) ? node : removeInCompute(node, outcome);
      }
      return putInCompute(k, node, next, now, outcome);
    });
    finish(key, outcome);
    return outcome.removed || outcome.node == null ? null : outcome.value;
  }

  // ---- removals ----

  @Override
  public void invalidate(K key) {
    remove(key, null);
  }

  /** Removes the entry for {@code key} (only if its value equals {@code expected}, when given); returns the live value removed. */
  V remove(Object key, Object expected) {
    Objects.requireNonNull(key, "key");
    long now = now();
    Outcome<K, V> outcome = new Outcome<>();
    data.computeIfPresent(castKey(key), (k, node) -> {
      synchronized (node) { // against the fast update path: the value told is the value removed
        if (expected != null && (isExpired(node, now) || !expected.equals(node.value))) {
          return node;
        }
      }
      return removeInCompute(node, outcome);
    });
    finish(castKey(key), outcome);
    return outcome.replaced;
  }

  /** Replaces the live value of {@code key} (only if it equals {@code expected}, when given); returns the value replaced. */
  V replace(K key, V expected, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    int weight = weigh(key, value);
    long now = now();
    Outcome<K, V> outcome = new Outcome<>();
    data.computeIfPresent(key, (k, node) -> {
      synchronized (node) { // against the fast update path: compare and write as one step
        if (isExpired(node, now) || (expected != null && !expected.equals(node.value))) {
          return node;
        }
        outcome.replaced = node.value;
        outcome.node = node;
        update(node, value, weight, now);
      }
      return node;
    });
    return finish(key, outcome);
  }

  @SuppressWarnings("unchecked")
  private K castKey(Object key) {
    return (K) key;
  }

  @Override
  public void invalidateAll() {
    for (K key : data.keySet()) {
      remove(key, null);
    }
  }

  @Override
  public long estimatedSize() {
    return data.mappingCount();
  }

  @Override
  public CacheStats stats() {
    return stats.snapshot();
  }

  @Override
  public void cleanUp() {
    maintenance.cleanUp();
  }

  // ---- views ----

  @Override
  public ConcurrentMap<K, V> asMap() {
    MapView<K, V> view = mapView;
    return view != null ? view : (mapView = new MapView<>(this));
  }

  @Override
  public CachePolicy<K, V> policy() {
    return policyView;
  }

  @Override
  public String toString() {
    return "Cache[" + policy + ", maximum=" + maximum + ", size~" + data.mappingCount() + "]";
  }
}
