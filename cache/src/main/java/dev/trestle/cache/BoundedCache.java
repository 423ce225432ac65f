package dev.trestle.cache;

import dev.trestle.core.Ticker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The Trestle cache: a {@link ConcurrentHashMap} of nodes, and an eviction order (LRU or LFU) kept
 * under one lock that readers never wait for. A read looks the node up, checks its times, and
 * records the access in a striped {@link EventBuffer}; a write changes the map under the key's bin
 * lock and records the node the same way. Maintenance (under the eviction lock) applies the
 * recorded events in each thread's order, removes expired entries and evicts to the bound. It runs
 * when a write has been recorded or a read buffer is half full, if the lock is free (or on the
 * executor). A write whose buffer is full waits for the lock and drains, so no write is lost; a
 * read whose buffer is full drains if the lock is free and is dropped otherwise (see
 * {@link EvictionPolicy#LRU} for what that means for the order). With a scheduler, an
 * {@link ExpiryTimer} keeps one run of the maintenance pending at the earliest expiry, so expired
 * entries also leave a cache nobody calls.
 */
final class BoundedCache<K, V> implements Cache<K, V> {

  private static final System.Logger LOG = System.getLogger(BoundedCache.class.getName());

  final ConcurrentHashMap<K, Node<K, V>> data = new ConcurrentHashMap<>();
  private final ReentrantLock evictionLock = new ReentrantLock();
  private final EventBuffer buffer = new EventBuffer();
  final EvictionOrder<K, V> order;
  private final EvictionPolicy policy;
  private final long maximum;
  private final Weigher<? super K, ? super V> weigher;
  /** Whether entries expire; {@link #expiry} is null when they do not. */
  private final boolean timed;
  private final ExpiryOrder<K, V> expiry;
  private final Ticker ticker;
  private final Executor executor;
  private final RemovalListener<? super K, ? super V> listener;
  private final StatsCounter stats;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drainTask = this::drainOnExecutor;
  /** The timer's action. Only this field holds it strongly: a pending run must not keep the cache reachable. */
  private final Runnable timerAction = this::expireOnTimer;
  /** Null without a scheduler. */
  private final ExpiryTimer timer;

  /** Guarded by the eviction lock. */
  private long weightedSize;
  /** Removals found by maintenance, told to the listener once the lock is released. Guarded by the eviction lock. */
  private List<Object[]> evicted = new ArrayList<>();
  private MapView<K, V> mapView;

  /** Reads {@code config} into final fields once: the hot paths never go back to it. */
  BoundedCache(CacheConfig<K, V> config) {
    this.policy = config.policy;
    this.maximum = config.maximum;
    this.weigher = config.weigher;
    this.order = config.policy == EvictionPolicy.LFU ? new LfuOrder<>(maximum) : new LruOrder<>();
    this.timed = config.expires();
    this.expiry = timed ? new ExpiryOrder<>(config) : null;
    this.ticker = config.ticker;
    this.executor = config.executor;
    this.listener = config.removalListener;
    this.stats = new StatsCounter(config.recordStats);
    this.timer = config.scheduler != null ? new ExpiryTimer(config.scheduler, timerAction) : null;
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
        scheduleDrain();
        return null;
      }
      if (expiry.tracksAccess()) {
        node.setAccessTime(now);
      }
    }
    record(node, false, false);
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
    return isExpired(node, timed ? ticker.read() : 0) ? null : value;
  }

  /** Returns whether {@code node} has expired at {@code now}; never, when entries do not expire. */
  private boolean isExpired(Node<K, V> node, long now) {
    return timed && expiry.isExpired(node, now);
  }

  // ---- writes ----

  private Node<K, V> newNode(K key, V value, int weight, long now) {
    if (timed) {
      return new Node.Timed<>(key, value, weight, now);
    }
    return weigher != null ? new Node.Weighted<>(key, value, weight) : new Node<>(key, value);
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

  /** Outcome of a write, filled in under the bin lock. */
  private static final class WriteOutcome<V> {
    Node<?, V> node;
    V replaced;
    V expired;
    boolean added;
    boolean present;
  }

  /** Writes {@code key -> value} (only if absent or expired when {@code onlyIfAbsent}); returns the live value replaced or kept. */
  V write(K key, V value, boolean onlyIfAbsent) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    int weight = weigh(key, value);
    long now = timed ? ticker.read() : 0;
    Node<K, V> present = data.get(key);
    if (present == null) {
      Node<K, V> fresh = newNode(key, value, weight, now);
      if (data.putIfAbsent(key, fresh) == null) {
        record(fresh, true, true);
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
        record(present, timed || reweighed, false);
        notify(key, old, expired ? RemovalCause.EXPIRED : RemovalCause.REPLACED);
        return expired ? null : old;
      }
    }
    WriteOutcome<V> outcome = new WriteOutcome<>();
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
    @SuppressWarnings("unchecked")
    Node<K, V> node = (Node<K, V>) outcome.node;
    record(node, !outcome.present, outcome.added);
    if (outcome.expired != null) {
      notify(key, outcome.expired, RemovalCause.EXPIRED);
    }
    if (outcome.replaced != null && !outcome.present) {
      notify(key, outcome.replaced, RemovalCause.REPLACED);
    }
    return outcome.replaced;
  }

  /**
   * Writes a new value into a live node. Under the node's monitor, as is {@link #retire}, so that the
   * fast update path of {@link #write} (which holds only the monitor, not the map's bin lock) never
   * writes into a node that a removal has taken out of the map.
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

  /** Marks a node removed from the map; called inside the compute that removes it. */
  private static void retire(Node<?, ?> node) {
    synchronized (node) {
      node.key = Node.RETIRED;
    }
  }

  @Override
  public V get(K key, Function<? super K, ? extends V> loader) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    Node<K, V> present = data.get(key);
    if (present != null) {
      V value = present.value;
      long now = timed ? ticker.read() : 0;
      if (!isExpired(present, now)) {
        if (timed && expiry.tracksAccess()) {
          present.setAccessTime(now);
        }
        record(present, false, false);
        stats.hit();
        return value;
      }
    }
    return loadIfAbsent(key, loader);
  }

  private V loadIfAbsent(K key, Function<? super K, ? extends V> loader) {
    long now = timed ? ticker.read() : 0;
    WriteOutcome<V> outcome = new WriteOutcome<>();
    Node<K, V> result;
    try {
      result = compute(key, loader, now, outcome);
    } catch (RuntimeException | Error e) {
      stats.miss();
      throw e;
    }
    return finishLoad(key, result, outcome);
  }

  private Node<K, V> compute(K key, Function<? super K, ? extends V> loader, long now, WriteOutcome<V> outcome) {
    return data.compute(key, (k, node) -> {
      if (node != null && !isExpired(node, now)) {
        outcome.present = true;
        return node;
      }
      long start = ticker.read();
      V value;
      try {
        value = loader.apply(k);
      } catch (RuntimeException | Error e) {
        stats.loadFailure(ticker.read() - start);
        throw e;
      }
      long elapsed = ticker.read() - start;
      if (value == null) {
        stats.loadFailure(elapsed);
        if (node != null) {
          synchronized (node) {
            outcome.expired = node.value;
            retire(node);
          }
          outcome.node = node;
        }
        return null;
      }
      stats.loadSuccess(elapsed);
      int weight = weigh(k, value);
      if (node == null) {
        node = newNode(k, value, weight, now);
        outcome.added = true;
      } else {
        synchronized (node) {
          outcome.expired = node.value;
          update(node, value, weight, now);
        }
      }
      return node;
    });
  }

  private V finishLoad(K key, Node<K, V> result, WriteOutcome<V> outcome) {
    if (outcome.present) {
      stats.hit();
      record(result, false, false);
      return result.value;
    }
    stats.miss();
    if (result != null) {
      record(result, true, outcome.added);
    } else if (outcome.node != null) {
      @SuppressWarnings("unchecked")
      Node<K, V> retired = (Node<K, V>) outcome.node;
      record(retired, true, false);
    }
    if (outcome.expired != null) {
      notify(key, outcome.expired, RemovalCause.EXPIRED);
    }
    return result == null ? null : result.value;
  }

  // ---- removals ----

  @Override
  public void invalidate(K key) {
    remove(key, null);
  }

  /** Removes the entry for {@code key} (only if its value equals {@code expected}, when given); returns the live value removed. */
  V remove(Object key, Object expected) {
    Objects.requireNonNull(key, "key");
    long now = timed ? ticker.read() : 0;
    WriteOutcome<V> outcome = new WriteOutcome<>();
    data.computeIfPresent(castKey(key), (k, node) -> {
      V value;
      boolean expired;
      synchronized (node) { // against the fast update path: the value told is the value removed
        value = node.value;
        expired = isExpired(node, now);
        if (expected != null && (expired || !expected.equals(value))) {
          return node;
        }
        retire(node);
      }
      outcome.node = node;
      if (expired) {
        outcome.expired = value;
      } else {
        outcome.replaced = value;
      }
      return null;
    });
    if (outcome.node == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Node<K, V> node = (Node<K, V>) outcome.node;
    record(node, true, false);
    @SuppressWarnings("unchecked")
    K k = (K) key;
    if (outcome.expired != null) {
      notify(k, outcome.expired, RemovalCause.EXPIRED);
    } else {
      notify(k, outcome.replaced, RemovalCause.EXPLICIT);
    }
    return outcome.replaced;
  }

  /** Replaces the live value of {@code key} (only if it equals {@code expected}, when given); returns the value replaced. */
  V replace(K key, V expected, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    int weight = weigh(key, value);
    long now = timed ? ticker.read() : 0;
    WriteOutcome<V> outcome = new WriteOutcome<>();
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
    if (outcome.node == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Node<K, V> node = (Node<K, V>) outcome.node;
    record(node, true, false);
    notify(key, outcome.replaced, RemovalCause.REPLACED);
    return outcome.replaced;
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

  // ---- maintenance ----

  /**
   * Records an event for maintenance. A write ({@code write}: an add, a removal, a new weight or
   * write time) is never lost: if its buffer is full it drains it
   * (waiting, without parking, while another thread does). A new entry asks for maintenance at
   * once, so the bound is restored promptly; other events when their buffer is half full. A read
   * whose buffer is full drains it if the lock is free, and is dropped only when another thread
   * holds the lock (that thread is draining: waiting for it would make reads serialise on the
   * lock). A single thread's accesses are therefore never dropped. With an executor, a read that
   * finds its buffer full is dropped and a drain is scheduled.
   */
  private void record(Node<K, V> node, boolean write, boolean added) {
    Object event = write && timed ? new Node.Rewrite(node) : node;
    for (;;) {
      int pending = buffer.offer(event);
      if (pending >= 0) {
        if (added || (pending >= EventBuffer.DRAIN_THRESHOLD && !evictionLock.isLocked())) {
          scheduleDrain();
        }
        return;
      }
      if (!write && executor != null) {
        scheduleDrain();
        return; // dropped: the executor has not drained this buffer yet
      }
      if (evictionLock.tryLock()) {
        List<Object[]> removals;
        try {
          removals = maintenance();
        } finally {
          evictionLock.unlock();
        }
        afterMaintenance(removals);
      } else if (!write) {
        return; // dropped: another thread is draining right now
      } else {
        Thread.yield(); // the lock holder is draining the buffers: space is coming
      }
    }
  }

  private void scheduleDrain() {
    if (executor == null || !submitDrain()) {
      tryDrainHere();
    }
  }

  /** Queues a drain on the executor unless one is queued already; returns false if the executor refused it. */
  private boolean submitDrain() {
    if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
      try {
        executor.execute(drainTask);
      } catch (RejectedExecutionException e) {
        drainScheduled.set(false);
        return false;
      }
    }
    return true;
  }

  /** Runs maintenance if the lock is free; returns whether it did. */
  private boolean tryDrainHere() {
    if (!evictionLock.tryLock()) {
      return false;
    }
    List<Object[]> removals;
    try {
      removals = maintenance();
    } finally {
      evictionLock.unlock();
    }
    afterMaintenance(removals);
    return true;
  }

  /** The timer's run: maintenance, which removes what has expired and asks the timer for the next expiry. */
  private void expireOnTimer() {
    if (executor != null && submitDrain()) {
      return;
    }
    if (!tryDrainHere()) {
      // The holder of the lock may have asked the timer before this run stopped being pending, and
      // been ignored: unless it has asked since, ask for another run, so an idle cache is not left
      // without one (the timer paces it).
      timer.scheduleIfIdle(ticker.read());
    }
  }

  private void drainOnExecutor() {
    List<Object[]> removals;
    evictionLock.lock();
    try {
      drainScheduled.set(false);
      removals = maintenance();
    } finally {
      evictionLock.unlock();
    }
    afterMaintenance(removals);
  }

  @Override
  public void cleanUp() {
    List<Object[]> removals;
    evictionLock.lock();
    try {
      removals = maintenance();
    } finally {
      evictionLock.unlock();
    }
    afterMaintenance(removals);
  }

  /**
   * After the eviction lock is released: tells the listener the removals found, and makes sure
   * events recorded too late for that maintenance are not left waiting for a call that may never
   * come. Such an event's thread found the lock held (its tryLock failed) and left the work to the
   * holder; this check, after the unlock, sees its event, or else that thread's tryLock came after
   * the unlock and succeeded.
   */
  private void afterMaintenance(List<Object[]> removals) {
    if (timer != null && buffer.hasEvents()) {
      timer.scheduleIfIdle(ticker.read()); // a pending run drains the buffer too
    }
    deliver(removals);
  }

  /** Applies recorded events, expires, evicts; returns the removals to tell the listener. Under the lock. */
  private List<Object[]> maintenance() {
    buffer.drainTo(this::apply);
    long now = timed ? ticker.read() : 0;
    if (timed) {
      expiry.expire(now, node -> evict(node, RemovalCause.EXPIRED));
    }
    evictToBound(null);
    if (timer != null) {
      armTimer(now);
    }
    if (evicted.isEmpty()) {
      return null;
    }
    List<Object[]> removals = evicted;
    evicted = new ArrayList<>();
    return removals;
  }

  @SuppressWarnings("unchecked")
  private void apply(Object event) {
    boolean rewrite = event instanceof Node.Rewrite;
    Node<K, V> node = (Node<K, V>) (rewrite ? ((Node.Rewrite) event).node : event);
    Object key = node.key;
    if (key == Node.DEAD) {
      return;
    }
    if (key == Node.RETIRED) {
      unlink(node);
      node.key = Node.DEAD;
      return;
    }
    if (!order.contains(node)) {
      int weight = node.weight();
      node.setPolicyWeight(weight);
      weightedSize += weight;
      order.add(node);
      if (timed) {
        expiry.add((Node.Timed<K, V>) node);
      }
      evictToBound(node);
      return;
    }
    order.touch(node);
    if (timed) {
      expiry.touch((Node.Timed<K, V>) node, rewrite);
    }
    int weight = node.weight();
    int old = node.policyWeight();
    if (weight != old) {
      node.setPolicyWeight(weight);
      weightedSize += weight - old;
      evictToBound(null);
    }
  }

  private void unlink(Node<K, V> node) {
    if (!order.contains(node)) {
      return;
    }
    order.remove(node);
    weightedSize -= node.policyWeight();
    if (timed) {
      expiry.remove((Node.Timed<K, V>) node);
    }
  }

  /** Evicts until within the bound; a newcomer that loses admission, or outweighs the bound, is evicted itself. */
  private void evictToBound(Node<K, V> candidate) {
    if (candidate != null && candidate.policyWeight() > maximum) {
      evict(candidate, RemovalCause.SIZE);
      candidate = null;
    }
    while (weightedSize > maximum) {
      Node<K, V> victim = order.victim(candidate);
      if (victim == null) {
        if (candidate == null) {
          return;
        }
        victim = candidate;
      } else if (candidate != null && !order.admit(candidate, victim)) {
        victim = candidate;
      }
      if (victim == candidate) {
        candidate = null;
      }
      evict(victim, RemovalCause.SIZE);
    }
  }

  /**
   * Asks the timer for a run when the first entry the policy knows expires, or cancels it when the
   * policy holds no entry. A run that comes early (a head's time moved by an event the drain
   * applied, or an entry removed) finds nothing due and asks again. One can come late only if a
   * write or read to a head lands between the drain and this method: the run is then due at the
   * head's new time, and the entry behind it leaves that much late (Caffeine has the same window).
   * Under the lock.
   */
  private void armTimer(long now) {
    long delay = expiry.untilFirstExpiry(now);
    if (delay == ExpiryOrder.NO_ENTRY) {
      timer.cancel();
    } else {
      timer.schedule(now, delay);
    }
  }

  /** Removes {@code node} from the map and the policy; returns false if it was kept (no longer expired). */
  @SuppressWarnings("unchecked")
  private boolean evict(Node<K, V> node, RemovalCause cause) {
    Object key = node.key;
    if (key == Node.RETIRED || key == Node.DEAD) {
      unlink(node);
      node.key = Node.DEAD;
      return true;
    }
    Object[] removed = new Object[1];
    boolean[] kept = new boolean[1];
    long now = cause == RemovalCause.EXPIRED ? ticker.read() : 0;
    data.computeIfPresent((K) key, (k, current) -> {
      if (current != node) {
        return current;
      }
      synchronized (current) { // against the fast update path: the value told is the value evicted
        if (cause == RemovalCause.EXPIRED && !isExpired(current, now)) {
          kept[0] = true;
          return current;
        }
        removed[0] = current.value;
        retire(current);
      }
      return null;
    });
    if (kept[0]) {
      return false;
    }
    unlink(node);
    node.key = Node.DEAD;
    if (removed[0] != null) {
      stats.eviction(node.policyWeight());
      if (listener != null) {
        evicted.add(new Object[] {key, removed[0], cause});
      }
    }
    return true;
  }

  // ---- listener ----

  private void notify(K key, V value, RemovalCause cause) {
    if (listener == null) {
      return;
    }
    try {
      listener.onRemoval(key, value, cause);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "removal listener threw for " + cause + " of key " + key, e);
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(List<Object[]> removals) {
    if (removals != null) {
      for (Object[] removal : removals) {
        notify((K) removal[0], (V) removal[1], (RemovalCause) removal[2]);
      }
    }
  }

  // ---- views ----

  @Override
  public ConcurrentMap<K, V> asMap() {
    MapView<K, V> view = mapView;
    return view != null ? view : (mapView = new MapView<>(this));
  }

  @Override
  public CachePolicy<K, V> policy() {
    return new CachePolicy<>() {
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
        evictionLock.lock();
        try {
          buffer.drainTo(BoundedCache.this::apply);
          if (timer != null) {
            armTimer(ticker.read()); // entries just applied need a run if none is pending
          }
          return BoundedCache.this.weightedSize;
        } finally {
          evictionLock.unlock();
          afterMaintenance(null);
        }
      }

      @Override
      public Map<K, V> coldest(int limit) {
        return ordered(limit, true);
      }

      @Override
      public Map<K, V> hottest(int limit) {
        return ordered(limit, false);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> ordered(int limit, boolean coldest) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be zero or more, was " + limit);
    }
    cleanUp();
    Map<K, V> result = new LinkedHashMap<>();
    long now = timed ? ticker.read() : 0;
    evictionLock.lock();
    try {
      java.util.function.Predicate<Node<K, V>> visitor = node -> {
        if (result.size() >= limit) {
          return false;
        }
        Object key = node.key;
        V value = node.value;
        if (key != Node.RETIRED && key != Node.DEAD && !isExpired(node, now)) {
          result.put((K) key, value);
        }
        return true;
      };
      if (coldest) {
        order.coldestFirst(visitor);
      } else {
        order.hottestFirst(visitor);
      }
    } finally {
      evictionLock.unlock();
    }
    return Collections.unmodifiableMap(result);
  }

  @Override
  public String toString() {
    return "Cache[" + policy + ", maximum=" + maximum + ", size~" + data.mappingCount() + "]";
  }
}
