package dev.trestle.tck.cache;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CachePolicy;
import dev.trestle.cache.CacheStats;
import dev.trestle.cache.RemovalCause;
import dev.trestle.core.Scheduler;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A simple, correct LRU cache (an access-ordered {@link LinkedHashMap} under one lock, loads
 * de-duplicated through per-key futures) with one deliberate fault switched on: the kit's
 * self-test checks that each fault is caught by the rule it breaks. The faults are mistakes real
 * cache code makes.
 */
final class FaultyCache<K, V> implements Cache<K, V> {

  enum Fault {
    /** Evicts the most recently used entry instead of the least. */
    EVICTS_MOST_RECENT,
    /** Evicts only once the size passes maximum + 1: one entry too many, for good. */
    EXCEEDS_BOUND,
    /** Never checks the times: serves entries past their time to live. */
    SERVES_EXPIRED,
    /** Check-then-act loading: every caller that misses runs the loader. */
    LOADS_TWICE,
    /** Remembers a loader's exception and throws it again for the key, without calling the next loader. */
    CACHES_EXCEPTION,
    /** Does not tell the listener when a put replaces a value. */
    MISSES_REMOVAL_NOTICE,
    /** Invalidation only queues the key; the entry stays readable until the next maintenance. */
    SERVES_INVALIDATED,
    /** asMap().replace(key, old, new) compares and writes in two steps, so concurrent merges lose updates. */
    LOSES_UPDATE,
    /** Takes the scheduler but never schedules on it: expired entries wait for the next call, as without one. */
    IGNORES_SCHEDULER,
    /** Schedules a run for the first expiry and never again: entries that expire later wait for the next call. */
    SCHEDULES_ONCE,
    /** asMap()'s compute family is ConcurrentMap's default: read, run the function unlocked, then a conditional write (retried). */
    COMPUTES_UNLOCKED,
    /** asMap().compute and merge keep the old value when the function returns null, instead of removing the entry. */
    KEEPS_ON_NULL,
    /** Runs the loader, then puts its value: a put or an invalidation of the key made during the load is overwritten or undone. */
    LOADS_THEN_PUTS,
    /** Cleans up after a loader's RuntimeException only: an Error leaves the load's waiters waiting forever and is not counted. */
    STRANDS_ON_ERROR,
    /** asMap().entrySet() (and so keySet and values) is a modifiable copy: removals through it report success but miss the cache. */
    DETACHED_VIEWS,
    /** Counts load time in whole milliseconds (TimeUnit.NANOSECONDS.toMillis, then back): sub-millisecond parts are lost. */
    LOAD_TIME_IN_MILLIS
  }

  private static final class Entry<V> {
    final V value;
    final long writeTime;
    long accessTime;

    Entry(V value, long now) {
      this.value = value;
      this.writeTime = now;
      this.accessTime = now;
    }
  }

  private final Fault fault;
  private final CacheSpec<K, V> spec;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final ConcurrentHashMap<K, CompletableFuture<V>> loading = new ConcurrentHashMap<>();
  private final Map<K, RuntimeException> failures = new ConcurrentHashMap<>();
  private final Set<K> pendingInvalidations = new HashSet<>();
  private long hits;
  private long misses;
  private long loadSuccesses;
  private long loadFailures;
  private long evictions;
  private long loadNanos;
  /** The scheduled cleanUp, if any, and when it is due; whether one was ever scheduled. Guarded by the lock. */
  private Scheduler.Cancellable timer;
  private long timerAt;
  private boolean everScheduled;
  /** Per key, the number of the last write or removal made to it; and of the last invalidateAll. Guarded by the lock. */
  private final Map<K, Long> writeNumbers = new java.util.HashMap<>();
  private long writeCount;
  private long lastInvalidateAll;

  FaultyCache(Fault fault, CacheSpec<K, V> spec) {
    this.fault = fault;
    this.spec = spec;
  }

  private long now() {
    return spec.ticker().read();
  }

