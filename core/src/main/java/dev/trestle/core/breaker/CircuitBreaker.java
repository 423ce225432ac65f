package dev.trestle.core.breaker;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A circuit breaker: stops calling a dependency that keeps failing, so callers fail fast instead of
 * piling up on it, and lets a few trial calls through after a wait to see whether it recovered.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>CLOSED: every call is permitted. Once the window holds at least
 *       {@code minimumNumberOfCalls}, the breaker opens as soon as the failure rate reaches
 *       {@code failureRateThreshold} or the slow-call rate reaches {@code slowCallRateThreshold}
 *       (reaches: a rate equal to the threshold opens it). Nothing is decided below the minimum.
 *   <li>OPEN: every call is rejected with {@link CallNotPermittedException} until
 *       {@code waitInOpen} has passed on the ticker; the first permission request after that moves
 *       the breaker to HALF_OPEN.
 *   <li>HALF_OPEN: exactly {@code permittedCallsInHalfOpen} permissions are granted, however many
 *       threads race for them; the others are rejected. When that many outcomes are in, the
 *       breaker closes (with an empty window) if both rates are below their thresholds, else
 *       opens again (waiting longer if {@code waitBackoff} is set). With
 *       {@code maxWaitInHalfOpen}, a verdict that takes longer opens it again.
 *   <li>DISABLED and METRICS_ONLY permit everything (METRICS_ONLY still records); FORCED_OPEN
 *       rejects everything; only an explicit transition leaves them.
 *   <li>What counts as a failure, a success or neither is the one rule of
 *       {@link CircuitBreakerConfig}.
 * </ul>
 *
 * <p>The low-level protocol is {@link #tryAcquirePermission()}, then exactly one of
 * {@link #onSuccess}, {@link #onError}, {@link #onResult} or {@link #releasePermission()}; the
 * decorators ({@link #call}, {@link #run}, {@link #get}, {@link #callAsync}) follow it for you.
 * Outcomes are recorded against the state current when they arrive.
 *
 * <p>Thread-safe. In CLOSED with a count-based window, a successful call allocates nothing and
 * takes no lock.
 */
public interface CircuitBreaker {

  /** Returns a breaker with {@code config}. */
  static CircuitBreaker of(CircuitBreakerConfig config) {
    if (config == null) {
      throw new NullPointerException("config must not be null");
    }
    return new DefaultCircuitBreaker(config);
  }

  /** Returns the breaker's name. */
  String name();

  /** Returns the current state. */
  CircuitState state();

  /** Returns the breaker's config. */
  CircuitBreakerConfig config();

  /**
   * Asks to make a call; returns whether it is permitted. A permitted call must end with exactly
   * one of onSuccess, onError, onResult or releasePermission.
   */
  boolean tryAcquirePermission();

  /**
   * As {@link #tryAcquirePermission()}, but throws when the call is not permitted.
   *
   * @throws CallNotPermittedException if the breaker rejects the call
   */
  void acquirePermission();

  /** Gives back a permission without recording an outcome (the call was not made). */
  void releasePermission();

  /** Records a successful call that took {@code durationNanos}. */
  void onSuccess(long durationNanos);

  /** Records a call that threw {@code error} after {@code durationNanos}, classified by the config's rule. */
  void onError(long durationNanos, Throwable error);

  /** Records a call that returned {@code result} after {@code durationNanos}, a failure if recordResult matches. */
  void onResult(long durationNanos, Object result);

  /** Moves to CLOSED with an empty window. */
  void transitionToClosed();

  /** Moves to OPEN, starting the wait in OPEN now. */
  void transitionToOpen();

  /** Moves to DISABLED. */
  void transitionToDisabled();

  /** Moves to FORCED_OPEN. */
  void transitionToForcedOpen();

  /** Moves to METRICS_ONLY with an empty window. */
  void transitionToMetricsOnly();

  /** Returns a snapshot of the metrics. */
  CircuitBreakerMetrics metrics();

  /**
   * Calls {@code callable} if permitted and records its outcome; its value or exception reaches the
   * caller unchanged.
   *
   * @throws CallNotPermittedException if the breaker rejects the call
   */
  <T> T call(Callable<T> callable) throws Exception;

  /** As {@link #call} for a {@link Supplier}. */
  <T> T get(Supplier<T> supplier);

  /** As {@link #call} for a {@link Runnable}. */
  void run(Runnable runnable);

  /**
   * Starts the stage {@code supplier} returns if permitted and records its outcome when it
   * completes; a rejected call returns a stage failed with {@link CallNotPermittedException}.
   */
  <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier);

}
