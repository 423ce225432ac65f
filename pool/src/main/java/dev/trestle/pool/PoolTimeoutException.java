package dev.trestle.pool;

/**
 * Thrown when {@link ObjectPool#acquire} gets no object within its timeout. The message gives the
 * pool's name, the timeout and its total, active, idle and waiting counts at that moment; the cause
 * is the last creation failure, if the pool has seen one since it last created an object.
 */
public class PoolTimeoutException extends PoolException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with {@code message} and {@code cause} (may be null). */
  public PoolTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
