package dev.trestle.core;

/**
 * A source of nanosecond time, the only way a Trestle component reads time.
 *
 * <p>Values are meaningful only as differences between two reads of the same ticker, like
 * {@link System#nanoTime()}: they are not wall-clock time and may be negative. Differences are
 * computed with subtraction, so a ticker may wrap around without breaking comparisons that span
 * less than about 292 years.
 *
 * <p>Tests pass a {@link ManualTicker} so that time moves only when they say so.
 *
 * <p>Implementations must be thread-safe and must never go backwards.
 */
@FunctionalInterface
public interface Ticker {

  /** Returns the current time of this ticker in nanoseconds. */
  long read();

  /** Returns the ticker backed by {@link System#nanoTime()}. */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
