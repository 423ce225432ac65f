package dev.trestle.tck.ratelimit;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.ratelimit.ConcurrencyLimiterMetrics;
import dev.trestle.ratelimit.LimitExceededException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A plain concurrency limiter for the kit's self-tests: one lock and one condition, a simple
 * delay-based limit (a round trip above twice the lowest seen, or a drop, takes 10% off; otherwise
 * +1 while at least half the limit is in use), waits ended by a timer on the kit's ticker, reserved
 * partition shares. With no fault it passes every rule; each {@link Fault} breaks one.
 */
final class FaultyConcurrencyLimiter implements ConcurrencyLimiter {

  enum Fault {
    /** Admits one call more than the limit. */
    OFF_BY_ONE,
    /** A second completion frees a second slot. */
    NON_IDEMPOTENT,
    /** A drop does not lower the limit. */
    IGNORES_DROPS,
    /** Latency does not lower the limit. */
    IGNORES_LATENCY,
    /** Success never raises the limit. */
    NEVER_GROWS,
    /** The limit is not kept within [min, max]. */
    UNCLAMPED,
    /** call() completes its listener only when the task returns or throws an Exception, not an Error. */
    LEAKS_ON_ERROR,
    /** An acquire interrupted while it waits returns empty but keeps a slot. */
    KEEPS_SLOT_ON_INTERRUPT,
    /** An ignored call is counted as a success. */
    MISCOUNTS,
    /** The counters are read, then written back plus one, outside the lock. */
    LOST_UPDATE,
    /** A wait ends 1 ns before maxWait. */
    EARLY_TIMEOUT,
    /** Waiters are served newest first whatever the spec says. */
    WRONG_ORDER,
    /** Partitions are ignored: every call uses the whole limit. */
    NO_RESERVE
  }

  private final Fault fault;
  private final ConcurrencyLimiterSpec spec;
  private final ManualTicker ticker;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Node> waiters = new ArrayDeque<>();
  private final List<String> partitionNames;
  private final int[] inflightOf;
  private double limit;
  private long minRtt = Long.MAX_VALUE;
  private int inflight;
  private volatile long accepted;
  private volatile long rejected;
  private long succeeded;
  private long dropped;
  private long ignored;

  FaultyConcurrencyLimiter(Fault fault, ConcurrencyLimiterSpec spec) {
    this.fault = fault;
    this.spec = spec;
    this.ticker = spec.ticker();
    this.limit = spec.initialLimit();
    this.partitionNames = new ArrayList<>(spec.partitions().keySet());
    this.inflightOf = new int[partitionNames.size() + 1];
  }

  @Override
  public String name() {
    return "faulty";
  }

  @Override
  public Optional<Listener> acquire() {
    return acquireIn(0);
  }

  @Override
  public Optional<Listener> acquire(String partition) {
    int index = partitionNames.indexOf(partition);
    if (index < 0) {
      throw new IllegalArgumentException("no partition '" + partition + "'");
    }
    return acquireIn(index + 1);
  }

