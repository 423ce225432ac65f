package dev.trestle.ratelimit;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * Admission by concurrency: at most {@link #limit()} calls to one dependency in flight, where the
 * limit is fixed or learned from the calls themselves (their round-trip times and drops), so that a
 * client sends what the dependency can serve without queueing and sheds the rest at once, instead
 * of piling requests into its queue until they all time out (Little's law: in flight = throughput
 * x latency; past capacity only latency grows).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>Never more calls in flight than the limit, under any interleaving: an acquire is admitted
 *       only while fewer than {@link #limit()} calls are in flight. (When the limit drops below the
 *       calls already in flight, none is admitted until enough have completed.)
 *   <li>Each admitted call gets a {@link Listener} and must complete it once: {@link
 *       Listener#onSuccess() onSuccess} (with its round-trip time), {@link Listener#onDropped()
 *       onDropped} (timed out or refused by the dependency: a sign of overload), or {@link
 *       Listener#onIgnore() onIgnore} (failed for a reason that says nothing about capacity). The
 *       first completion frees the slot and feeds the limit algorithm; any later one does nothing.
 *   <li>The limit moves only within {@code [minLimit, maxLimit]}, by the config's {@link
 *       LimitAlgorithm}: down under drops and (except {@code AIMD}) under rising latency, up while
 *       calls succeed at the latency without queueing and use at least half of it.
 *   <li>An acquire that finds no slot is refused at once ({@code maxWait} zero, the default), or
 *       waits up to {@code maxWait} (or the caller's {@link dev.trestle.core.Deadline#current()
 *       current deadline}, if nearer) for a slot that a completing call hands to it, the longest
 *       waiter first or, with {@code lifo}, the newest. A newcomer never overtakes a waiter of its
 *       own partition.
 *   <li>A wait ended by an interrupt takes no slot, returns empty and leaves the thread's interrupt
 *       status set; a slot granted as the interrupt came is passed on, never lost. {@link #call}
 *       completes its listener however the task ends (exception or error).
 *   <li>Partitions: each named partition has {@code floor(share x limit)} slots reserved, which the
 *       others never take; it may also use what nobody reserves. Calls without a partition use only
 *       what no partition reserves.
 *   <li>Counters ({@link #metrics()}) are exact: every acquire counts once as accepted or rejected,
 *       every admitted call once as succeeded, dropped or ignored, once the calls counted have
 *       returned.
 * </ul>
 *
 * <h2>Bulkhead or concurrency limiter</h2>
 *
 * <p>{@link dev.trestle.core.bulkhead.Bulkhead} stays the fixed-size isolation block: a cap chosen
 * for resources on this side (threads, connections) that must never move, with decorators,
 * asynchronous calls and deadline-aware waits, in {@code core}. A concurrency limiter is the
 * adaptive admission block: its limit is an estimate of the other side's capacity, which must move
 * with it, so it needs a listener per call and a limit algorithm, and lives beside the rate
 * limiters. The two share their waiting machinery ({@code core.internal}'s waiter queue and timed
 * park), not their classes: a bulkhead's count is a promise, a limiter's is a guess. Use both in
 * front of one dependency when you want a hard cap and an adaptive one below it; {@link
 * LimitAlgorithm#FIXED} is a bulkhead with the limiter's listener and counters.
 *
 * <p>Thread-safe. Without waiting and partitions an acquire is one compare-and-set and one small
 * listener object; with them, a lock held only to move a slot, never while a thread waits.
 */
public interface ConcurrencyLimiter {

  /**
   * Returns a limiter configured by {@code config}.
   *
   * @throws NullPointerException if {@code config} is null
   */
  static ConcurrencyLimiter of(ConcurrencyLimiterConfig config) {
    if (config == null) {
      throw new NullPointerException("config must not be null");
    }
    return new DefaultConcurrencyLimiter(config);
  }

  /** Returns a {@link LimitAlgorithm#VEGAS} limiter on the system clock with the other defaults. */
  static ConcurrencyLimiter vegas() {
    return of(ConcurrencyLimiterConfig.builder().build());
  }

  /** Returns the limiter's name. */
  String name();

  /**
   * Admits a call without a partition if a slot is free, or waits for one up to {@code maxWait};
   * empty if refused (also when interrupted while waiting: the interrupt status stays set).
   */
  Optional<Listener> acquire();

  /**
   * As {@link #acquire()}, for a call of {@code partition}.
   *
   * @throws NullPointerException if {@code partition} is null
   * @throws IllegalArgumentException if no partition of that name was configured
   */
  Optional<Listener> acquire(String partition);

  /** Returns the current limit. */
  int limit();

  /** Returns the calls in flight: admitted and not yet completed. */
  int inflight();

  /** Returns the counters; exact once the calls they count have returned. */
  ConcurrencyLimiterMetrics metrics();

  /**
   * Runs {@code task} as an admitted call (waiting up to {@code maxWait}) and completes its listener
   * however it ends: success with the measured round trip; a {@link TimeoutException} (or what the
   * config's {@code droppedWhen} names) as a drop; any other exception or error ignored. The task's
   * value or exception reaches the caller unchanged.
   *
   * @throws LimitExceededException if the call was refused; the task did not run
   * @throws NullPointerException if {@code task} is null (no slot is taken)
   * @throws Exception whatever {@code task} throws
   */
  default <T> T call(Callable<T> task) throws Exception {
    if (task == null) {
      throw new NullPointerException("task must not be null");
    }
    Listener listener = acquire().orElseThrow(() -> new LimitExceededException(name(), limit()));
    T value;
    try {
      value = task.call();
    } catch (TimeoutException dropped) {
      listener.onDropped();
      throw dropped;
    } catch (Throwable other) {
      listener.onIgnore();
      throw other;
    }
    listener.onSuccess();
    return value;
  }

  /**
   * One admitted call: complete it exactly once. The first completion frees the slot; later ones
   * do nothing. Thread-safe: any thread may complete it.
   */
  interface Listener {

    /** The call succeeded; its round trip is the time since it was admitted, on the limiter's ticker. */
    void onSuccess();

    /**
     * The call succeeded in {@code rttNanos} (measured by the caller; negative counts as 0).
     */
    void onSuccess(long rttNanos);

    /** The call was dropped (timed out, or refused by the dependency): the limit backs off. */
    void onDropped();

    /** The call failed for a reason unrelated to capacity: the slot is freed, the limit learns nothing. */
    void onIgnore();
  }
}
