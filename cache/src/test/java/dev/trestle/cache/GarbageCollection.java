package dev.trestle.cache;

import java.lang.ref.WeakReference;

/** Asks the garbage collector for an object that should be unreachable, without sleeping. */
final class GarbageCollection {

  private GarbageCollection() {}

  /**
   * Runs {@link System#gc()} until {@code ref} is cleared, at most 50 times; returns whether it was.
   * An explicit collection is a full one on HotSpot's collectors and clears weak references before
   * it returns, so an unreachable referent goes in the first round or two; the rounds only absorb a
   * collector that treats the request as a hint.
   */
  static boolean collect(WeakReference<?> ref) {
    for (int round = 0; round < 50 && ref.get() != null; round++) {
      System.gc();
    }
    return ref.get() == null;
  }
}
