package dev.trestle.cache;

/**
 * A count-min sketch of 4-bit counters (TinyLFU, Einziger, Friedman and Manes 2017): estimates how
 * often a key was recorded, never below the truth and capped at 15. After {@code sampleSize}
 * records every counter is halved, which ages the counts; {@link #increment} returns true then so
 * the caller can age what it keeps too. Not thread-safe: used under the eviction lock.
 */
final class FrequencySketch {

  private static final long RESET_MASK = 0x7777_7777_7777_7777L;
  private static final long[] SEEDS = {0xc3a5c85c97cb3127L, 0xb492b66fbe98f273L, 0x9ae16a3b2f90404fL, 0xcbf29ce484222325L};

  private final long[] table;
  private final int tableMask;
  private final long sampleSize;
  private long additions;

  FrequencySketch(long maximum) {
    int size = (int) Math.min(1 << 24, Math.max(64, Long.highestOneBit(Math.max(1, maximum) - 1) << 1));
    table = new long[size];
    tableMask = size - 1;
    sampleSize = Math.max(10, 10 * Math.max(1, maximum));
  }

  private static int spread(int hash) {
    int h = hash * 0x9e3779b9;
    return h ^ (h >>> 16);
  }

  private int indexOf(int hash, int row) {
    long h = (hash + SEEDS[row]) * SEEDS[row];
    h += h >>> 32;
    return (int) h & tableMask;
  }

  /** Returns the estimated number of times {@code key} was recorded, 0 to 15. */
  int frequency(Object key) {
    int hash = spread(key.hashCode());
    int min = 15;
    for (int row = 0; row < 4; row++) {
      int offset = ((hash >>> (row << 3)) & 15) << 2; // which 4-bit counter of the 64-bit word
      int count = (int) ((table[indexOf(hash, row)] >>> offset) & 0xf);
      min = Math.min(min, count);
    }
    return min;
  }

  /** Records {@code key}; returns true when this record triggered the periodic halving. */
  boolean increment(Object key) {
    int hash = spread(key.hashCode());
    boolean added = false;
    for (int row = 0; row < 4; row++) {
      int index = indexOf(hash, row);
      int offset = ((hash >>> (row << 3)) & 15) << 2;
      long mask = 0xfL << offset;
      if ((table[index] & mask) != mask) {
        table[index] += 1L << offset;
        added = true;
      }
    }
    if (added && ++additions >= sampleSize) {
      for (int i = 0; i < table.length; i++) {
        table[i] = (table[i] >>> 1) & RESET_MASK;
      }
      additions /= 2;
      return true;
    }
    return false;
  }
}