  @Override
  public int limit() {
    lock.lock();
    try {
      return (int) limit;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int inflight() {
    lock.lock();
    try {
      return inflight;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ConcurrencyLimiterMetrics metrics() {
    lock.lock();
    try {
      return new ConcurrencyLimiterMetrics((int) limit, inflight, accepted, rejected, succeeded, dropped, ignored);
    } finally {
      lock.unlock();
    }
  }

  private void countAccepted() {
    if (fault == Fault.LOST_UPDATE) {
      long read = accepted;
      Thread.yield();
      accepted = read + 1;
    } else {
      lock.lock();
      try {
        accepted++;
      } finally {
        lock.unlock();
      }
    }
  }

  private void countRejected() {
    lock.lock();
    try {
      rejected++;
    } finally {
      lock.unlock();
    }
  }

  private Optional<Listener> acquireIn(int partition) {
    Node node;
    lock.lock();
    try {
      if (admissible(partition)) {
        take(partition);
        return admitted(partition);
      }
      if (spec.maxWait().isZero()) {
        rejected++;
        return Optional.empty();
      }
      node = new Node(partition);
      waiters.addLast(node);
      long wait = spec.maxWait().toNanos() - (fault == Fault.EARLY_TIMEOUT ? 1 : 0);
      node.timer = ticker.schedule(() -> expire(node), wait);
      while (!node.granted && !node.expired) {
        try {
          changed.await();
        } catch (InterruptedException interrupted) {
          waiters.remove(node);
          if (node.granted || fault == Fault.KEEPS_SLOT_ON_INTERRUPT) {
            if (!node.granted) {
              take(partition);
            } else {
              release(partition);
            }
          }
          rejected++;
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
      node.timer.cancel();
      if (!node.granted) {
        waiters.remove(node);
        rejected++;
        return Optional.empty();
      }
      return admitted(partition);
    } finally {
      lock.unlock();
    }
  }

  private void expire(Node node) {
    lock.lock();
    try {
      node.expired = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private Optional<Listener> admitted(int partition) {
    if (fault != Fault.LOST_UPDATE) {
      accepted++;
      return Optional.of(new Call(partition, ticker.read(), inflight));
    }
    lock.unlock(); // the lost update happens outside the lock
    try {
      countAccepted();
    } finally {
      lock.lock();
    }
    return Optional.of(new Call(partition, ticker.read(), inflight));
  }

  private int reserve(int partition) {
    return partition == 0 ? 0 : (int) (spec.partitions().get(partitionNames.get(partition - 1)) * (int) limit);
  }

  private boolean admissible(int partition) {
    int max = (int) limit + (fault == Fault.OFF_BY_ONE ? 1 : 0);
    if (inflight >= max) {
      return false;
    }
    if (fault == Fault.NO_RESERVE || inflightOf[partition] < reserve(partition)) {
      return true;
    }
    int claimed = inflight + 1;
    for (int q = 1; q < inflightOf.length; q++) {
      if (q != partition) {
        claimed += Math.max(0, reserve(q) - inflightOf[q]);
      }
    }
    return claimed <= max;
  }

  private void take(int partition) {
    inflight++;
    inflightOf[partition]++;
  }

  /** Lock held. */
  private void release(int partition) {
    inflight--;
    inflightOf[partition]--;
    boolean lifo = spec.lifo();
    for (boolean any = true; any; ) {
      any = false;
      List<Node> order = new ArrayList<>(waiters);
      if (lifo || fault == Fault.WRONG_ORDER) {
        java.util.Collections.reverse(order);
      }
      for (Node node : order) {
        if (admissible(node.partition)) {
          waiters.remove(node);
          node.granted = true;
          take(node.partition);
          any = true;
          break;
        }
      }
    }
    changed.signalAll();
  }

  private void complete(Call call, int outcome, long rtt) {
    lock.lock();
    try {
      if (call.done && fault != Fault.NON_IDEMPOTENT) {
        return;
      }
      call.done = true;
      if (outcome == 0) {
        succeeded++;
        minRtt = Math.min(minRtt, Math.max(1, rtt));
        if (rtt > 2 * minRtt && fault != Fault.IGNORES_LATENCY) {
          limit *= 0.9;
        } else if (call.inflight * 2 >= limit && fault != Fault.NEVER_GROWS) {
          limit += 1;
        }
      } else if (outcome == 1) {
        dropped++;
        if (fault != Fault.IGNORES_DROPS) {
          limit = fault == Fault.UNCLAMPED ? limit * 0.5 : limit * 0.9;
        }
      } else if (fault == Fault.MISCOUNTS) {
        succeeded++;
      } else {
        ignored++;
      }
      if (fault != Fault.UNCLAMPED) {
        limit = Math.max(spec.minLimit(), Math.min(spec.maxLimit(), limit));
      }
      release(call.partition);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    if (task == null) {
      throw new NullPointerException("task must not be null");
    }
    Listener listener = acquire().orElseThrow(() -> new LimitExceededException(name(), limit()));
    T value;
    try {
      value = task.call();
    } catch (TimeoutException timeout) {
      listener.onDropped();
      throw timeout;
    } catch (Exception failure) {
      listener.onIgnore();
      throw failure;
    } catch (Error error) {
      if (fault != Fault.LEAKS_ON_ERROR) {
        listener.onIgnore();
      }
      throw error;
    }
    listener.onSuccess();
    return value;
  }

  private static final class Node {
    final int partition;
    boolean granted;
    boolean expired;
    Cancellable timer;

    Node(int partition) {
      this.partition = partition;
    }
  }

  private final class Call implements Listener {
    final int partition;
    final long start;
    final int inflight;
    boolean done; // guarded by the limiter's lock

    Call(int partition, long start, int inflight) {
      this.partition = partition;
      this.start = start;
      this.inflight = inflight;
    }

    @Override
    public void onSuccess() {
      complete(this, 0, ticker.read() - start);
    }

    @Override
    public void onSuccess(long rttNanos) {
      complete(this, 0, rttNanos);
    }

    @Override
    public void onDropped() {
      complete(this, 1, ticker.read() - start);
    }

    @Override
    public void onIgnore() {
      complete(this, 2, 0);
    }
  }

  @Override
  public String toString() {
    return "FaultyConcurrencyLimiter(" + fault + ", " + spec + ")";
  }
}
