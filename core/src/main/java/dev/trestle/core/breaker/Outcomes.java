package dev.trestle.core.breaker;

/** Outcome codes stored in the windows: bit 0 recorded, bit 1 failure, bit 2 slow. */
final class Outcomes {

  static final int SUCCESS = 1;
  static final int FAILURE = 3;
  static final int SLOW = 4;

  private Outcomes() {}

  static int code(boolean failure, boolean slow) {
    return (failure ? FAILURE : SUCCESS) | (slow ? SLOW : 0);
  }

  static int calls(int code) {
    return code & 1;
  }

  static int failures(int code) {
    return (code >>> 1) & 1;
  }

  static int slow(int code) {
    return (code >>> 2) & 1;
  }
}
