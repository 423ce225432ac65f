package dev.trestle.pool;

/** Thrown by {@link ObjectPool#acquire} once the pool is closed or shutting down. */
public class PoolClosedException extends PoolException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with {@code message}. */
  public PoolClosedException(String message) {
    super(message);
  }
}
