package dev.trestle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The report's command line: ids, partial runs beside the full report, run details, progress. */
class ReportCommandTest {

  @TempDir
  Path dir;

  /** An experiment that returns the claims it is told to, counting its runs. */
  static final class Fake implements ClaimExperiment {
    final String id;
    final List<String> declared;
    final List<String> returned;
    int runs;

    Fake(String id, List<String> declared, List<String> returned) {
      this.id = id;
      this.declared = declared;
      this.returned = returned;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public List<String> claimIds() {
      return declared;
    }

    @Override
    public List<Claim> run(ReportContext context) {
      runs++;
      List<Claim> claims = new ArrayList<>();
      for (String claim : returned) {
        claims.add(Claim.builder(claim, "core", "claim " + claim).measured("m", 1, 2, "ms").holds(true).build());
      }
      return claims;
    }
  }

  private final Fake cache = new Fake("cache", List.of("cache.lfu-skewed", "cache.traces"),
      List.of("cache.lfu-skewed", "cache.traces"));
  private final Fake hash = new Fake("hash", List.of("hash.moved-fraction"), List.of("hash.moved-fraction"));
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final StringWriter err = new StringWriter();

  private int run(List<ClaimExperiment> experiments, String... args) {
    CommandLine line = new CommandLine(new Report(experiments, new PrintStream(log, true, StandardCharsets.UTF_8)));
    line.setErr(new PrintWriter(err, true));
    line.setOut(new PrintWriter(err, true));
    return line.execute(args);
  }

  private JsonNode json(Path file) throws Exception {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void anUnknownIdIsExitStatus2WithTheValidIdsListed() {
    int status = run(List.of(cache, hash), "--out", dir.toString(), "--only", "nosuch");
    assertEquals(2, status);
    assertTrue(err.toString().contains("unknown id nosuch"), err.toString());
    assertTrue(err.toString().contains("cache: cache.lfu-skewed, cache.traces"), err.toString());
    assertTrue(err.toString().contains("hash: hash.moved-fraction"), err.toString());
    assertEquals(0, cache.runs + hash.runs);
    assertFalse(Files.exists(dir.resolve("claims.json")));
  }

  @Test
  void aClaimIdRunsItsExperimentAndWritesOnlyThatClaimBesideTheFullReport() throws Exception {
    assertEquals(0, run(List.of(cache, hash), "--out", dir.toString()));
    String fullJson = Files.readString(dir.resolve("claims.json"));
    String fullMd = Files.readString(dir.resolve("claims.md"));

    assertEquals(0, run(List.of(cache, hash), "--out", dir.toString(), "--only", "cache.traces"));
    assertEquals(fullJson, Files.readString(dir.resolve("claims.json")), "the full report is left as it was");
    assertEquals(fullMd, Files.readString(dir.resolve("claims.md")));
    JsonNode partial = json(dir.resolve("partial/cache.traces/claims.json"));
    assertEquals(1, partial.get("claims").size());
    assertEquals("cache.traces", partial.get("claims").get(0).get("id").asText());
    assertEquals("cache.traces", partial.get("run").get("only").get(0).asText());
    assertEquals(2, cache.runs);
    assertEquals(1, hash.runs);
    assertTrue(Files.readString(dir.resolve("partial/cache.traces/claims.md")).startsWith(
        "# Trestle claims report\n\nPartial run of cache.traces, full samples."));
  }

  @Test
  void experimentAndClaimIdsMixAndRunInReportOrder() throws Exception {
    assertEquals(0, run(List.of(cache, hash), "--out", dir.toString(), "--only", "hash,cache.lfu-skewed", "--quick"));
    JsonNode partial = json(dir.resolve("partial/hash+cache.lfu-skewed/claims.json"));
    List<String> ids = new ArrayList<>();
    partial.get("claims").forEach(c -> ids.add(c.get("id").asText()));
    assertEquals(List.of("cache.lfu-skewed", "hash.moved-fraction"), ids);
    assertEquals("quick", partial.get("run").get("mode").asText());
  }

  @Test
  void theRunObjectSaysWhatTheRunWas() throws Exception {
    assertEquals(0, run(List.of(hash), "--out", dir.toString()));
    JsonNode run = json(dir.resolve("claims.json")).get("run");
    assertEquals("full", run.get("mode").asText());
    assertEquals(Runtime.getRuntime().availableProcessors(), run.get("cores").asInt());
    assertTrue(run.get("jdk").asText().startsWith(System.getProperty("java.version")), run.toString());
    assertTrue(run.get("heapMiB").asLong() > 0);
    assertTrue(run.get("date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), run.toString());
    assertFalse(run.has("only"));
  }

  @Test
  void anExperimentThatReturnsOtherClaimsThanItDeclaresFailsTheRun() throws Exception {
    Fake dropping = new Fake("drop", List.of("drop.a", "drop.b"), List.of("drop.a"));
    assertEquals(1, run(List.of(dropping, hash), "--out", dir.toString()));
    JsonNode failures = json(dir.resolve("claims.json")).get("failures");
    assertEquals(1, failures.size());
    assertEquals("drop", failures.get(0).get("experiment").asText());
    assertTrue(failures.get(0).get("error").asText().contains("[drop.a, drop.b] but returned [drop.a]"), failures.toString());
  }

  @Test
  void progressSaysNOfMAndTheTimeLeftOnceItCanEstimate() {
    assertEquals(0, run(List.of(cache, hash), "--out", dir.toString()));
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("[report] 1 of 2: cache (time left not known yet)"), text);
    assertTrue(text.matches("(?s).*\\[report\\] 2 of 2: hash \\(~\\d+s left\\).*"), text);
  }

  @Test
  void listPrintsEveryIdAndOutIsOtherwiseRequired() {
    assertEquals(0, run(List.of(cache, hash), "--list"));
    assertTrue(err.toString().contains("hash: hash.moved-fraction"), err.toString());
    assertEquals(2, run(List.of(cache, hash)));
  }

  @Test
  void everyRealExperimentDeclaresItsClaimsAndNoIdIsTaken() {
    Set<String> seen = new HashSet<>();
    for (ClaimExperiment experiment : Experiments.all()) {
      assertTrue(seen.add(experiment.id()), "experiment id used twice: " + experiment.id());
      assertFalse(experiment.claimIds().isEmpty(), experiment.id() + " declares no claims");
      for (String claim : experiment.claimIds()) {
        assertTrue(claim.equals(experiment.id()) || seen.add(claim), "claim id used twice: " + claim);
      }
    }
  }
}
