package dev.trestle.core.retry;

import dev.trestle.core.internal.Durations;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a {@link Retry} waits before each retry: a fixed delay, an exponential one, or one of
 * the three jittered policies of the AWS analysis "Exponential Backoff and Jitter" (Brooker, 2015).
 *
 * <p>Retry {@code k} is the {@code k}-th retry, the wait before attempt {@code k + 1} (so the
 * first wait is retry 1). Let {@code e(k) = min(cap, base × multiplier^(k-1))}, the exponential
 * ceiling, computed so that it saturates at {@code cap} and never overflows, however large
 * {@code k}. The delays, in nanoseconds, lie within these bounds (both inclusive):
 *
 * <table>
 *   <caption>Policies and their bounds</caption>
 *   <tr><th>policy</th><th>delay of retry k</th><th>bounds</th></tr>
 *   <tr><td>{@link #fixed fixed(d)}</td><td>d</td><td>[d, d]</td></tr>
 *   <tr><td>{@link #exponential exponential(base, m, cap)}</td><td>e(k)</td><td>[e(k), e(k)]</td></tr>
 *   <tr><td>{@link #fullJitter fullJitter(base, cap)}</td><td>uniform in [0, e(k)], m = 2</td>
 *       <td>[0, e(k)]</td></tr>
 *   <tr><td>{@link #equalJitter equalJitter(base, cap)}</td><td>e(k)/2 + uniform in [0, e(k) - e(k)/2],
 *       m = 2, / rounding down</td><td>[e(k)/2, e(k)]</td></tr>
 *   <tr><td>{@link #decorrelatedJitter decorrelatedJitter(base, cap)}</td>
 *       <td>min(cap, uniform in [base, 3 × previous]), previous = base before the first retry</td>
 *       <td>[base, min(cap, 3 × previous)]</td></tr>
 * </table>
 *
 * <p>Randomness comes from the {@link RandomGenerator} passed to {@link #delayNanos}, which a
 * {@link RetryConfig} supplies from its {@code random} setting, so a seeded generator makes the
 * delays reproducible. Durations beyond about 292 years saturate at {@link Long#MAX_VALUE} ns.
 *
 * <p>Immutable and thread-safe.
 */
public final class Backoff {

  /** The shape of a backoff policy. */
  public enum Kind {
    /** The same delay before every retry. */
    FIXED,
    /** {@code min(cap, base × multiplier^(k-1))}, no randomness. */
    EXPONENTIAL,
    /** AWS "Full Jitter": uniform in [0, e(k)]. */
    FULL_JITTER,
    /** AWS "Equal Jitter": half of e(k) fixed, the other half uniform. */
    EQUAL_JITTER,
    /** AWS "Decorrelated Jitter": uniform in [base, 3 × the previous delay], capped. */
    DECORRELATED_JITTER
  }

  private final Kind kind;
  private final long baseNanos;
  private final double multiplier;
  private final long capNanos;

  private Backoff(Kind kind, long baseNanos, double multiplier, long capNanos) {
    this.kind = kind;
    this.baseNanos = baseNanos;
    this.multiplier = multiplier;
    this.capNanos = capNanos;
  }

  /**
   * Waits {@code delay} before every retry; zero retries at once.
   *
   * @throws NullPointerException if {@code delay} is null
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public static Backoff fixed(Duration delay) {
    long nanos = Durations.nonNegativeNanos(delay, "fixed delay");
    return new Backoff(Kind.FIXED, nanos, 1, nanos);
  }

  /**
   * Waits {@code min(max, initial × multiplier^(k-1))} before retry {@code k}.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if {@code initial} is not positive, {@code multiplier} is not
   *     a finite number of at least 1, or {@code max} is below {@code initial}
   */
  public static Backoff exponential(Duration initial, double multiplier, Duration max) {
    long base = Durations.positiveNanos(initial, "exponential initial");
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "exponential multiplier must be a finite number of at least 1, was " + multiplier);
    }
    return new Backoff(Kind.EXPONENTIAL, base, multiplier, cap(max, base, "exponential max"));
  }

  /**
   * AWS "Full Jitter": before retry {@code k}, a uniformly random delay in
   * {@code [0, min(cap, base × 2^(k-1))]}. Spreads contending clients the most.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if {@code base} is not positive or {@code cap} is below it
   */
  public static Backoff fullJitter(Duration base, Duration cap) {
    long b = Durations.positiveNanos(base, "fullJitter base");
    return new Backoff(Kind.FULL_JITTER, b, 2, cap(cap, b, "fullJitter cap"));
  }

  /**
   * AWS "Equal Jitter": before retry {@code k}, with {@code e = min(cap, base × 2^(k-1))}, waits
   * {@code e/2} plus a uniformly random delay in {@code [0, e - e/2]}: never less than half.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if {@code base} is not positive or {@code cap} is below it
   */
  public static Backoff equalJitter(Duration base, Duration cap) {
    long b = Durations.positiveNanos(base, "equalJitter base");
    return new Backoff(Kind.EQUAL_JITTER, b, 2, cap(cap, b, "equalJitter cap"));
  }

  /**
   * AWS "Decorrelated Jitter": before each retry, {@code min(cap, uniform in [base, 3 × previous])}
   * where {@code previous} is the delay before the previous retry, or {@code base} before the
   * first.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if {@code base} is not positive or {@code cap} is below it
   */
  public static Backoff decorrelatedJitter(Duration base, Duration cap) {
    long b = Durations.positiveNanos(base, "decorrelatedJitter base");
    return new Backoff(Kind.DECORRELATED_JITTER, b, 3, cap(cap, b, "decorrelatedJitter cap"));
  }

  /** Returns this policy's shape. */
  public Kind kind() {
    return kind;
  }

  /** Returns the base: the fixed delay, the initial delay, or the jitter's base. */
  public Duration base() {
    return Duration.ofNanos(baseNanos);
  }

  /** Returns the growth factor: 1 for FIXED, 2 for full and equal jitter, 3 for decorrelated. */
  public double multiplier() {
    return multiplier;
  }

  /** Returns the largest delay this policy can give (the fixed delay for FIXED). */
  public Duration cap() {
    return Duration.ofNanos(capNanos);
  }

  /**
   * Returns the delay before retry {@code retry}, in nanoseconds, within the bounds of the class
   * description.
   *
   * @param retry the retry number, 1 for the first retry
   * @param previousNanos the delay returned for the previous retry (any value for the first; only
   *     decorrelated jitter reads it)
   * @param random the source of randomness for the jittered policies
   * @throws IllegalArgumentException if {@code retry} is below 1
   */
  public long delayNanos(int retry, long previousNanos, RandomGenerator random) {
    if (kind == Kind.DECORRELATED_JITTER) {
      // As in the analysis: draw from [base, 3 × previous], then cap, so the cap keeps its share.
      long tripled = tripled(retry == 1 ? baseNanos : Math.max(baseNanos, previousNanos));
      long drawn = tripled == Long.MAX_VALUE ? random.nextLong(baseNanos, tripled) : random.nextLong(baseNanos, tripled + 1);
      return Math.min(capNanos, drawn);
    }
    long low = lowerBoundNanos(retry, previousNanos);
    long high = upperBoundNanos(retry, previousNanos);
    if (low == high) {
      return low;
    }
    return high == Long.MAX_VALUE ? random.nextLong(low, high) : random.nextLong(low, high + 1);
  }

  /** Returns the smallest delay this policy may give before retry {@code retry}. */
  public long lowerBoundNanos(int retry, long previousNanos) {
    switch (kind) {
      case FULL_JITTER:
        checkRetry(retry);
        return 0;
      case EQUAL_JITTER:
        return ceiling(retry) / 2;
      case DECORRELATED_JITTER:
        checkRetry(retry);
        return baseNanos;
      default:
        return ceiling(retry);
    }
  }

  /** Returns the largest delay this policy may give before retry {@code retry}. */
  public long upperBoundNanos(int retry, long previousNanos) {
    if (kind == Kind.DECORRELATED_JITTER) {
      checkRetry(retry);
      return Math.min(capNanos, tripled(retry == 1 ? baseNanos : Math.max(baseNanos, previousNanos)));
    }
    return ceiling(retry);
  }

  private static long tripled(long nanos) {
    return nanos > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : nanos * 3;
  }

  /**
   * e(k) = min(cap, base × multiplier^(k-1)), saturating: pow overflows to infinity, never wraps, and
   * (long) of a double at or past 2^63 is Long.MAX_VALUE. The minimum is taken in long arithmetic: a
   * cap above 2^53 ns is not exact as a double, and comparing there would round e(k) up to the cap.
   */
  private long ceiling(int retry) {
    checkRetry(retry);
    if (kind == Kind.FIXED) {
      return baseNanos;
    }
    return Math.min(capNanos, (long) (baseNanos * Math.pow(multiplier, retry - 1)));
  }

  private static void checkRetry(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1 (the first retry), was " + retry);
    }
  }


  private static long cap(Duration cap, long baseNanos, String name) {
    long nanos = Durations.nonNegativeNanos(cap, name);
    if (nanos < baseNanos) {
      throw new IllegalArgumentException(
          name + " must be at least the base (" + Duration.ofNanos(baseNanos) + "), was " + cap);
    }
    return nanos;
  }

  @Override
  public String toString() {
    switch (kind) {
      case FIXED:
        return "Backoff.fixed(" + base() + ")";
      case EXPONENTIAL:
        return "Backoff.exponential(" + base() + ", " + multiplier + ", " + cap() + ")";
      default:
        return "Backoff." + kind + "(" + base() + ", cap " + cap() + ")";
    }
  }
}