  private boolean expired(Entry<V> entry, long now) {
    if (fault == Fault.SERVES_EXPIRED) {
      return false;
    }
    return (spec.expireAfterWrite() != null && now - entry.writeTime >= spec.expireAfterWrite().toNanos())
        || (spec.expireAfterAccess() != null && now - entry.accessTime >= spec.expireAfterAccess().toNanos());
  }

  private void tell(K key, V value, RemovalCause cause) {
    if (spec.removalListener() != null) {
      spec.removalListener().onRemoval(key, value, cause);
    }
  }

  /** Under the lock: returns the live value or null, dropping an expired entry. */
  private V lookup(K key, List<Object[]> told, boolean touch) {
    Entry<V> entry = touch ? entries.get(key) : entries.entrySet().stream()
        .filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
    if (entry == null) {
      return null;
    }
    long now = now();
    if (expired(entry, now)) {
      entries.remove(key);
      evictions++;
      told.add(new Object[] {key, entry.value, RemovalCause.EXPIRED});
      return null;
    }
    if (touch) {
      entry.accessTime = now;
    }
    return entry.value;
  }

  @SuppressWarnings("unchecked")
  private void tellAll(List<Object[]> told) {
    for (Object[] removal : told) {
      tell((K) removal[0], (V) removal[1], (RemovalCause) removal[2]);
    }
  }

  @Override
  public V getIfPresent(K key) {
    Objects.requireNonNull(key, "key");
    List<Object[]> told = new ArrayList<>();
    V value;
    lock.lock();
    try {
      value = lookup(key, told, true);
      if (value == null) {
        misses++;
      } else {
        hits++;
      }
    } finally {
      lock.unlock();
    }
    tellAll(told);
    return value;
  }

