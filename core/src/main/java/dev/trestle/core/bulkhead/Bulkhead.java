package dev.trestle.core.bulkhead;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A bulkhead: a limit on the calls in flight to one dependency, with a bounded wait for a permit,
 * so that a slow dependency holds at most {@code maxConcurrentCalls} threads instead of all of them.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>Never more than {@code maxConcurrentCalls} permits are out, under any interleaving of
 *       acquires, releases, timeouts and interruptions.
 *   <li>A call that finds no free permit waits up to {@code maxWait} (or the wait it passes), then
 *       is refused: {@code false} from the {@code tryAcquirePermission} methods,
 *       {@link BulkheadFullException} from {@link #acquirePermission()} and the decorators, whose
 *       task then never runs. A wait of zero refuses at once.
 *   <li>A permit given back goes straight to a waiting call if there is one (the longest waiter
 *       when {@code fair}, else the newest); a new call never overtakes a waiting one.
 *   <li>A permit is never lost: the decorators give it back however the task ends, and a waiter
 *       that times out or is interrupted at the moment a permit is handed to it either keeps that
 *       permit (timeout: the call proceeds) or passes it on (interruption) before it returns.
 *   <li>A release without a permit out is detected and throws {@link IllegalStateException}; the
 *       limit is never raised by it. (A release by the wrong holder, while other permits are out,
 *       cannot be told from a right one: permits are not tied to threads, because an asynchronous
 *       call releases its permit on whichever thread completes it.)
 *   <li>A call made under a current {@link dev.trestle.core.Deadline} that is nearer than
 *       {@code maxWait} ({@link #acquirePermission()}, the decorators, and {@link #callAsync} on
 *       the calling thread's deadline) waits only until that deadline, and then fails with
 *       {@link dev.trestle.core.DeadlineExceededException} instead: waiting longer could
 *       not help the caller. A free permit is still taken under an expired deadline; the task then
 *       sees its deadline itself. {@link #tryAcquirePermission(Duration)} waits exactly what it is
 *       given.
 *   <li>Values and exceptions of tasks reach the caller unchanged: the same instance, not wrapped.
 * </ul>
 *
 * <p>The low-level protocol is {@link #tryAcquirePermission()} (or a waiting variant), then exactly
 * one {@link #releasePermission()}; the decorators ({@link #call}, {@link #get}, {@link #run},
 * {@link #callAsync}) follow it for you.
 *
 * <p>Thread-safe. No thread ever blocks while holding a monitor: waiting threads park, so virtual
 * threads waiting for a permit unmount from their carriers.
 */
public interface Bulkhead {

  /**
   * Returns a bulkhead named {@code name} that admits {@code maxConcurrentCalls} calls and refuses
   * the next at once, with the other defaults of {@link BulkheadConfig}.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank or {@code maxConcurrentCalls} is below 1
   */
  static Bulkhead of(String name, int maxConcurrentCalls) {
    return of(BulkheadConfig.builder().name(name).maxConcurrentCalls(maxConcurrentCalls).build());
  }

  /**
   * Returns a bulkhead with {@code config}.
   *
   * @throws NullPointerException if {@code config} is null
   */
  static Bulkhead of(BulkheadConfig config) {
    if (config == null) {
      throw new NullPointerException("config must not be null");
    }
    return new DefaultBulkhead(config);
  }

  /** Returns the bulkhead's name. */
  String name();

  /** Returns the bulkhead's config. */
  BulkheadConfig config();

  /**
   * Takes a permit if one is free now; never waits (whatever {@code maxWait} says). A permitted
   * call must end with exactly one {@link #releasePermission()}.
   *
   * @return whether a permit was taken
   */
  boolean tryAcquirePermission();

  /**
   * Takes a permit, waiting for one at most {@code wait}.
   *
   * @return whether a permit was taken; false if none was freed within {@code wait}
   * @throws InterruptedException if the thread is interrupted while it waits, or is interrupted
   *     when it would have to wait; it then holds no permit
   * @throws NullPointerException if {@code wait} is null
   * @throws IllegalArgumentException if {@code wait} is negative
   */
  boolean tryAcquirePermission(Duration wait) throws InterruptedException;

  /**
   * Takes a permit, waiting for one at most the configured {@code maxWait}.
   *
   * @throws BulkheadFullException if none was freed within {@code maxWait}
   * @throws dev.trestle.core.DeadlineExceededException if the caller's current deadline,
   *     nearer than {@code maxWait}, came before a permit was freed
   * @throws InterruptedException as {@link #tryAcquirePermission(Duration)}
   */
  void acquirePermission() throws InterruptedException;

  /**
   * Gives back a permit taken by one of the acquire methods; if a call is waiting, the permit is
   * handed to it.
   *
   * @throws IllegalStateException if no permit is out
   */
  void releasePermission();

  /** Returns a consistent snapshot of the permits and counters. */
  BulkheadMetrics metrics();

  /**
   * Calls {@code callable} holding a permit (waiting for one up to {@code maxWait}) and gives the
   * permit back however it ends; its value or exception reaches the caller unchanged.
   *
   * @throws BulkheadFullException if no permit was freed within {@code maxWait}; the task did not run
   * @throws InterruptedException if interrupted while waiting; the task did not run
   * @throws NullPointerException if {@code callable} is null (no permit is taken)
   * @throws Exception whatever {@code callable} throws
   */
  <T> T call(Callable<T> callable) throws Exception;

  /**
   * As {@link #call} for a {@link Supplier}. An interruption while waiting ends the call with
   * {@link BulkheadFullException}, caused by the {@link InterruptedException}, and the thread's
   * interrupt status set.
   */
  <T> T get(Supplier<T> supplier);

  /** As {@link #get} for a {@link Runnable}. */
  void run(Runnable runnable);

  /**
   * Starts the work {@code supplier} returns once a permit is held, and holds the permit until that
   * stage completes (normally, exceptionally, or by cancellation). Never blocks the caller: when
   * no permit is free the call waits in line up to {@code maxWait} and is started by the thread
   * that frees a permit for it, or the returned stage fails with {@link BulkheadFullException}.
   *
   * <p>The returned stage completes with the work's value or exception, after the permit is back.
   * Cancelling it withdraws a waiting call, or cancels the work's stage if it is a {@link
   * java.util.concurrent.CompletableFuture}; a stage that cannot be cancelled keeps its permit until
   * it completes.
   *
   * @throws NullPointerException if {@code supplier} is null (no permit is taken)
   */
  <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier);
}
