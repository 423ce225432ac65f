package dev.trestle.pool;

/**
 * The base of the pool's exceptions: a pool could not lend an object. Unchecked; keeps its cause.
 *
 * <p>Its constructors are public so that adapters of other pools can report failures the same way.
 */
public class PoolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with {@code message}. */
  public PoolException(String message) {
    super(message);
  }

  /** Creates the exception with {@code message} and {@code cause} (may be null). */
  public PoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
