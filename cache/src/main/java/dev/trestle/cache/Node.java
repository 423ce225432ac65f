package dev.trestle.cache;

/**
 * A cache entry. {@code key} is the entry's key while it is in the map, then {@link #RETIRED} once
 * a removal has taken it out of the map, then {@link #DEAD} once maintenance has unlinked it from
 * the policy; only a compute on the key's bin writes RETIRED, only maintenance writes DEAD. The
 * links are guarded by the cache's eviction lock. This base class is the unit-weight, never
 * expiring entry (32 bytes with compressed oops); subclasses add weight and times.
 */
class Node<K, V> {

  static final Object RETIRED = new Object();
  static final Object DEAD = new Object();

  volatile Object key;
  volatile V value;
  Node<K, V> prev;
  Node<K, V> next;
  /**
   * The list of the eviction order holding this node (an LFU frequency bucket, or a queue of the
   * adaptive policy), null while unlinked; unused by LRU.
   */
  Object list;

  Node(Object key, V value) {
    this.key = key;
    this.value = value;
  }

  /** Marks this node removed from the map; called inside the compute that removes it, under its monitor. */
  void retire() {
    synchronized (this) {
      key = RETIRED;
    }
  }

  boolean isAlive() {
    Object k = key;
    return k != RETIRED && k != DEAD;
  }

  int weight() {
    return 1;
  }

  void setWeight(int weight) {}

  int policyWeight() {
    return 1;
  }

  void setPolicyWeight(int weight) {}

  long writeTime() {
    return 0;
  }

  void setWriteTime(long nanos) {}

  long accessTime() {
    return 0;
  }

  void setAccessTime(long nanos) {}

  /** Counts a read that was not recorded for the policy (see {@link Counted}); only counted nodes keep it. */
  void countSkippedRead() {}

  /** Returns the reads counted by {@link #countSkippedRead} since the last call, and forgets them. Under the eviction lock. */
  int takeSkippedReads() {
    return 0;
  }

  /**
   * An adaptive policy's unit-weight, never expiring entry, which counts the reads the cache did not
   * record while it was less than half full (up to {@value #MAX_SKIPPED}, the frequency sketch's
   * cap). A read writes the count only while it is below the cap, so a hot entry's reads soon
   * write nothing at all; the count is a plain field and may lose a racing increment, which only
   * makes the estimate a little lower. 40 bytes with compressed oops.
   */
  static final class Counted<K, V> extends Node<K, V> {
    static final int MAX_SKIPPED = 15;
    private byte skippedReads;

    Counted(Object key, V value) {
      super(key, value);
    }

    @Override
    void countSkippedRead() {
      int reads = skippedReads;
      if (reads < MAX_SKIPPED) {
        skippedReads = (byte) (reads + 1);
      }
    }

    @Override
    int takeSkippedReads() {
      int reads = skippedReads;
      if (reads != 0) {
        skippedReads = 0;
      }
      return reads;
    }
  }

  /** An entry with a weight other than one. */
  static class Weighted<K, V> extends Node<K, V> {
    volatile int weight;
    int policyWeight;

    Weighted(Object key, V value, int weight) {
      super(key, value);
      this.weight = weight;
    }

    @Override
    int weight() {
      return weight;
    }

    @Override
    void setWeight(int weight) {
      this.weight = weight;
    }

    @Override
    int policyWeight() {
      return policyWeight;
    }

    @Override
    void setPolicyWeight(int weight) {
      this.policyWeight = weight;
    }
  }

  /** An entry that can expire: write and access times and its links in the time-ordered deques. */
  static final class Timed<K, V> extends Weighted<K, V> {
    volatile long writeTime;
    volatile long accessTime;
    Timed<K, V> prevWrite;
    Timed<K, V> nextWrite;
    Timed<K, V> prevAccess;
    Timed<K, V> nextAccess;

    Timed(Object key, V value, int weight, long now) {
      super(key, value, weight);
      this.writeTime = now;
      this.accessTime = now;
    }

    @Override
    long writeTime() {
      return writeTime;
    }

    @Override
    void setWriteTime(long nanos) {
      writeTime = nanos;
    }

    @Override
    long accessTime() {
      return accessTime;
    }

    @Override
    void setAccessTime(long nanos) {
      accessTime = nanos;
    }
  }

  /** A write to a timed node, so maintenance moves it in the write-ordered deque too. */
  static final class Rewrite {
    final Node<?, ?> node;

    Rewrite(Node<?, ?> node) {
      this.node = node;
    }
  }
}
