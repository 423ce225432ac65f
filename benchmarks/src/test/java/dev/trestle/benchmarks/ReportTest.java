package dev.trestle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir
  Path dir;

  private static Claim sample(boolean holds) {
    return Claim.builder("x.sample", "core", "a sample claim")
        .measured("p99 latency", 26.5, 77.25, "ms")
        .holds(holds)
        .detail("calls", 1000)
        .chart("x.png")
        .notes("how it was measured")
        .build();
  }

  private static final RunInfo RUN = new RunInfo("2026-12-04T18:00:00Z", "abc123", "quick", "17", "Linux", 2, 512, null);

  @Test
  void claimsJsonHasTheFieldsOfTheArchitectureInOrder() throws Exception {
    Report.writeJson(dir.resolve("claims.json"), RUN, List.of(sample(true)), List.of());
    JsonNode document = new ObjectMapper().readTree(dir.resolve("claims.json").toFile());
    List<String> top = new ArrayList<>();
    document.fieldNames().forEachRemaining(top::add);
    assertEquals(List.of("run", "claims", "failures"), top);
    List<String> run = new ArrayList<>();
    document.get("run").fieldNames().forEachRemaining(run::add);
    assertEquals(List.of("date", "commit", "mode", "jdk", "os", "cores", "heapMiB"), run); // only: absent on a full run
    JsonNode claims = document.get("claims");
    assertEquals(1, claims.size());
    JsonNode claim = claims.get(0);
    List<String> names = new ArrayList<>();
    claim.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("id", "module", "claim", "metric", "value", "baseline", "unit", "holds", "details", "chart", "notes"), names);
    assertEquals(26.5, claim.get("value").asDouble());
    assertEquals(77.25, claim.get("baseline").asDouble());
    assertTrue(claim.get("holds").asBoolean());
    assertEquals(1000, claim.get("details").get("calls").asInt());
  }

  @Test
  void claimsMarkdownSaysWhenAClaimDoesNotHold() throws Exception {
    Report.writeMarkdown(dir.resolve("claims.md"), RUN, List.of(sample(false)), List.of(new Report.Failure("y.broken", "boom")));
    String md = Files.readString(dir.resolve("claims.md"));
    assertTrue(md.contains("| id | claim | metric | measured | compared with | unit | holds |"), md);
    assertTrue(md.contains("| commit | abc123 |"), md);
    assertTrue(md.contains("| x.sample | a sample claim | p99 latency | 26.500 | 77.250 | ms | **no** |"), md);
    assertTrue(md.contains("**Does not hold** in this run."), md);
    assertTrue(md.contains("![x.sample](x.png)"), md);
    assertTrue(md.contains("- y.broken: boom"), md);
  }

  @Test
  void aClaimMustSayWhatWasMeasuredAndWhetherItHolds() {
    assertThrows(IllegalStateException.class, () -> Claim.builder("a", "core", "c").holds(true).build());
    assertThrows(IllegalStateException.class, () -> Claim.builder("a", "core", "c").measured("m", 1, 2, "ms").build());
    assertThrows(IllegalArgumentException.class, () -> Claim.builder(" ", "core", "c"));
  }

  @Test
  void formatsNumbersForPeople() {
    assertEquals("n/a", Report.format(Double.NaN));
    assertEquals("1000", Report.format(1000));
    assertEquals("123.5", Report.format(123.456));
    assertEquals("2.500", Report.format(2.5));
    assertEquals("0.1235", Report.format(0.12345));
  }

  @Test
  void everyExperimentHasAUniqueId() {
    List<String> ids = new ArrayList<>();
    Experiments.all().forEach(e -> ids.add(e.id()));
    assertEquals(ids.size(), ids.stream().distinct().count(), ids.toString());
  }
}
