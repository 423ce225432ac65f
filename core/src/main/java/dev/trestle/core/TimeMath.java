package dev.trestle.core;

import java.time.Duration;

/** Conversions between {@link Duration} and nanoseconds that saturate instead of overflowing. */
final class TimeMath {

  private TimeMath() {}

  static long saturatedNanos(Duration duration) {
    if (duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) {
      return Long.MAX_VALUE;
    }
    if (duration.getSeconds() <= Long.MIN_VALUE / 1_000_000_000L) {
      return Long.MIN_VALUE;
    }
    return duration.toNanos();
  }
}
