package dev.trestle.cache;

/**
 * Decides how the adaptive policy's window should move (Einziger, Eytan, Friedman and Manes,
 * "Adaptive Software Cache Management", Middleware 2018, with Caffeine's constants): after each
 * sample of hits and misses it compares the sample's hit rate with the previous one's; if the
 * rate did not fall it keeps moving the window the same way, otherwise it turns round. The step
 * starts at 6.25% of the maximum and shrinks by 2% per sample, so the window settles; a change of
 * the hit rate by 5 points or more restarts it at 6.25%, so a new workload is followed.
 *
 * <p>Unlike Caffeine, the first step grows the window: a cache starts with a 1% window, which
 * can only be too small or right, so the first probe looks towards recency.
 *
 * <p>Not thread-safe: used under the eviction lock.
 */
final class HillClimber {

  static final double STEP_PERCENT = 0.0625;
  static final double STEP_DECAY = 0.98;
  static final double RESTART_THRESHOLD = 0.05;

  private final double maximum;
  private long hits;
  private long misses;
  private double previousHitRate;
  private double stepSize;

  HillClimber(long maximum) {
    this.maximum = maximum;
    this.stepSize = STEP_PERCENT * maximum;
  }

  void hit() {
    hits++;
  }

  void miss() {
    misses++;
  }

  /** Returns whether a sample of {@code sampleSize} requests is complete, so that {@link #adjustment} decides. */
  boolean sampleComplete(long sampleSize) {
    return hits + misses >= sampleSize;
  }

  /** Returns the hit rate of the last complete sample. */
  double lastHitRate() {
    return previousHitRate;
  }

  /**
   * Returns by how much to grow (positive) or shrink (negative) the window, once {@code sampleSize}
   * requests have been recorded since the last decision; 0 otherwise.
   */
  long adjustment(long sampleSize) {
    long requests = hits + misses;
    if (requests < sampleSize) {
      return 0;
    }
    double hitRate = (double) hits / requests;
    double change = hitRate - previousHitRate;
    double amount = change >= 0 ? stepSize : -stepSize;
    stepSize = Math.abs(change) >= RESTART_THRESHOLD
        ? STEP_PERCENT * maximum * (amount >= 0 ? 1 : -1)
        : STEP_DECAY * amount;
    previousHitRate = hitRate;
    hits = 0;
    misses = 0;
    return (long) amount;
  }
}
