package dev.trestle.pool;

import java.time.Duration;

/**
 * How an {@link ObjectPool} makes, checks, recycles and disposes of its objects: the pool's
 * service-provider interface.
 *
 * <p>The pool calls {@link #create()} on its own creator threads, never on a borrower's thread, so a
 * create that hangs cannot make {@code acquire} overstay its timeout. {@link #validate} and
 * {@link #reset} run on the borrowing or returning thread, {@link #destroy} on whichever thread
 * ends the object's life. Implementations must be thread-safe: different objects are handled
 * concurrently, but the pool never calls two methods on the same object at once.
 *
 * @param <T> the type of the pooled objects
 */
public interface Allocator<T> {

  /**
   * Makes a new object. An exception is a failed creation: the pool counts it, backs off before the
   * next attempt, and reports it as the cause of the timeouts it leads to.
   *
   * @return the new object, never null
   * @throws Exception if the object cannot be made
   */
  T create() throws Exception;

  /**
   * Checks that {@code object}, idle for longer than the pool's validation threshold, still works.
   * Must return within {@code timeout}. Returns true by default.
   *
   * @return whether the object may be lent; false (or an exception) destroys it
   */
  default boolean validate(T object, Duration timeout) throws Exception {
    return true;
  }

  /**
   * Puts a returned object back into the state a new borrower expects. Does nothing by default.
   *
   * @throws Exception if the object cannot be reset; the pool then destroys it
   */
  default void reset(T object) throws Exception {}

  /**
   * Disposes of {@code object}; called exactly once per created object. An exception is logged and
   * otherwise ignored: the object counts as destroyed.
   */
  void destroy(T object) throws Exception;
}
