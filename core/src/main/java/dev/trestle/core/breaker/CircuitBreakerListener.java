package dev.trestle.core.breaker;

/**
 * Told of a {@link CircuitBreaker}'s transitions and rejections. Called on the thread that caused
 * the event, after it happened; a listener must be quick and must not throw (what it throws is
 * caught and dropped so that it cannot break the call). Implementations must be thread-safe.
 */
public interface CircuitBreakerListener {

  /** The breaker moved from {@code from} to {@code to}. */
  default void onStateTransition(String breakerName, CircuitState from, CircuitState to) {}

  /** The breaker rejected a call while in {@code state}. */
  default void onCallNotPermitted(String breakerName, CircuitState state) {}
}
