package dev.trestle.ratelimit;

import dev.trestle.core.Ticker;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.internal.TimedPark;
import dev.trestle.core.internal.WaiterQueue;
import dev.trestle.core.internal.WaiterQueue.ParkedWaiter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The concurrency limiter. Two ways to admit, chosen once from the config:
 *
 * <ul>
 *   <li><b>Direct</b> (no waiting, no partitions): one compare-and-set on the count in flight
 *       against the current limit; a completion decrements it.
 *   <li><b>Queued</b> (waiting or partitions): every admission and release under one lock, that of
 *       the first partition's waiter queue, which guards the per-partition counts and every queue
 *       (each queue's "lock held" operations are called only under it). Invariant under it: no
 *       waiter of a partition is queued while that partition could be admitted, because every
 *       release and every new limit is followed by {@link #grantWaiters}; so a newcomer never
 *       overtakes a waiter of its own partition. Index 0 is the calls without a partition.
 * </ul>
 *
 * <p>The limit algorithm is fed by each completion before its slot is freed, so the waiters it lets
 * in see the new limit.
 */
final class DefaultConcurrencyLimiter implements ConcurrencyLimiter {

  private final ConcurrencyLimiterConfig config;
  private final Ticker ticker;
  private final Limit limit;
  private final boolean queued;
  private final AtomicInteger inflight = new AtomicInteger();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder ignored = new LongAdder();

  // queued mode only
  private final Map<String, Integer> partitionIndex = new HashMap<>();
  private final double[] shares;
  private final int[] inflightOf; // guarded by lock()
  private final List<WaiterQueue<SlotWaiter>> queues = new ArrayList<>();

  DefaultConcurrencyLimiter(ConcurrencyLimiterConfig config) {
    this.config = config;
    this.ticker = config.ticker;
    this.limit = Limit.of(config);
    this.queued = config.maxWaitNanos > 0 || !config.partitions.isEmpty();
    int n = config.partitions.size() + 1;
    this.shares = new double[n];
    this.inflightOf = new int[n];
    queues.add(new WaiterQueue<>());
    int i = 1;
    for (Map.Entry<String, Double> partition : config.partitions.entrySet()) {
      partitionIndex.put(partition.getKey(), i);
      shares[i++] = partition.getValue();
      queues.add(new WaiterQueue<>());
    }
  }

  @Override
  public String name() {
    return config.name;
  }

  Ticker ticker() {
    return ticker;
  }

  @Override
  public int limit() {
    return limit.get();
  }

  @Override
  public int inflight() {
    return inflight.get();
  }

  @Override
  public ConcurrencyLimiterMetrics metrics() {
    return new ConcurrencyLimiterMetrics(limit.get(), inflight.get(), accepted.sum(), rejected.sum(), succeeded.sum(),
        dropped.sum(), ignored.sum());
  }

  // ---- acquiring ----

  @Override
  public Optional<Listener> acquire() {
    return acquireIn(0);
  }

  @Override
  public Optional<Listener> acquire(String partition) {
    Integer index = partitionIndex.get(Arguments.requireNonNull(partition, "partition"));
    if (index == null) {
      throw new IllegalArgumentException("concurrency limiter '" + config.name + "' has no partition '" + partition
          + "'; its partitions are " + config.partitions.keySet());
    }
    return acquireIn(index);
  }

  private Optional<Listener> acquireIn(int partition) {
    if (!queued) {
      for (int now = inflight.get(); now < limit.get(); now = inflight.get()) {
        if (inflight.compareAndSet(now, now + 1)) {
          return admitted(partition, now + 1);
        }
      }
      rejected.increment();
      return Optional.empty();
    }
    long start = ticker.read();
    int taken = admitOrQueue(partition, null);
    if (taken > 0) {
      return admitted(partition, taken);
    }
    if (config.maxWaitNanos == 0) {
      rejected.increment();
      return Optional.empty();
    }
    try (TimedPark park = TimedPark.start(ticker, config.scheduler, start, config.maxWaitNanos)) {
      return await(partition, park);
    }
  }

  private Optional<Listener> admitted(int partition, int inflightNow) {
    accepted.increment();
    return Optional.of(new CallListener(this, partition, ticker.read(), inflightNow));
  }

  /** Admits now (returns the calls in flight, itself included), or queues {@code waiter} if not null (returns 0). */
  private int admitOrQueue(int partition, SlotWaiter waiter) {
    WaiterQueue<SlotWaiter> queue = queues.get(partition);
    lock();
    try {
      if (queue.isEmpty() && admissible(partition, limit.get())) {
        return take(partition);
      }
      if (waiter != null) {
        queue.add(waiter);
      }
      return 0;
    } finally {
      unlock();
    }
  }

  private Optional<Listener> await(int partition, TimedPark park) {
    SlotWaiter waiter = new SlotWaiter(partition);
    int taken = admitOrQueue(partition, waiter);
    if (taken > 0) {
      return admitted(partition, taken);
    }
    int state = WaiterQueue.WAITING;
    while (state == WaiterQueue.WAITING) {
      state = waiter.awaitOnce(park, this);
      if (state == WaiterQueue.INTERRUPTED) {
        if (!withdraw(waiter)) {
          release(partition); // granted as the interrupt came: the slot is not ours to keep
        }
        rejected.increment();
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      if (state == WaiterQueue.TIMED_OUT) {
        state = withdraw(waiter) ? WaiterQueue.ABANDONED : WaiterQueue.GRANTED; // granted as the wait ended: keep it
      }
    }
    if (state != WaiterQueue.GRANTED) {
      rejected.increment();
      return Optional.empty();
    }
    return admitted(partition, inflight.get());
  }

  private boolean withdraw(SlotWaiter waiter) {
    lock();
    try {
      return queues.get(waiter.partition).withdraw(waiter);
    } finally {
      unlock();
    }
  }

  // ---- the partitions' arithmetic, lock held ----

  private void lock() {
    queues.get(0).lock();
  }

  private void unlock() {
    queues.get(0).unlock();
  }

  private int reserve(int partition, int currentLimit) {
    return (int) (shares[partition] * currentLimit);
  }

  /**
   * Whether a call of {@code partition} may be admitted: the total stays within the limit, and the
   * call fits in its own reserve or in what no other partition reserves and leaves unused.
   */
  private boolean admissible(int partition, int currentLimit) {
    int total = inflight.get();
    if (total >= currentLimit) {
      return false;
    }
    if (inflightOf[partition] < reserve(partition, currentLimit)) {
      return true;
    }
    int claimed = total + 1;
    for (int q = 1; q < inflightOf.length; q++) {
      if (q != partition) {
        claimed += Math.max(0, reserve(q, currentLimit) - inflightOf[q]);
      }
    }
    return claimed <= currentLimit;
  }

  private int take(int partition) {
    inflightOf[partition]++;
    return inflight.incrementAndGet();
  }

  // ---- completing ----

  /** Called once per admitted call, by its listener. */
  void complete(int partition, long rttNanos, int inflightAtAdmission, int outcome) {
    switch (outcome) {
      case CallListener.SUCCESS:
        succeeded.increment();
        limit.sample(rttNanos, inflightAtAdmission, false);
        break;
      case CallListener.DROPPED:
        dropped.increment();
        limit.sample(rttNanos, inflightAtAdmission, true);
        break;
      default:
        ignored.increment();
        break;
    }
    release(partition);
  }

  private void release(int partition) {
    if (!queued) {
      inflight.decrementAndGet();
      return;
    }
    List<SlotWaiter> granted;
    lock();
    try {
      inflightOf[partition]--;
      inflight.decrementAndGet();
      granted = grantWaiters();
    } finally {
      unlock();
    }
    if (granted != null) {
      for (SlotWaiter waiter : granted) {
        waiter.wake();
      }
    }
  }

  /** Lock held: grants every waiter that may now be admitted; returns them (to wake after unlocking), or null. */
  private List<SlotWaiter> grantWaiters() {
    List<SlotWaiter> granted = null;
    int currentLimit = limit.get();
    boolean any = true;
    while (any && inflight.get() < currentLimit) {
      any = false;
      for (int p = queues.size() - 1; p >= 0; p--) { // the partitions first, then the calls without one
        WaiterQueue<SlotWaiter> queue = queues.get(p);
        if (!queue.isEmpty() && admissible(p, currentLimit)) {
          SlotWaiter next = config.lifo ? queue.grantLast() : queue.grantFirst();
          take(p);
          if (granted == null) {
            granted = new ArrayList<>(2);
          }
          granted.add(next);
          any = true;
        }
      }
    }
    return granted;
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    Arguments.requireNonNull(task, "task");
    Listener listener = acquire().orElseThrow(() -> new LimitExceededException(config.name, limit.get()));
    T value;
    try {
      value = task.call();
    } catch (Throwable failure) {
      if (config.droppedWhen.test(failure)) {
        listener.onDropped();
      } else {
        listener.onIgnore();
      }
      throw failure;
    }
    listener.onSuccess();
    return value;
  }

  @Override
  public String toString() {
    return "ConcurrencyLimiter[" + config.name + ", " + config.algorithm + ", " + metrics() + "]";
  }

  /** A thread waiting for a slot of its partition. */
  private static final class SlotWaiter extends ParkedWaiter {
    final int partition;

    SlotWaiter(int partition) {
      this.partition = partition;
    }
  }
}
