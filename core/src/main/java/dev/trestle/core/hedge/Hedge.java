package dev.trestle.core.hedge;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.internal.Arguments;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Hedged requests: when an attempt has not answered after a delay, send another (up to
 * {@code maxAttempts}) and take whichever answers first, which cuts the tail latency that one slow
 * replica or one lost packet causes ("The Tail at Scale", Dean and Barroso, 2013).
 *
 * <p><b>Contract</b>
 *
 * <ul>
 *   <li>A call sends its first attempt at once. Each time the delay passes with no answer, and
 *       fewer than {@code maxAttempts} have been sent, it sends one more, if the budget allows
 *       (a denial ends the hedging of that call).
 *   <li>The first successful answer completes the call; every other attempt is then cancelled
 *       ({@code cancel(true)}: a synchronous attempt still running is interrupted).
 *   <li>Hedging is for slowness, not for failure: a failed attempt does not cause another (that is
 *       {@code Retry}'s job), and does not fail the call while another attempt sent may still
 *       succeed. Once every attempt sent has failed, the call fails with the last failure, unchanged
 *       (the same instance, not wrapped), the earlier attempts' failures added to it as suppressed
 *       exceptions, and sends nothing more.
 *   <li>Under a {@linkplain Deadline#current() current deadline}: a call whose deadline has passed
 *       fails at once with {@link DeadlineExceededException} and sends nothing; no hedge is sent at
 *       or after the deadline; at the deadline the call fails with {@link DeadlineExceededException}
 *       (the failures of attempts that had failed by then suppressed by it) and its attempts are
 *       cancelled. Attempts run under the deadline.
 *   <li>Cancelling the returned future cancels every attempt and sends nothing more.
 *   <li>Time is read from the config's ticker, and hedges and deadlines fire on its scheduler, so a
 *       {@link dev.trestle.core.ManualTicker} drives a hedge exactly.
 * </ul>
 *
 * <p>Attempts must be idempotent: several may run, and a cancelled one may already have had its
 * effect.
 *
 * <p>Thread-safe: one hedge serves any number of concurrent calls, and shares its latency window
 * and budget among them.
 */
public interface Hedge {

  /**
   * Returns a hedge with {@code config}.
   *
   * @throws NullPointerException if {@code config} is null
   */
  static Hedge of(HedgeConfig config) {
    Arguments.requireNonNull(config, "config");
    return new DefaultHedge(config);
  }

  /**
   * Makes a hedged asynchronous call: {@code attempt} is called once per attempt (the first on the
   * calling thread, hedges on the scheduler's thread) and must start the work and return its stage
   * without blocking.
   *
   * <p>Named {@code callAsync}, like the other Trestle decorators, because a {@code call} overload
   * taking a {@link Supplier} would make every lambda that returns a stage ambiguous with
   * {@link #call(Callable)}.
   *
   * @return a future of the first successful answer; cancelling it cancels the call
   * @throws NullPointerException if {@code attempt} is null
   */
  <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> attempt);

  /**
   * Makes a hedged synchronous call: each attempt runs {@code attempt} on the config's executor,
   * and the calling thread waits for the first successful answer.
   *
   * @return the first successful answer
   * @throws DeadlineExceededException at the current deadline
   * @throws InterruptedException if the calling thread is interrupted while waiting; every attempt
   *     is then cancelled
   * @throws NullPointerException if {@code attempt} is null
   * @throws Exception the last attempt's exception, unchanged, when every attempt failed (the
   *     others suppressed by it)
   */
  <T> T call(Callable<T> attempt) throws Exception;

  /** Returns a snapshot of the counters and the current delay. */
  HedgeMetrics metrics();

  /** Returns this hedge's configuration. */
  HedgeConfig config();
}
