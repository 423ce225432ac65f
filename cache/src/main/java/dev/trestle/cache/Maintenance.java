package dev.trestle.cache;

import dev.trestle.core.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance of a {@link BoundedCache}: the eviction order, kept under one lock that readers
 * never wait for. Reads and writes record their node in a striped {@link EventBuffer}; maintenance
 * (under the eviction lock) applies the recorded events in each thread's order, removes expired
 * entries and evicts to the bound. It runs when a write has been recorded or a read buffer is half
 * full, if the lock is free (or on the executor). A write whose buffer is full waits for the lock
 * and drains, so no write is lost; a read whose buffer holds a quarter of its capacity drains it if
 * the lock is free and is dropped otherwise (see {@link EvictionPolicy#LRU} for what that means for the order). With a
 * scheduler, an {@link ExpiryTimer} keeps one run pending at the earliest expiry, so expired
 * entries also leave a cache nobody calls. Removal notices found by maintenance are told to the
 * listener after the lock is released.
 *
 * <p>Thread-safe.
 */
final class Maintenance<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final ConcurrentHashMap<K, Node<K, V>> data;
  private final ReentrantLock evictionLock = new ReentrantLock();
  private final EventBuffer buffer = new EventBuffer();
  private final EvictionOrder<K, V> order;
  private final long maximum;
  private final boolean timed;
  /** Null when entries do not expire. */
  private final ExpiryOrder<K, V> expiry;
  private final Ticker ticker;
  private final Executor executor;
  private final RemovalListener<? super K, ? super V> listener;
  private final StatsCounter stats;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final DrainTask drainTask = new DrainTask(this);
  /** The timer's action. Only this field holds it strongly: a pending run must not keep the cache reachable. */
  private final Runnable timerAction = this::expireOnTimer;
  /** Null without a scheduler. */
  private final ExpiryTimer timer;
  private final Consumer<Object> applier = this::apply;

  /**
   * Whether reads may go unrecorded while the cache is less than half full: the adaptive policy
   * with unit weights and no expiry, whose nodes are {@link Node.Counted}.
   */
  final boolean mayskipReads;
  /**
   * True while reads are not recorded: the adaptive policy below half full, where nothing is
   * evicted and the order has nothing to decide yet (as in Caffeine). Each skipped read is counted
   * in its node instead, and the counts are replayed into the policy when the cache reaches half
   * full, so entries read often while it filled keep their frequency (CACHE-3.3). Written under
   * the lock.
   */
  private volatile boolean skipReads;
  /** Guarded by the eviction lock. */
  private long weightedSize;
  /** Removals found by maintenance, told to the listener once the lock is released. Guarded by the eviction lock. */
  private List<Object[]> evicted = new ArrayList<>();

  Maintenance(CacheConfig<K, V> config, ConcurrentHashMap<K, Node<K, V>> data, ExpiryOrder<K, V> expiry, StatsCounter stats) {
    this.data = data;
    this.maximum = config.maximum;
    this.order = newOrder(config.policy, maximum);
    this.timed = expiry != null;
    this.expiry = expiry;
    this.ticker = config.ticker;
    this.executor = config.executor;
    this.listener = config.removalListener;
    this.stats = stats;
    this.timer = config.scheduler != null ? new ExpiryTimer(config.scheduler, timerAction) : null;
    this.mayskipReads = config.policy == EvictionPolicy.ADAPTIVE && expiry == null && config.weigher == null;
    this.skipReads = mayskipReads;
  }

  /** Records a read: see {@link #record}; while {@link #skipReads}, only counted in the node. Allocates nothing. */
  void recordRead(Node<K, V> node) {
    if (skipReads) {
      node.countSkippedRead();
    } else {
      record(node, false, false);
    }
  }

  private static <K, V> EvictionOrder<K, V> newOrder(EvictionPolicy policy, long maximum) {
    int seed = java.util.concurrent.ThreadLocalRandom.current().nextInt();
    switch (policy) {
      case LRU:
        return new LruOrder<>();
      case LFU:
        return new LfuOrder<>(maximum, seed);
      default:
        return new WindowTinyLfuOrder<>(maximum, seed);
    }
  }

  /**
   * Records an event for maintenance. A write ({@code write}: an add, a removal, a new weight or
   * write time) is never lost: if its buffer is full it drains it (waiting, without parking, while
   * another thread does). A new entry asks for maintenance at once, so the bound is restored
   * promptly; other events when their buffer is half full. A read whose buffer already holds
   * {@link EventBuffer#READ_LIMIT} events (a quarter of it) drains it if the lock is free, and is
   * dropped only when another thread holds the lock (that thread is draining: waiting for it would
   * make reads serialise on the lock, and recording more reads for it would only make its drain
   * longer). A single thread's accesses are therefore never dropped. With an executor, such a read
   * is dropped and a drain is scheduled. A read allocates nothing.
   */
  void record(Node<K, V> node, boolean write, boolean added) {
    Object event = write && timed ? new Node.Rewrite(node) : node;
    for (;;) {
      int pending = buffer.offer(event, write ? EventBuffer.STRIPE_CAPACITY : EventBuffer.READ_LIMIT);
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
          removals = maintain();
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

  /** Asks for maintenance: on the executor if there is one, else here if the lock is free. */
  void scheduleDrain() {
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
      removals = maintain();
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
      removals = maintain();
    } finally {
      evictionLock.unlock();
    }
    afterMaintenance(removals);
  }

  /**
   * The drain submitted to the executor. A {@link ForkJoinTask} so that a {@link ForkJoinPool}
   * runs it as it is instead of wrapping it in a new task per submission (a drain then allocates
   * nothing); {@link #exec} reports it never completed, so the same task can be submitted again
   * (Caffeine's trick). Any other executor runs it as a plain {@link Runnable}.
   */
  @SuppressWarnings("serial") // never serialised
  private static final class DrainTask extends ForkJoinTask<Void> implements Runnable {
    private final Maintenance<?, ?> maintenance;

    DrainTask(Maintenance<?, ?> maintenance) {
      this.maintenance = maintenance;
    }

    @Override
    public void run() {
      maintenance.drainOnExecutor();
    }

    @Override
    protected boolean exec() {
      try {
        run();
      } catch (RuntimeException | Error e) {
        LOG.warn("cache maintenance failed on the executor", e);
      }
      return false;
    }

    @Override
    public Void getRawResult() {
      return null;
    }

    @Override
    protected void setRawResult(Void value) {}
  }

  /** Runs maintenance now, waiting for the lock. */
  void cleanUp() {
    List<Object[]> removals;
    evictionLock.lock();
    try {
      removals = maintain();
    } finally {
      evictionLock.unlock();
    }
    afterMaintenance(removals);
  }

  /** Applies the recorded events and returns the total weight the policy holds. */
  long weightedSize() {
    evictionLock.lock();
    try {
      buffer.drainTo(applier);
      if (timer != null) {
        armTimer(ticker.read()); // entries just applied need a run if none is pending
      }
      return weightedSize;
    } finally {
      evictionLock.unlock();
      afterMaintenance(null);
    }
  }

  /** Visits the entries in the policy's order (coldest or hottest first) under the lock, until {@code visitor} returns false. */
  void visit(boolean coldest, Predicate<Node<K, V>> visitor) {
    evictionLock.lock();
    try {
      if (coldest) {
        order.coldestFirst(visitor);
      } else {
        order.hottestFirst(visitor);
      }
    } finally {
      evictionLock.unlock();
    }
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
  private List<Object[]> maintain() {
    buffer.drainTo(applier);
    long now = timed ? ticker.read() : 0;
    if (timed) {
      expiry.expire(now, node -> evict(node, RemovalCause.EXPIRED));
    }
    evictToBound(null);
    if (mayskipReads) {
      boolean skip = weightedSize < maximum - weightedSize;
      if (skip != skipReads) {
        skipReads = skip;
        if (!skip) {
          replaySkippedReads();
        }
      }
    }
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

  /**
   * The cache has just reached half full: replays the reads each entry counted while they were
   * skipped as accesses, so the sketch and the queues know the entries read while it filled.
   * Entries whose add is still in the buffer replay theirs when it is applied. Under the lock.
   */
  private void replaySkippedReads() {
    for (Node<K, V> node : data.values()) {
      if (order.contains(node)) {
        replay(node);
      }
    }
  }

  /** Applies the skipped reads {@code node} (which is in the order) counted, if any. Under the lock. */
  private void replay(Node<K, V> node) {
    int reads = node.takeSkippedReads();
    if (reads > 0) {
      order.replayReads(node, reads);
    }
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
      if (mayskipReads && !skipReads && order.contains(node)) {
        replay(node); // reads skipped between the add and now, which the replay at half full missed
      }
      return;
    }
    if (mayskipReads && !skipReads) {
      replay(node); // reads counted by a reader that saw skipReads just before it turned false
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
      order.reweighed(node, old);
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
  private void evictToBound(Node<K, V> newcomer) {
    if (newcomer != null && newcomer.policyWeight() > maximum) {
      evict(newcomer, RemovalCause.SIZE);
      newcomer = null;
    }
    while (weightedSize > maximum) {
      Node<K, V> victim = order.victim(newcomer);
      if (victim == null) {
        return;
      }
      if (victim == newcomer) {
        newcomer = null;
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
        if (cause == RemovalCause.EXPIRED && !expiry.isExpired(current, now)) {
          kept[0] = true;
          return current;
        }
        removed[0] = current.value;
        current.retire();
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

  /** Tells the listener of one removal; a listener that throws is logged, never propagated. */
  void notify(K key, V value, RemovalCause cause) {
    if (listener == null) {
      return;
    }
    try {
      listener.onRemoval(key, value, cause);
    } catch (RuntimeException e) {
      LOG.warn("removal listener threw for {} of key {}", cause, key, e);
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
}
