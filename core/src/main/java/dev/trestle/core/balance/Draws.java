package dev.trestle.core.balance;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The random draws of a balancer: from each thread's own generator, or, with a seed, one SplitMix64
 * sequence shared by all threads (reproducible when one thread picks, as simulations do).
 */
final class Draws {

  private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

  private final AtomicLong state; // null: ThreadLocalRandom

  Draws(java.util.OptionalLong seed) {
    this.state = seed.isPresent() ? new AtomicLong(seed.getAsLong()) : null;
  }

  long nextLong() {
    if (state == null) {
      return ThreadLocalRandom.current().nextLong();
    }
    long z = state.addAndGet(GOLDEN);
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  /** Returns a draw in [0, bound), bound positive. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Returns a draw in [0, bound), bound positive. */
  long nextLong(long bound) {
    return Math.floorMod(nextLong(), bound);
  }

  /** Returns a live index drawn in proportion to the live nodes' weights. */
  int weightedLive(View<?> view) {
    if (view.equalWeights) {
      return nextInt(view.live.length);
    }
    return view.liveAtWeight(nextLong(view.liveWeight));
  }
}
