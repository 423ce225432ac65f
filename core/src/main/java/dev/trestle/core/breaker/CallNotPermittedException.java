package dev.trestle.core.breaker;

import java.time.Duration;
import java.util.Optional;

/**
 * Thrown when a {@link CircuitBreaker} rejects a call: it says which breaker, in which state, and
 * when calls will be tried again (absent for FORCED_OPEN, which waits for an explicit transition,
 * and for HALF_OPEN, which waits for its trial calls to finish).
 */
public final class CallNotPermittedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String breakerName;
  private final CircuitState state;
  private final transient Duration retryAfter;

  /**
   * Creates the rejection of {@code breakerName} in {@code state}; {@code retryAfter} is the time
   * until calls are tried again, or null when unknown. Public so that other implementations of
   * {@link CircuitBreaker} (adapters, test doubles) reject calls the same way.
   */
  public CallNotPermittedException(String breakerName, CircuitState state, Duration retryAfter) {
    super(message(breakerName, state, retryAfter), null, false, false);
    this.breakerName = java.util.Objects.requireNonNull(breakerName, "breakerName");
    this.state = java.util.Objects.requireNonNull(state, "state");
    this.retryAfter = retryAfter;
  }

  private static String message(String name, CircuitState state, Duration retryAfter) {
    String base = "circuit breaker '" + name + "' is " + state + " and does not permit calls";
    if (retryAfter != null) {
      return base + "; calls will be tried again in " + retryAfter.toMillis() + " ms";
    }
    if (state == CircuitState.HALF_OPEN) {
      return base + "; its trial calls are in flight";
    }
    return base + " until it is transitioned out of " + state;
  }

  /** Returns the name of the breaker that rejected the call. */
  public String breakerName() {
    return breakerName;
  }

  /** Returns the state the breaker was in. */
  public CircuitState state() {
    return state;
  }

  /** Returns how long until the breaker lets trial calls through, when that is known. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
