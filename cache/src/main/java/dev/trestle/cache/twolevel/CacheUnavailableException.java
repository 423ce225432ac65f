package dev.trestle.cache.twolevel;

/**
 * Thrown by a {@link TwoLevelCache} when Redis could not answer within the client's timeouts (refused,
 * lost or stalled connection, busy script) and the configured
 * {@link TwoLevelCacheConfig.FailureMode} does not let the call be answered without it. The cause
 * is the Redis client's exception.
 */
public final class CacheUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with its message and the Redis client's exception as the cause. */
  public CacheUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
