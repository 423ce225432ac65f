package dev.trestle.benchmarks.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.benchmarks.pool.PoolSizing.Figures;
import dev.trestle.benchmarks.pool.PoolSizing.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that decides the pool-sizing claim from the figures, fixed before they are measured. */
class PoolSizingTest {

  private static List<Figures> figures(double t2, double p2, double t4, double p4, double t8, double p8, double t64, double p64) {
    return List.of(new Figures(2, t2, p2), new Figures(4, t4, p4), new Figures(8, t8, p8), new Figures(64, t64, p64));
  }

  @Test
  void smallMeansAtMostTwiceTheCoresPlusOneSpindle() {
    assertEquals(3, PoolSizing.smallAtMost(1));
    assertEquals(5, PoolSizing.smallAtMost(2));
    assertEquals(17, PoolSizing.smallAtMost(8));
    assertThrows(IllegalArgumentException.class, () -> PoolSizing.smallAtMost(0));
  }

  @Test
  void holdsWhenTheBestSmallPoolHasMoreThroughputAndALowerP99ThanTheBiggest() {
    Verdict verdict = PoolSizing.decide(figures(100, 50, 120, 40, 300, 10, 90, 80), 2);
    assertEquals(4, verdict.bestSmall().poolSize(), "8 is above 2 x 2 + 1, however fast it was");
    assertEquals(64, verdict.big().poolSize());
    assertEquals(5, verdict.smallAtMost());
    assertTrue(verdict.holds());
  }

  @Test
  void doesNotHoldWhenTheSmallPoolWinsOnlyOneOfThroughputAndP99() {
    assertFalse(PoolSizing.decide(figures(100, 50, 120, 90, 0, 0, 90, 80), 2).holds(), "more throughput, worse p99");
    assertFalse(PoolSizing.decide(figures(80, 50, 85, 40, 0, 0, 90, 80), 2).holds(), "better p99, less throughput");
    assertFalse(PoolSizing.decide(figures(90, 50, 90, 50, 0, 0, 90, 80), 2).holds(), "a tie in throughput is no win");
  }

  @Test
  void aTieBetweenSmallPoolsGoesToTheSmallerOne() {
    assertEquals(2, PoolSizing.decide(figures(120, 50, 120, 40, 0, 0, 90, 80), 2).bestSmall().poolSize());
  }

  @Test
  void onManyCoresEveryPoolBelowTheBiggestIsSmall() {
    Verdict verdict = PoolSizing.decide(figures(100, 50, 120, 40, 300, 10, 90, 80), 32);
    assertEquals(8, verdict.bestSmall().poolSize());
    assertEquals(64, verdict.big().poolSize(), "the biggest is never compared with itself");
  }

  @Test
  void refusesFiguresWithNoSmallPoolToCompare() {
    assertThrows(IllegalArgumentException.class, () -> PoolSizing.decide(List.of(), 2));
    assertThrows(IllegalArgumentException.class,
        () -> PoolSizing.decide(List.of(new Figures(16, 1, 1), new Figures(64, 1, 1)), 2));
    assertThrows(IllegalArgumentException.class, () -> PoolSizing.decide(figures(1, 1, 1, 1, 1, 1, 1, 1), 0));
  }

  @Test
  void roundsOfOneSizeAddUpToOneThroughputOverTheirTotalTime() {
    TpcbMix.Run total = new TpcbMix.Run(4);
    TpcbMix.Run first = new TpcbMix.Run(4);
    first.transactions = 100;
    first.reads = 100;
    first.seconds = 2;
    first.latency.add(5_000_000);
    TpcbMix.Run second = new TpcbMix.Run(4);
    second.transactions = 50;
    second.reads = 150;
    second.errors = 3;
    second.seconds = 2;
    second.latency.add(7_000_000);
    total.add(first);
    total.add(second);
    assertEquals(100.0, total.throughput(), 1e-9);
    assertEquals(150, total.transactions);
    assertEquals(3, total.errors);
    assertEquals(2, total.latency.size());
    assertEquals(7.0, total.latency.percentileMillis(99), 1e-9);
  }
}
