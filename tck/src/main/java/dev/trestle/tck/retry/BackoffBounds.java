package dev.trestle.tck.retry;

import dev.trestle.core.retry.Backoff;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The kit's own bounds of each backoff policy, in exact arithmetic, so that a retry is never
 * checked against the very computation it might get wrong.
 */
final class BackoffBounds {

  private BackoffBounds() {}

  /** The smallest wait allowed before retry {@code k}, after a wait of {@code previous} ns. */
  static long lower(Backoff backoff, int k, long previous) {
    switch (backoff.kind()) {
      case FULL_JITTER:
        return 0;
      case EQUAL_JITTER:
        return ceiling(backoff, k) / 2;
      case DECORRELATED_JITTER:
        return backoff.base().toNanos();
      default:
        return ceiling(backoff, k);
    }
  }

  /** The largest wait allowed before retry {@code k}, after a wait of {@code previous} ns. */
  static long upper(Backoff backoff, int k, long previous) {
    if (backoff.kind() == Backoff.Kind.DECORRELATED_JITTER) {
      BigInteger tripled = BigInteger.valueOf(k == 1 ? backoff.base().toNanos() : previous)
          .multiply(BigInteger.valueOf(3));
      return tripled.min(BigInteger.valueOf(backoff.cap().toNanos())).longValueExact();
    }
    return ceiling(backoff, k);
  }

  /** min(cap, base x multiplier^(k-1)) in exact arithmetic. */
  private static long ceiling(Backoff backoff, int k) {
    if (backoff.kind() == Backoff.Kind.FIXED) {
      return backoff.base().toNanos();
    }
    BigDecimal exact = new BigDecimal(backoff.base().toNanos())
        .multiply(new BigDecimal(backoff.multiplier()).pow(k - 1));
    BigDecimal cap = new BigDecimal(backoff.cap().toNanos());
    return exact.compareTo(cap) >= 0 ? backoff.cap().toNanos() : exact.longValue();
  }
}
