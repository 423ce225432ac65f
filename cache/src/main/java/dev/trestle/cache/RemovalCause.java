package dev.trestle.cache;

/** Why an entry left a {@link Cache}, as told to a {@link RemovalListener}. */
public enum RemovalCause {
  /** Removed by the user: {@code invalidate}, {@code invalidateAll} or a removal through {@code asMap()}. */
  EXPLICIT,
  /** Its value was replaced by a write to the same key; the listener gets the old value. */
  REPLACED,
  /** Evicted by the eviction policy to keep the cache within its maximum size or weight. */
  SIZE,
  /** Removed because its time to live (after write or after access) had passed. */
  EXPIRED;

  /** Returns whether the cache removed the entry on its own (SIZE or EXPIRED) rather than the user. */
  public boolean wasEvicted() {
    return this == SIZE || this == EXPIRED;
  }
}
