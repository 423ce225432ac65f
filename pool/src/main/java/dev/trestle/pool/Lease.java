package dev.trestle.pool;

/**
 * One object borrowed from an {@link ObjectPool}, held until the lease is closed.
 *
 * <p>Use it in a try-with-resources block: {@link #close()} gives the object back to the pool, and
 * {@link #invalidate()} tells the pool the object is broken, so the pool destroys it instead.
 * Ending a lease a second time (close after close, close after invalidate, invalidate after close)
 * does nothing; {@link #get()} on an ended lease throws {@link IllegalStateException}, so an object
 * handed to someone else can never be used through a stale lease.
 *
 * <p>A lease is meant for one borrower at a time, but its methods are thread-safe: ending it from
 * two threads at once ends it exactly once.
 *
 * @param <T> the type of the pooled objects
 */
public interface Lease<T> extends AutoCloseable {

  /**
   * Returns the borrowed object.
   *
   * @throws IllegalStateException if the lease was already closed or invalidated
   */
  T get();

  /**
   * Whether the lease is still open: neither closed nor invalidated. Once false it stays false, even
   * after the object has been lent to someone else. Cheaper than catching {@link #get()}'s exception,
   * for wrappers (such as a pooled JDBC connection) whose own "closed" is the lease's.
   *
   * <p>The default asks {@link #get()}; a pool's own leases answer without throwing.
   */
  default boolean isOpen() {
    try {
      get();
      return true;
    } catch (IllegalStateException ended) {
      return false;
    }
  }

  /** Gives the object back to the pool. Does nothing if the lease has already ended. */
  @Override
  void close();

  /**
   * Tells the pool that the object is broken: the pool destroys it (exactly once) instead of
   * lending it again, and creates a replacement if it is needed. Does nothing if the lease has
   * already ended.
   */
  void invalidate();
}
