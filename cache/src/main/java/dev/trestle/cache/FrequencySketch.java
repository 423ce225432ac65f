package dev.trestle.cache;

/**
 * A count-min sketch of 4-bit counters (TinyLFU, Einziger, Friedman and Manes 2017): estimates how
 * often a key was recorded, never below the truth (until aging) and capped at 15.
 *
 * <p>Layout: the table is split into 64-byte blocks of eight words; a key's four counters all lie
 * in one block, so a lookup touches one cache line. The key's hash is mixed with a per-sketch
 * random seed, so which keys share counters differs from cache to cache and cannot be planned by
 * someone who only chooses keys.
 *
 * <p>Size: the table starts at 64 words (8 blocks) and grows, through {@link #ensureCapacity}, to
 * the power of two at or above the number of entries the cache holds, capped at 2^30 words. So a
 * cache bounded at {@code Long.MAX_VALUE} allocates nothing large up front, and memory follows
 * what is held. Growing starts the counts afresh (they are estimates; a few thousand accesses
 * rebuild them).
 *
 * <p>Aging: after {@code 10 x min(maximum, table words)} recorded increments every counter is
 * halved; {@link #increment} returns true then so the caller can age what it keeps too.
 *
 * <p>Not thread-safe: used under the eviction lock.
 */
final class FrequencySketch {

  static final int MIN_WORDS = 64;
  static final int MAX_WORDS = 1 << 30;
  private static final long RESET_MASK = 0x7777_7777_7777_7777L;
  private static final long ONE_MASK = 0x1111_1111_1111_1111L;

  private final long maximum;
  private final int seed;
  private long[] table;
  private int blockMask;
  private long sampleSize;
  private long additions;

  /** A sketch for a cache bounded at {@code maximum} (any value from 0 to Long.MAX_VALUE), hashing with {@code seed}. */
  FrequencySketch(long maximum, int seed) {
    this.maximum = Math.max(0, maximum);
    this.seed = seed;
    resize(MIN_WORDS);
  }

  /** Grows the table, if needed, to hold about {@code entries} keys well; never shrinks it. */
  void ensureCapacity(long entries) {
    if (entries <= table.length || table.length >= MAX_WORDS) {
      return;
    }
    long words = Long.highestOneBit(Math.min(entries, MAX_WORDS));
    if (words < entries) {
      words <<= 1;
    }
    resize((int) Math.min(MAX_WORDS, words));
  }

  private void resize(int words) {
    table = new long[words];
    blockMask = (words >>> 3) - 1;
    sampleSize = 10L * Math.max(1, Math.min(maximum, words));
    additions = 0;
  }

  /** Returns the number of words in the table (for tests). */
  int words() {
    return table.length;
  }

  /** Returns the number of increments after which the counters are halved. */
  long sampleSize() {
    return sampleSize;
  }

  private int spread(int x) {
    x ^= seed;
    x ^= x >>> 17;
    x *= 0xed5ad4bb;
    x ^= x >>> 11;
    x *= 0xac4c1b51;
    x ^= x >>> 15;
    return x;
  }

  private static int rehash(int x) {
    x *= 0x31848bab;
    x ^= x >>> 14;
    return x;
  }

  /** Returns the estimated number of times {@code key} was recorded, 0 to 15. */
  int frequency(Object key) {
    int blockHash = spread(key.hashCode());
    int counterHash = rehash(blockHash);
    int block = (blockHash & blockMask) << 3;
    int min = 15;
    for (int i = 0; i < 4; i++) {
      int h = counterHash >>> (i << 3);
      int index = (h >>> 1) & 15;
      int word = block + (h & 1) + (i << 1);
      min = Math.min(min, (int) ((table[word] >>> (index << 2)) & 0xfL));
    }
    return min;
  }

  /** Records {@code key}; returns true when this record triggered the periodic halving. */
  boolean increment(Object key) {
    int blockHash = spread(key.hashCode());
    int counterHash = rehash(blockHash);
    int block = (blockHash & blockMask) << 3;
    boolean added = false;
    for (int i = 0; i < 4; i++) {
      int h = counterHash >>> (i << 3);
      int offset = ((h >>> 1) & 15) << 2;
      int word = block + (h & 1) + (i << 1);
      long mask = 0xfL << offset;
      if ((table[word] & mask) != mask) {
        table[word] += 1L << offset;
        added = true;
      }
    }
    if (added && ++additions >= sampleSize) {
      halve();
      return true;
    }
    return false;
  }

  private void halve() {
    long odd = 0;
    for (int i = 0; i < table.length; i++) {
      odd += Long.bitCount(table[i] & ONE_MASK);
      table[i] = (table[i] >>> 1) & RESET_MASK;
    }
    additions = Math.max(0, (additions - (odd >>> 2)) >>> 1);
  }
}
