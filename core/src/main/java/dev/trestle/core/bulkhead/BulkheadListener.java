package dev.trestle.core.bulkhead;

/**
 * Told of what a {@link Bulkhead} does with each call. Called on the thread that caused the event,
 * after it happened and outside any lock of the bulkhead; a listener must be quick and must not
 * throw (what it throws is caught and dropped so that it cannot break the call or lose a permit).
 * Implementations must be thread-safe.
 */
public interface BulkheadListener {

  /** A call got a permit, at once or after waiting. */
  default void onCallPermitted(String bulkheadName) {}

  /** A call was refused: no permit was freed within its wait. */
  default void onCallRejected(String bulkheadName) {}

  /** A permit was given back. */
  default void onCallFinished(String bulkheadName) {}
}
