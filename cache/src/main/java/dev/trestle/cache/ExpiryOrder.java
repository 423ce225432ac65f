package dev.trestle.cache;

import java.util.function.Predicate;

/**
 * The expiry side of a cache with a time to live: the durations, which decide whether an entry has
 * expired, and the timed entries in the order they expire in, one {@link TimeDeque} by last write
 * and one by last access for whichever expiry is set. Maintenance removes the expired entries from
 * the heads, and the {@link ExpiryTimer} is armed for the first head to expire.
 *
 * <p>{@link #isExpired} may be called on any thread (it reads the node's volatile times); everything
 * else only under the cache's eviction lock, like the eviction order.
 */
final class ExpiryOrder<K, V> {

  /** What {@link #untilFirstExpiry} returns when no entry is linked. */
  static final long NO_ENTRY = Long.MIN_VALUE;

  private final long afterWriteNanos;
  private final long afterAccessNanos;
  /** Null when that expiry is not set. */
  private final TimeDeque<K, V> byWrite;
  private final TimeDeque<K, V> byAccess;

  /** Takes the expiries of {@code config}, at least one of which is set. */
  ExpiryOrder(CacheConfig<?, ?> config) {
    this.afterWriteNanos = config.expireAfterWriteNanos;
    this.afterAccessNanos = config.expireAfterAccessNanos;
    this.byWrite = afterWriteNanos != CacheConfig.UNSET ? new TimeDeque<>(true) : null;
    this.byAccess = afterAccessNanos != CacheConfig.UNSET ? new TimeDeque<>(false) : null;
  }

  /** Returns whether reads count: only then must a read record its time. */
  boolean tracksAccess() {
    return byAccess != null;
  }

  boolean isExpired(Node<K, V> node, long now) {
    return (byWrite != null && now - node.writeTime() >= afterWriteNanos)
        || (byAccess != null && now - node.accessTime() >= afterAccessNanos);
  }

  /** Links a node the policy has just taken in. */
  void add(Node.Timed<K, V> node) {
    if (byWrite != null) {
      byWrite.addLast(node);
    }
    if (byAccess != null) {
      byAccess.addLast(node);
    }
  }

  /** Moves a node used again to the back: of the access order always, of the write order if it was written. */
  void touch(Node.Timed<K, V> node, boolean written) {
    if (byAccess != null) {
      byAccess.moveToLast(node);
    }
    if (written && byWrite != null) {
      byWrite.moveToLast(node);
    }
  }

  /** Unlinks a node the policy has let go. */
  void remove(Node.Timed<K, V> node) {
    if (byWrite != null) {
      byWrite.remove(node);
    }
    if (byAccess != null) {
      byAccess.remove(node);
    }
  }

  /**
   * Hands each expired node at the heads to {@code remover}, oldest first, until a head has not
   * expired. A node the remover keeps (it returns false: written again meanwhile, its new write
   * still in the buffer) goes to the back of that order.
   */
  void expire(long now, Predicate<Node.Timed<K, V>> remover) {
    expire(byWrite, now, remover);
    expire(byAccess, now, remover);
  }

  private void expire(TimeDeque<K, V> deque, long now, Predicate<Node.Timed<K, V>> remover) {
    if (deque == null) {
      return;
    }
    for (Node.Timed<K, V> node = deque.first(); node != null && isExpired(node, now); node = deque.first()) {
      if (!remover.test(node)) {
        deque.moveToLast(node);
      }
    }
  }

  /**
   * Returns the nanoseconds from {@code now} until the first linked entry expires (zero or less if
   * one already has), or {@link #NO_ENTRY} when none is linked. The heads expire first.
   */
  long untilFirstExpiry(long now) {
    long delay = NO_ENTRY;
    if (byWrite != null && byWrite.first() != null) {
      delay = afterWriteNanos - (now - byWrite.first().writeTime());
    }
    if (byAccess != null && byAccess.first() != null) {
      long untilAccessExpiry = afterAccessNanos - (now - byAccess.first().accessTime());
      delay = delay == NO_ENTRY ? untilAccessExpiry : Math.min(delay, untilAccessExpiry);
    }
    return delay;
  }
}