  @Override
  public V get(K key, Function<? super K, ? extends V> loader) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    V present = getIfPresent(key);
    if (present != null) {
      return present;
    }
    if (fault == Fault.CACHES_EXCEPTION && failures.containsKey(key)) {
      throw failures.get(key);
    }
    if (fault == Fault.LOADS_TWICE) {
      return load(key, loader);
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = loading.putIfAbsent(key, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof Error) {
          throw (Error) e.getCause();
        }
        throw (RuntimeException) e.getCause();
      }
    }
    try {
      V value = getIfPresentQuietly(key);
      if (value == null) {
        value = load(key, loader);
      }
      mine.complete(value);
      return value;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } catch (Error e) {
      if (fault != Fault.STRANDS_ON_ERROR) {
        mine.completeExceptionally(e);
      }
      throw e;
    } finally {
      loading.remove(key, mine);
    }
  }

  private V getIfPresentQuietly(K key) {
    List<Object[]> told = new ArrayList<>();
    lock.lock();
    try {
      return lookup(key, told, true);
    } finally {
      lock.unlock();
      tellAll(told);
    }
  }

  private V load(K key, Function<? super K, ? extends V> loader) {
    V value;
    Long writtenBefore;
    long invalidatedAllBefore;
    lock.lock();
    try {
      writtenBefore = writeNumbers.get(key);
      invalidatedAllBefore = lastInvalidateAll;
    } finally {
      lock.unlock();
    }
    long start = now();
    try {
      value = loader.apply(key);
    } catch (RuntimeException e) {
      countLoadTime(start);
      countLoad(false);
      if (fault == Fault.CACHES_EXCEPTION) {
        failures.put(key, e);
      }
      throw e;
    } catch (Error e) {
      if (fault != Fault.STRANDS_ON_ERROR) {
        countLoadTime(start);
        countLoad(false);
      }
      throw e;
    }
    countLoadTime(start);
    countLoad(value != null);
    if (value != null) {
      lock.lock();
      try {
        // a write or an invalidation made while the loader ran wins over the value it computed
        if (fault == Fault.LOADS_THEN_PUTS || (Objects.equals(writtenBefore, writeNumbers.get(key))
            && invalidatedAllBefore == lastInvalidateAll)) {
          put(key, value);
        }
      } finally {
        lock.unlock();
      }
    }
    return value;
  }

  /** Under the lock: records a write or removal of {@code key}. */
  private void written(K key) {
    writeNumbers.put(key, ++writeCount);
  }

  private void countLoadTime(long start) {
    long elapsed = now() - start;
    if (fault == Fault.LOAD_TIME_IN_MILLIS) {
      elapsed = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(elapsed) * 1_000_000L;
    }
    lock.lock();
    try {
      loadNanos += elapsed;
    } finally {
      lock.unlock();
    }
  }

  private void countLoad(boolean success) {
    lock.lock();
    try {
      if (success) {
        loadSuccesses++;
      } else {
        loadFailures++;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void put(K key, V value) {
    write(key, value);
  }

  private V write(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    List<Object[]> told = new ArrayList<>();
    V old;
    lock.lock();
    try {
      pendingInvalidations.remove(key);
      written(key);
      Entry<V> previous = entries.put(key, new Entry<>(value, now()));
      old = null;
      if (previous != null) {
        if (expired(previous, now())) {
          told.add(new Object[] {key, previous.value, RemovalCause.EXPIRED});
        } else {
          old = previous.value;
          if (fault != Fault.MISSES_REMOVAL_NOTICE) {
            told.add(new Object[] {key, previous.value, RemovalCause.REPLACED});
          }
        }
      }
      evict(told);
      armTimer();
    } finally {
      lock.unlock();
    }
    tellAll(told);
    return old;
  }

  /**
   * Under the lock: keeps one cleanUp scheduled at the earliest expiry when the spec gives a
   * scheduler (the plain way: a scan of every entry), none when nothing can expire.
   */
  private void armTimer() {
    Scheduler scheduler = spec.scheduler();
    if (scheduler == null || fault == Fault.IGNORES_SCHEDULER || (fault == Fault.SCHEDULES_ONCE && everScheduled)
        || (spec.expireAfterWrite() == null && spec.expireAfterAccess() == null)) {
      return; // nothing can expire: no run to keep
    }
    long now = now();
    Long earliest = null;
    for (Entry<V> entry : entries.values()) {
      long at = Long.MAX_VALUE;
      if (spec.expireAfterWrite() != null) {
        at = Math.min(at, entry.writeTime + spec.expireAfterWrite().toNanos());
      }
      if (spec.expireAfterAccess() != null) {
        at = Math.min(at, entry.accessTime + spec.expireAfterAccess().toNanos());
      }
      earliest = earliest == null ? at : Math.min(earliest, at);
    }
    if (timer != null && (earliest == null || earliest < timerAt)) {
      timer.cancel();
      timer = null;
    }
    if (earliest != null && timer == null) {
      timerAt = earliest;
      everScheduled = true;
      Scheduler.Cancellable[] self = new Scheduler.Cancellable[1];
      self[0] = scheduler.schedule(() -> {
        lock.lock();
        try {
          if (timer == self[0]) {
            timer = null;
          }
        } finally {
          lock.unlock();
        }
        cleanUp();
      }, earliest - now);
      timer = self[0];
    }
  }

  private void evict(List<Object[]> told) {
    long bound = spec.maximumSize() + (fault == Fault.EXCEEDS_BOUND ? 1 : 0);
    while (entries.size() > bound) {
      Iterator<Map.Entry<K, Entry<V>>> order = entries.entrySet().iterator();
      Map.Entry<K, Entry<V>> victim = order.next();
      if (fault == Fault.EVICTS_MOST_RECENT) {
        while (order.hasNext()) {
          victim = order.next();
        }
      }
      entries.remove(victim.getKey());
      evictions++;
      told.add(new Object[] {victim.getKey(), victim.getValue().value, RemovalCause.SIZE});
    }
  }

  @Override
  public void invalidate(K key) {
    remove(key, null);
  }

  private V remove(Object key, Object expected) {
    Objects.requireNonNull(key, "key");
    @SuppressWarnings("unchecked")
    K k = (K) key;
    List<Object[]> told = new ArrayList<>();
    V removed = null;
    lock.lock();
    try {
      Entry<V> entry = entries.get(k);
      if (expected == null) {
        written(k);
      }
      if (entry != null && (expected == null || expected.equals(entry.value))) {
        if (fault == Fault.SERVES_INVALIDATED && expected == null) {
          pendingInvalidations.add(k);
          return entry.value;
        }
        entries.remove(k);
        boolean wasExpired = expired(entry, now());
        told.add(new Object[] {k, entry.value, wasExpired ? RemovalCause.EXPIRED : RemovalCause.EXPLICIT});
        removed = wasExpired ? null : entry.value;
      }
    } finally {
      lock.unlock();
    }
    tellAll(told);
    return removed;
  }

  private boolean replace(K key, V expected, V value) {
    if (fault == Fault.LOSES_UPDATE) {
      V current = getIfPresentQuietly(key);
      if (current == null || !current.equals(expected)) {
        return false;
      }
      Thread.yield(); // widen the window a racing writer falls into
      write(key, value);
      return true;
    }
    List<Object[]> told = new ArrayList<>();
    lock.lock();
    try {
      V current = lookup(key, told, true);
      if (current == null || !current.equals(expected)) {
        return false;
      }
      entries.put(key, new Entry<>(value, now()));
      told.add(new Object[] {key, current, RemovalCause.REPLACED});
      return true;
    } finally {
      lock.unlock();
      tellAll(told);
    }
  }

  private V putIfAbsent(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    // One critical section: ConcurrentMap.merge's first insertion goes through here, and a check
    // and a write in two steps would let a racing merger's increments be overwritten (CACHE-8.2).
    List<Object[]> told = new ArrayList<>();
    lock.lock();
    try {
      V current = lookup(key, told, true);
      if (current != null) {
        return current;
      }
      pendingInvalidations.remove(key);
      written(key);
      entries.put(key, new Entry<>(value, now()));
      evict(told);
      armTimer();
      return null;
    } finally {
      lock.unlock();
      tellAll(told);
    }
  }

  @Override
  public void invalidateAll() {
    lock.lock();
    try {
      lastInvalidateAll = ++writeCount;
    } finally {
      lock.unlock();
    }
    for (K key : new ArrayList<>(keys())) {
      invalidate(key);
    }
  }

  private List<K> keys() {
    lock.lock();
    try {
      return new ArrayList<>(entries.keySet());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long estimatedSize() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CacheStats stats() {
    lock.lock();
    try {
      return spec.recordStats() ? CacheStats.of(hits, misses, loadSuccesses, loadFailures, loadNanos, evictions, evictions) : CacheStats.empty();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void cleanUp() {
    List<Object[]> told = new ArrayList<>();
    lock.lock();
    try {
      for (K key : pendingInvalidations) {
        Entry<V> entry = entries.remove(key);
        if (entry != null) {
          told.add(new Object[] {key, entry.value, RemovalCause.EXPLICIT});
        }
      }
      pendingInvalidations.clear();
      long now = now();
      for (Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<K, Entry<V>> entry = it.next();
        if (expired(entry.getValue(), now)) {
          it.remove();
          evictions++;
          told.add(new Object[] {entry.getKey(), entry.getValue().value, RemovalCause.EXPIRED});
        }
      }
      evict(told);
      armTimer();
    } finally {
      lock.unlock();
    }
    tellAll(told);
  }

  @Override
  public ConcurrentMap<K, V> asMap() {
    return new View();
  }

  @Override
  public CachePolicy<K, V> policy() {
    return new CachePolicy<>() {
      public String name() { return "faulty LRU"; }
      public long maximum() { return spec.maximumSize(); }
      public long weightedSize() { return estimatedSize(); }
      public Map<K, V> coldest(int limit) { return ordered(limit, false); }
      public Map<K, V> hottest(int limit) { return ordered(limit, true); }
    };
  }

  private Map<K, V> ordered(int limit, boolean reverse) {
    List<Map.Entry<K, Entry<V>>> all;
    lock.lock();
    try {
      all = new ArrayList<>(entries.entrySet());
    } finally {
      lock.unlock();
    }
    if (reverse) {
      Collections.reverse(all);
    }
    Map<K, V> result = new LinkedHashMap<>();
    for (Map.Entry<K, Entry<V>> e : all.subList(0, Math.min(limit, all.size()))) {
      result.put(e.getKey(), e.getValue().value);
    }
    return Collections.unmodifiableMap(result);
  }

  private final class View extends AbstractMap<K, V> implements ConcurrentMap<K, V> {
    @SuppressWarnings("unchecked")
    @Override
    public V get(Object key) {
      return getIfPresentQuietly((K) key);
    }

    @Override
    public boolean containsKey(Object key) {
      return entrySet().stream().anyMatch(e -> e.getKey().equals(key));
    }

    @Override
    public V put(K key, V value) {
      return write(key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
      return FaultyCache.this.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key, Object value) {
      return FaultyCache.this.remove(key, value) != null;
    }

    @Override
    public V remove(Object key) {
      return FaultyCache.this.remove(key, null);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
      return FaultyCache.this.replace(key, oldValue, newValue);
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> function) {
      if (fault == Fault.COMPUTES_UNLOCKED || fault == Fault.LOSES_UPDATE) { // LOSES_UPDATE: the defaults go through the faulty replace
        return ConcurrentMap.super.computeIfAbsent(key, function);
      }
      return remap(key, (k, old) -> old != null ? old : function.apply(k), false);
    }

    @Override
    public V computeIfPresent(K key, java.util.function.BiFunction<? super K, ? super V, ? extends V> function) {
      if (fault == Fault.COMPUTES_UNLOCKED || fault == Fault.LOSES_UPDATE) { // LOSES_UPDATE: the defaults go through the faulty replace
        return ConcurrentMap.super.computeIfPresent(key, function);
      }
      return remap(key, function, true);
    }

    @Override
    public V compute(K key, java.util.function.BiFunction<? super K, ? super V, ? extends V> function) {
      if (fault == Fault.COMPUTES_UNLOCKED || fault == Fault.LOSES_UPDATE) { // LOSES_UPDATE: the defaults go through the faulty replace
        return ConcurrentMap.super.compute(key, function);
      }
      return remap(key, function, false);
    }

    @Override
    public V merge(K key, V value, java.util.function.BiFunction<? super V, ? super V, ? extends V> function) {
      if (fault == Fault.COMPUTES_UNLOCKED || fault == Fault.LOSES_UPDATE) { // LOSES_UPDATE: the defaults go through the faulty replace
        return ConcurrentMap.super.merge(key, value, function);
      }
      Objects.requireNonNull(value, "value");
      return remap(key, (k, old) -> old == null ? value : function.apply(old, value), false);
    }

    /** The compute family under the cache's lock: the function runs once per call, one caller at a time. */
    private V remap(K key, java.util.function.BiFunction<? super K, ? super V, ? extends V> function, boolean onlyIfPresent) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(function, "function");
      lock.lock();
      try {
        V old = get(key);
        if (old == null && onlyIfPresent) {
          return null;
        }
        V next = function.apply(key, old);
        if (next == null) {
          if (old != null && fault != Fault.KEEPS_ON_NULL) {
            FaultyCache.this.remove(key, null);
          }
          return fault == Fault.KEEPS_ON_NULL ? old : null;
        }
        if (next != old) {
          write(key, next);
        }
        return next;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public V replace(K key, V value) {
      V current = get(key);
      return current != null && FaultyCache.this.replace(key, current, value) ? current : null;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
      List<Object[]> told = new ArrayList<>();
      Map<K, V> live = new LinkedHashMap<>();
      lock.lock();
      try {
        for (K key : new ArrayList<>(entries.keySet())) {
          V value = lookup(key, told, false);
          if (value != null) {
            live.put(key, value);
          }
        }
      } finally {
        lock.unlock();
      }
      tellAll(told);
      return fault == Fault.DETACHED_VIEWS ? live.entrySet() : Collections.unmodifiableMap(live).entrySet();
    }
  }
}
