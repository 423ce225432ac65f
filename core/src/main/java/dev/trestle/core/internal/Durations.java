package dev.trestle.core.internal;

import java.time.Duration;

/**
 * Duration arithmetic and checks shared by Trestle's configs and components: conversions to
 * nanoseconds that saturate instead of overflowing, and the validation every duration setting
 * gets, with a message that names the setting and its value.
 *
 * <p>A duration past about 292 years does not fit a {@code long} of nanoseconds; it saturates at
 * {@link Long#MAX_VALUE}, which every Trestle component reads as "never".
 *
 * <p>Internal: exported only to Trestle's own modules. Stateless and thread-safe.
 */
public final class Durations {

  private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;
  private static final long MIN_SECONDS = Long.MIN_VALUE / 1_000_000_000L;

  private Durations() {}

  /** Returns {@code duration} in nanoseconds, saturated at {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}. */
  public static long saturatedNanos(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds >= MAX_SECONDS) {
      return seconds == MAX_SECONDS ? saturatedEdge(duration, Long.MAX_VALUE) : Long.MAX_VALUE;
    }
    if (seconds <= MIN_SECONDS) {
      return seconds == MIN_SECONDS ? saturatedEdge(duration, Long.MIN_VALUE) : Long.MIN_VALUE;
    }
    return duration.toNanos();
  }

  /** The few durations within a second of the edge: exact where they fit. */
  private static long saturatedEdge(Duration duration, long saturated) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return saturated;
    }
  }

  /**
   * Checks a setting that may be zero and returns it in (saturated) nanoseconds.
   *
   * @throws NullPointerException if {@code duration} is null, naming the setting
   * @throws IllegalArgumentException if {@code duration} is negative, naming the setting and value
   */
  public static long nonNegativeNanos(Duration duration, String name) {
    return saturatedNanos(requireNonNegative(duration, name));
  }

  /**
   * Checks a setting that must be longer than zero and returns it in (saturated) nanoseconds.
   *
   * @throws NullPointerException if {@code duration} is null, naming the setting
   * @throws IllegalArgumentException if {@code duration} is zero or negative, naming the setting and value
   */
  public static long positiveNanos(Duration duration, String name) {
    return saturatedNanos(requirePositive(duration, name));
  }

  /**
   * Returns {@code duration} if it is zero or positive.
   *
   * @throws NullPointerException if {@code duration} is null, naming the setting
   * @throws IllegalArgumentException if it is negative, naming the setting and value
   */
  public static Duration requireNonNegative(Duration duration, String name) {
    Arguments.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, was " + duration);
    }
    return duration;
  }

  /**
   * Returns {@code duration} if it is longer than zero.
   *
   * @throws NullPointerException if {@code duration} is null, naming the setting
   * @throws IllegalArgumentException if it is zero or negative, naming the setting and value
   */
  public static Duration requirePositive(Duration duration, String name) {
    Arguments.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
    return duration;
  }

  /** Formats nanoseconds the way people read them: 250ms, 1.5s, 12µs. */
  public static String format(long nanos) {
    long abs = Math.abs(nanos);
    if (abs >= 1_000_000_000L) {
      return trim(nanos / 1e9) + "s";
    }
    if (abs >= 1_000_000L) {
      return trim(nanos / 1e6) + "ms";
    }
    if (abs >= 1_000L) {
      return trim(nanos / 1e3) + "µs";
    }
    return nanos + "ns";
  }

  private static String trim(double value) {
    String text = String.format(java.util.Locale.ROOT, "%.3f", value);
    text = text.replaceAll("0+$", "");
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
