package dev.trestle.core.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * What a thread does after losing a compare-and-set on a hot word to another thread, before it
 * reads the word again. Retrying at once makes the two threads take the cache line from each other
 * on every attempt, so both slow down; stepping aside lets the winner run on a line it owns.
 *
 * <p>Internal: exported only to Trestle's own modules. Stateless and thread-safe; the caller keeps
 * the count of CASes it lost in a row.
 */
public final class ContentionBackoff {

  /** The strategy, chosen once per JVM while the strategies are measured against each other. */
  static final String MODE = System.getProperty("trestle.contentionBackoff", "park");

  private ContentionBackoff() {}

  /**
   * Steps aside after the {@code lost}-th lost CAS in a row (from 1), and returns {@code lost + 1}.
   * The caller must then read the clock and the word afresh: time has passed.
   */
  public static int pause(int lost) {
    switch (MODE) {
      case "none":
        break;
      case "spin": {
        int spins = 1 << Math.min(lost, 8);
        for (int i = 0; i < spins; i++) {
          Thread.onSpinWait();
        }
        break;
      }
      case "spinpark":
        if (lost <= 2) {
          for (int i = 0, spins = 16 << lost; i < spins; i++) {
            Thread.onSpinWait();
          }
        } else {
          LockSupport.parkNanos(1);
        }
        break;
      case "spinyield":
        if (lost <= 4) {
          for (int i = 0, spins = 8 << lost; i < spins; i++) {
            Thread.onSpinWait();
          }
        } else {
          Thread.yield();
        }
        break;
      case "yield":
        Thread.yield();
        break;
      default:
        LockSupport.parkNanos(1);
    }
    return lost + 1;
  }
}
