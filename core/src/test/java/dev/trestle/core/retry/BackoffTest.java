package dev.trestle.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final long MS = 1_000_000L;
  private final SplittableRandom random = new SplittableRandom(42);

  @Test
  void fixedWaitsTheSameDelayBeforeEveryRetry() {
    Backoff backoff = Backoff.fixed(Duration.ofMillis(250));
    for (int retry = 1; retry <= 5; retry++) {
      assertEquals(250 * MS, backoff.delayNanos(retry, 0, random));
    }
  }

  @Test
  void exponentialGrowsByTheMultiplierUpToTheMax() {
    Backoff backoff = Backoff.exponential(Duration.ofMillis(100), 2, Duration.ofMillis(1000));
    long[] expected = {100, 200, 400, 800, 1000, 1000};
    for (int retry = 1; retry <= expected.length; retry++) {
      assertEquals(expected[retry - 1] * MS, backoff.delayNanos(retry, 0, random), "retry " + retry);
    }
  }

  @Test
  void exponentialSaturatesAtTheCapForHugeRetryNumbers() {
    Backoff backoff = Backoff.exponential(Duration.ofMillis(1), 10, Duration.ofDays(365 * 200));
    assertEquals(Duration.ofDays(365 * 200).toNanos(), backoff.delayNanos(Integer.MAX_VALUE, 0, random));
    assertEquals(Duration.ofDays(365 * 200).toNanos(), backoff.delayNanos(100, 0, random));
  }

  @Test
  void aCeilingBelowACapBeyondTwoToThe53IsNotRoundedUpToTheCap() {
    // 2^53 + 1 ns is 2^53 as a double: compared as doubles, e(2) = 2^53 would read as reaching the cap.
    Backoff backoff = Backoff.exponential(Duration.ofNanos(1L << 52), 2, Duration.ofNanos((1L << 53) + 1));
    assertEquals(1L << 53, backoff.delayNanos(2, 0, random));
    assertEquals((1L << 53) + 1, backoff.delayNanos(3, 0, random));
  }

  @Test
  void fullJitterStaysWithinZeroAndTheExponentialCeiling() {
    Backoff backoff = Backoff.fullJitter(Duration.ofMillis(10), Duration.ofMillis(100));
    for (int retry = 1; retry <= 100; retry++) {
      long ceiling = Math.min(100 * MS, (long) (10 * MS * Math.pow(2, retry - 1)));
      for (int i = 0; i < 50; i++) {
        long delay = backoff.delayNanos(retry, 0, random);
        assertTrue(delay >= 0 && delay <= ceiling, retry + ": " + delay);
      }
    }
  }

  @Test
  void fullJitterVaries() {
    Backoff backoff = Backoff.fullJitter(Duration.ofMillis(10), Duration.ofSeconds(1));
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      seen.add(backoff.delayNanos(3, 0, random));
    }
    assertTrue(seen.size() > 10, seen.toString());
  }

  @Test
  void equalJitterNeverWaitsLessThanHalfTheCeiling() {
    Backoff backoff = Backoff.equalJitter(Duration.ofMillis(10), Duration.ofMillis(100));
    for (int retry = 1; retry <= 70; retry++) {
      long ceiling = Math.min(100 * MS, (long) (10 * MS * Math.pow(2, retry - 1)));
      for (int i = 0; i < 50; i++) {
        long delay = backoff.delayNanos(retry, 0, random);
        assertTrue(delay >= ceiling / 2 && delay <= ceiling, retry + ": " + delay);
      }
    }
  }

  @Test
  void decorrelatedJitterStaysBetweenTheBaseAndThreeTimesThePreviousDelayCapped() {
    Backoff backoff = Backoff.decorrelatedJitter(Duration.ofMillis(10), Duration.ofMillis(500));
    long previous = 0;
    for (int retry = 1; retry <= 200; retry++) {
      long delay = backoff.delayNanos(retry, previous, random);
      long upper = Math.min(500 * MS, 3 * (retry == 1 ? 10 * MS : previous));
      assertTrue(delay >= 10 * MS && delay <= upper, retry + ": " + delay + " after " + previous);
      previous = delay;
    }
  }

  @Test
  void decorrelatedJitterDoesNotOverflowNearTheLargestDuration() {
    Backoff backoff = Backoff.decorrelatedJitter(Duration.ofMillis(10), Duration.ofNanos(Long.MAX_VALUE));
    long delay = backoff.delayNanos(5, Long.MAX_VALUE / 2, random);
    assertTrue(delay >= 10 * MS, Long.toString(delay));
  }

  @Test
  void theBoundsAreTheDocumentedOnes() {
    Backoff equal = Backoff.equalJitter(Duration.ofMillis(10), Duration.ofMillis(100));
    assertEquals(20 * MS, equal.lowerBoundNanos(3, 0));
    assertEquals(40 * MS, equal.upperBoundNanos(3, 0));
    Backoff decorrelated = Backoff.decorrelatedJitter(Duration.ofMillis(10), Duration.ofMillis(100));
    assertEquals(30 * MS, decorrelated.upperBoundNanos(1, 0));
    assertEquals(60 * MS, decorrelated.upperBoundNanos(2, 20 * MS));
    assertEquals(100 * MS, decorrelated.upperBoundNanos(2, 90 * MS));
  }

  @Test
  void badValuesAreRejectedNamingTheSetting() {
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> Backoff.fixed(Duration.ofMillis(-1)));
    assertEquals("fixed delay must be zero or positive, was PT-0.001S", negative.getMessage());
    IllegalArgumentException multiplier = assertThrows(IllegalArgumentException.class,
        () -> Backoff.exponential(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1)));
    assertEquals("exponential multiplier must be a finite number of at least 1, was 0.5", multiplier.getMessage());
    IllegalArgumentException cap = assertThrows(IllegalArgumentException.class,
        () -> Backoff.fullJitter(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertEquals("fullJitter cap must be at least the base (PT2S), was PT1S", cap.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> Backoff.decorrelatedJitter(Duration.ZERO, Duration.ofSeconds(1)));
    assertEquals("decorrelatedJitter base must be positive, was PT0S", zero.getMessage());
    NullPointerException missing = assertThrows(NullPointerException.class, () -> Backoff.equalJitter(null, Duration.ofSeconds(1)));
    assertEquals("equalJitter base must not be null", missing.getMessage());
    IllegalArgumentException retry = assertThrows(IllegalArgumentException.class,
        () -> Backoff.fixed(Duration.ZERO).delayNanos(0, 0, random));
    assertEquals("retry must be at least 1 (the first retry), was 0", retry.getMessage());
  }
}
