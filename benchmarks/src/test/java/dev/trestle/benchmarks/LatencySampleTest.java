package dev.trestle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencySampleTest {

  @Test
  void nearestRankPercentiles() {
    LatencySample sample = new LatencySample();
    for (int i = 1000; i >= 1; i--) {
      sample.add(i);
    }
    assertEquals(1000, sample.size());
    assertEquals(500, sample.percentile(50));
    assertEquals(990, sample.percentile(99));
    assertEquals(999, sample.percentile(99.9));
    assertEquals(1000, sample.max());
    assertEquals(1, sample.percentile(0.1));
  }

  @Test
  void growsAndMerges() {
    LatencySample a = new LatencySample();
    LatencySample b = new LatencySample();
    for (int i = 0; i < 3000; i++) {
      a.add(1);
      b.add(2);
    }
    a.addAll(b);
    assertEquals(6000, a.size());
    assertEquals(1, a.percentile(50));
    assertEquals(2, a.percentile(50.1));
  }

  @Test
  void rejectsPercentilesOutsideTheRangeAndEmptySamples() {
    LatencySample sample = new LatencySample();
    assertThrows(IllegalStateException.class, () -> sample.percentile(50));
    sample.add(1);
    assertThrows(IllegalArgumentException.class, () -> sample.percentile(0));
    assertThrows(IllegalArgumentException.class, () -> sample.percentile(100.1));
  }
}
