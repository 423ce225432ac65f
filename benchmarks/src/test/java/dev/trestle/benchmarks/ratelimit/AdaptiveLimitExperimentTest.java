package dev.trestle.benchmarks.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.benchmarks.ratelimit.OverloadSimulation.Result;
import dev.trestle.benchmarks.ratelimit.OverloadSimulation.Subject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overload simulation behind the adaptive concurrency claim, on the quick ramp. */
class AdaptiveLimitExperimentTest {

  @Test
  void theArrivalsAreSeededAndRampPastCapacity() {
    long[] a = OverloadSimulation.arrivals(20, 3);
    long[] b = OverloadSimulation.arrivals(20, 3);
    assertEquals(a.length, b.length);
    // 20 s at a mean of 1.1 x 1000 per second
    assertTrue(a.length > 21_000 && a.length < 23_000, "about 22,000 arrivals, got " + a.length);
    // the load passes capacity (1.0) 0.8 / 1.8 of the way into the ramp
    assertEquals(20e9 * 0.8 / 1.8, OverloadSimulation.capacityReached(20), 1e6);
  }

  @Test
  void vegasKeepsLatencyAndGoodputWhereTheFixedLimitsFail() {
    Map<Subject, Result> results = AdaptiveLimitExperiment.simulate(20);
    assertTrue(AdaptiveLimitExperiment.holds(results));
    Result vegas = results.get(Subject.VEGAS);
    assertTrue(vegas.goodputPastCapacity() > 900, "goodput " + vegas.goodputPastCapacity());
    assertTrue(vegas.p99PastCapacityMillis() < 30, "p99 " + vegas.p99PastCapacityMillis());
  }

  @Test
  void netflixsGradient2CreepsToItsMaximumAndQueues() {
    Result gradient2 = AdaptiveLimitExperiment.simulate(20).get(Subject.NETFLIX_GRADIENT2);
    assertEquals(1000, gradient2.limitPerSecond[19]);
    assertTrue(gradient2.p99PastCapacityMillis() > 500, "p99 " + gradient2.p99PastCapacityMillis());
  }

  @Test
  void theSimulationIsDeterministic() {
    Result a = AdaptiveLimitExperiment.simulate(20).get(Subject.VEGAS);
    Result b = AdaptiveLimitExperiment.simulate(20).get(Subject.VEGAS);
    assertEquals(a.goodPastCapacity, b.goodPastCapacity);
    assertEquals(a.p99PastCapacityMillis(), b.p99PastCapacityMillis());
  }
}
