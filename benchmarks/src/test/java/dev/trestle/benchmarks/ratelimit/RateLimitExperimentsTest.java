package dev.trestle.benchmarks.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.ratelimit.RateLimitAlgorithm;
import org.junit.jupiter.api.Test;

/** The simulations behind the rate limit claims, on short traces. */
class RateLimitExperimentsTest {

  @Test
  void aBurstOnEachSideOfABoundaryPassesTwiceTheLimitThroughAFixedWindowOnly() {
    long[] arrivals = WindowAccuracyExperiment.adversarial(3);
    assertEquals(200, WindowAccuracyExperiment.maxInAnyWindow(
        WindowAccuracyExperiment.admit(RateLimitAlgorithm.FIXED_WINDOW, arrivals)));
    assertEquals(100, WindowAccuracyExperiment.maxInAnyWindow(
        WindowAccuracyExperiment.admit(RateLimitAlgorithm.SLIDING_WINDOW_LOG, arrivals)));
    assertTrue(WindowAccuracyExperiment.maxInAnyWindow(
        WindowAccuracyExperiment.admit(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER, arrivals)) < 200);
  }

  @Test
  void aTraceBuiltAgainstTheCounterApproachesItsBoundButNeverPassesIt() {
    long[] admitted = WindowAccuracyExperiment.admit(RateLimitAlgorithm.SLIDING_WINDOW_COUNTER,
        WindowAccuracyExperiment.againstTheCounter(4));
    long peak = WindowAccuracyExperiment.maxInAnyWindow(admitted);
    assertTrue(peak > 190 && peak <= 199, "between 190 and 2L - 1 = 199, was " + peak);
  }

  @Test
  void thePoissonTraceIsSeededAndNearItsRate() {
    long[] a = WindowAccuracyExperiment.poisson(150, 10, 7);
    long[] b = WindowAccuracyExperiment.poisson(150, 10, 7);
    assertEquals(a.length, b.length);
    assertTrue(a.length > 1_300 && a.length < 1_700, "about 1500 arrivals in 10 s, got " + a.length);
  }

  @Test
  void theBucketPassesItsCapacityAtOnceAndTheShaperOneRequestPerInterval() throws Exception {
    long[] arrivals = BurstSmoothingExperiment.arrivals(10);
    assertEquals(BurstSmoothingExperiment.CAPACITY, BurstSmoothingExperiment.peak(BurstSmoothingExperiment.tokenBucket(arrivals)));
    long[] longestWait = new long[1];
    long[] shaped = BurstSmoothingExperiment.shaper(arrivals, longestWait);
    assertEquals(1, BurstSmoothingExperiment.peak(shaped));
    assertEquals(arrivals.length, shaped.length, "every request of a burst of 30 gets a slot within 3 s");
    assertTrue(longestWait[0] <= 3_000_000_000L);
  }
}
