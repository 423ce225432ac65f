package dev.trestle.core.internal;

/**
 * What a thread does after losing a compare-and-set on a hot word to another thread, before it
 * reads the word again. Retrying at once makes the threads take the cache line from each other on
 * every attempt, so all of them slow down; stepping aside lets the winner run on a line it owns.
 *
 * <p>The step is exponential: {@code 8 × 2^lost} spin-wait hints for the first five losses in a
 * row (8 to 128: from tens of nanoseconds to a few microseconds), then a {@link Thread#yield()} for
 * each further one, which gives the core to another runnable thread when there are more threads than
 * cores. It never parks: a timed park of even one nanosecond sleeps for the OS timer slack (about
 * 50 µs on Linux), which is what Resilience4j's limiter does and what puts its p99.99 in the
 * milliseconds. Measured against parking and plain spinning in TryAcquireBenchmark (README,
 * Benchmarks).
 *
 * <p>Internal: exported only to Trestle's own modules. Stateless and thread-safe; the caller keeps
 * the count of CASes it lost in a row.
 */
public final class ContentionBackoff {

  /** The last loss in a row (counting from 0) that spins; later ones yield. */
  static final int LAST_SPINNING_LOSS = 4;

  private ContentionBackoff() {}

  /**
   * Steps aside after a lost CAS, {@code lost} being how many the caller lost in a row before this
   * one (0 the first time), and returns {@code lost + 1}. The caller should then read the word (and its clock) afresh: time has
   * passed.
   */
  public static int pause(int lost) {
    if (lost <= LAST_SPINNING_LOSS) {
      for (int i = 0, spins = spins(lost); i < spins; i++) {
        Thread.onSpinWait();
      }
    } else {
      Thread.yield();
    }
    return lost + 1;
  }

  /** The spin-wait hints for a loss after {@code lost} others in a row, while it spins. */
  static int spins(int lost) {
    return 8 << Math.max(0, Math.min(lost, LAST_SPINNING_LOSS));
  }
}
