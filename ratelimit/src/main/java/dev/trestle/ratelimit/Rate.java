package dev.trestle.ratelimit;

/**
 * A rate of {@code permits} per {@code periodNanos} as two integers of a common unit: one
 * nanosecond is {@code unitsPerNano} units and one permit {@code unitsPerPermit} units, so a rate
 * like 3 per second is exact (a permit is 10^9 units, a nanosecond 3) and never drifts.
 */
final class Rate {

  final long unitsPerNano;
  final long unitsPerPermit;

  private Rate(long unitsPerNano, long unitsPerPermit) {
    this.unitsPerNano = unitsPerNano;
    this.unitsPerPermit = unitsPerPermit;
  }

  static Rate of(long permits, long periodNanos) {
    long gcd = gcd(permits, periodNanos);
    return new Rate(permits / gcd, periodNanos / gcd);
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** Converts a non-negative number of units to nanoseconds, rounding up: the first nanosecond at which they have passed. */
  long ceilNanos(long units) {
    return units / unitsPerNano + (units % unitsPerNano == 0 ? 0 : 1);
  }
}
