package dev.trestle.cache;

/**
 * A sampled shadow LRU: how an LRU cache of the same maximum would do on the current workload,
 * measured cheaply so the adaptive policy can tell when plain recency beats it (set dueling;
 * spatial sampling as in Waldspurger et al., "Cache Modeling and Optimization using Miniature
 * Simulations", USENIX ATC 2017).
 *
 * <p>It follows only the keys whose hash falls in a sample of rate {@code r = min(1, 1024 /
 * maximum)}, in an LRU of {@code r x maximum} slots, so it stands for a full LRU of the maximum
 * while costing at most about 1024 slots. It stores 32-bit key hashes, never keys. Up to 64 slots
 * it is an exact LRU; beyond, 8-way set-associative (an LRU per set of 8 slots, by access stamps),
 * which tracks a true LRU closely and needs no links. Nothing is allocated after construction.
 *
 * <p>Not thread-safe: used under the eviction lock.
 */
final class ShadowLru {

  static final int MAX_SLOTS = 1024;
  private static final int WAYS = 8;

  private final int threshold;
  private final int sets;
  private final int ways;
  private final int seed;
  private final int[] hashes;
  private final long[] stamps;
  private long clock;

  ShadowLru(long maximum, int seed) {
    long max = Math.max(1, maximum);
    double rate = Math.min(1.0, (double) MAX_SLOTS / max);
    this.threshold = rate >= 1.0 ? Integer.MAX_VALUE : (int) (rate * (1 << 24));
    int slots = (int) Math.max(1, Math.min(MAX_SLOTS, Math.round(max * rate)));
    // Small shadows are one fully associative set (an exact LRU); larger ones 8-way sets.
    this.ways = slots <= 64 ? slots : WAYS;
    this.sets = slots <= 64 ? 1 : Math.round(slots / (float) WAYS);
    this.seed = seed;
    this.hashes = new int[sets * ways];
    this.stamps = new long[sets * ways];
  }

  private int mix(Object key) {
    int x = key.hashCode() ^ seed;
    x *= 0x9e3779b9;
    x ^= x >>> 16;
    x *= 0x85ebca6b;
    x ^= x >>> 13;
    return x;
  }

  /** Returns whether {@code key} is in the sample; then {@link #access} must be told of its access. */
  int sampled(Object key) {
    int hash = mix(key);
    return threshold == Integer.MAX_VALUE || (hash >>> 8) < threshold ? hash | 1 : 0;
  }

  /** Records an access to the sampled key of hash {@code hash} (non-zero); returns whether the shadow LRU hit. */
  boolean access(int hash) {
    int base = Integer.remainderUnsigned(hash * 0x27d4eb2d, sets) * ways;
    int oldest = base;
    long now = ++clock;
    for (int i = base; i < base + ways; i++) {
      if (stamps[i] != 0 && hashes[i] == hash) {
        stamps[i] = now;
        return true;
      }
      if (stamps[i] < stamps[oldest]) {
        oldest = i;
      }
    }
    hashes[oldest] = hash;
    stamps[oldest] = now;
    return false;
  }
}
