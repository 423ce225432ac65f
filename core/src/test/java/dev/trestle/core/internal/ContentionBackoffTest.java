package dev.trestle.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The back-off's schedule; how long a step takes is the benchmarks' business, not a unit test's. */
class ContentionBackoffTest {

  @Test
  void eachStepCountsTheLossAndTheSpinsDoubleUpToTheLastSpinningLoss() {
    assertEquals(1, ContentionBackoff.pause(0));
    assertEquals(7, ContentionBackoff.pause(6)); // a yield
    assertEquals(8, ContentionBackoff.spins(0));
    assertEquals(16, ContentionBackoff.spins(1));
    assertEquals(128, ContentionBackoff.spins(ContentionBackoff.LAST_SPINNING_LOSS));
    assertEquals(128, ContentionBackoff.spins(Integer.MAX_VALUE));
    assertEquals(8, ContentionBackoff.spins(-1));
  }
}
