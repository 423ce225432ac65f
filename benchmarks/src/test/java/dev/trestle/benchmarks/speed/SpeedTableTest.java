package dev.trestle.benchmarks.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.benchmarks.Claim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/** The speed table's claims from given samples, and the reading of JMH's figures: no timing. */
class SpeedTableTest {

  private static final Block LIMITER = Block.all().stream().filter(b -> b.id().equals("limiter")).findFirst().orElseThrow();
  private static final Block.Subject BUCKET = LIMITER.subjects().get(0);

  private static Sample sample(String impl, int threads, double opsPerUs, double bytes) {
    return new Sample("limiter", impl, threads, opsPerUs, 0.1, bytes);
  }

  @Test
  void theRatioIsAgainstTheFastestPeerAtThatThreadCount() {
    List<Sample> samples = List.of(sample("trestle-token-bucket", 2, 15, 0), sample("resilience4j", 2, 19.4, 40),
        sample("guava", 2, 5, 0), sample("bucket4j", 2, 5, 0), sample("guava", 1, 30, 0));
    Claim claim = SpeedTable.claim(LIMITER, BUCKET, 2, samples, "chart.png", "1 fork");
    assertEquals("speed.limiter.token-bucket.2t", claim.id);
    assertEquals(15 / 19.4, claim.value, 1e-3);
    assertEquals(1.0, claim.baseline);
    assertFalse(claim.holds);
    assertTrue(claim.metric.contains("resilience4j"), claim.metric);
    assertEquals(40.0, claim.details.get("resilience4j B/op"));
    assertEquals(2, claim.details.get("threads"));
    assertTrue(claim.notes.contains("this machine and this run only"), claim.notes);
  }

  @Test
  void asFastAsTheBestPeerHolds() {
    List<Sample> samples = List.of(sample("trestle-token-bucket", 1, 20, 0), sample("resilience4j", 1, 20, 0),
        sample("guava", 1, 17, 0));
    assertTrue(SpeedTable.claim(LIMITER, BUCKET, 1, samples, "c.png", "1 fork").holds);
  }

  @Test
  void theLongModesFurtherThreadCountsBecomeDetails() {
    List<Sample> samples = List.of(sample("trestle-token-bucket", 2, 20, 0), sample("guava", 2, 10, 0),
        sample("trestle-token-bucket", 8, 12, 0), sample("guava", 8, 4, 0), sample("resilience4j", 8, 16, 0));
    Claim claim = SpeedTable.claim(LIMITER, BUCKET, 2, samples, "c.png", "2 forks");
    assertEquals(0.75, claim.details.get("ratio at 8 threads"));
  }

  @Test
  void aRunWithoutTheSubjectOrAnyPeerFailsRatherThanClaiming() {
    List<Sample> onlyPeers = List.of(sample("guava", 2, 10, 0));
    assertThrows(IllegalStateException.class, () -> SpeedTable.claim(LIMITER, BUCKET, 2, onlyPeers, "c.png", ""));
    List<Sample> onlyTrestle = List.of(sample("trestle-token-bucket", 2, 10, 0));
    assertThrows(IllegalStateException.class, () -> SpeedTable.claim(LIMITER, BUCKET, 2, onlyTrestle, "c.png", ""));
    assertTrue(Double.isNaN(SpeedTable.ratio(LIMITER, BUCKET, onlyTrestle, 2)));
  }

  @Test
  void everySubjectHasAClaimAtOneAndTwoThreadsWithUniqueIds() {
    List<String> ids = new SpeedExperiment().claimIds();
    assertEquals(2 * Block.all().stream().mapToInt(b -> b.subjects().size()).sum(), ids.size());
    assertEquals(ids.size(), ids.stream().distinct().count());
    assertTrue(ids.contains("speed.limiter.gcra.1t"), ids.toString());
    assertTrue(ids.contains("speed.pool.2t"), ids.toString());
  }

  @Test
  void bytesPerOpComeFromTheGcProfilersNormalisedRateUnderEitherLabel() {
    Map<String, Result> secondary = new LinkedHashMap<>();
    secondary.put("gc.alloc.rate", new ScalarResult("gc.alloc.rate", 900, "MB/sec", AggregationPolicy.AVG));
    secondary.put("gc.alloc.rate.norm", new ScalarResult("gc.alloc.rate.norm", 40, "B/op", AggregationPolicy.AVG));
    assertEquals(40, Sample.bytesPerOp(secondary));
    Map<String, Result> older = Map.of("\u00b7gc.alloc.rate.norm",
        new ScalarResult("\u00b7gc.alloc.rate.norm", 16, "B/op", AggregationPolicy.AVG));
    assertEquals(16, Sample.bytesPerOp(older));
    assertTrue(Double.isNaN(Sample.bytesPerOp(Map.of())));
  }
}
