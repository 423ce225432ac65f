package dev.trestle.tck.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trestle.tck.ConformanceKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The run summary on a nested launcher run: a small kit (direct subclass of ConformanceKit, with real
 * rule ids) whose rules pass, fail and skip, and a plain test class the summary must ignore.
 */
class KitRunSummaryTest {

  enum Feature { THERE, MISSING }

  /** A kit of three rules, named after real HASH rules so the rule book has their lines. */
  abstract static class TinyKit extends ConformanceKit<Feature> {

    /** The factory, as every kit has one. */
    protected abstract Object newThing();

    @Override
    protected Object sampleImplementation() {
      return newThing();
    }

    @Test
    @DisplayName("HASH-1.1 passes")
    void passes() {
      expect(implementation(newThing()) != null, "HASH-1.1", "a thing", "null");
    }

    @Test
    @DisplayName("HASH-9.1 fails")
    void fails() {
      implementation(newThing());
      expect(false, "HASH-9.1", "the single-threaded answer", "another");
    }

    @Test
    @DisplayName("HASH-7.1 needs a feature")
    void skips() {
      requireFeature(Feature.MISSING);
    }
  }

  /** The implementation under test, named in the summary by its class. */
  static final class TinyThing {}

  static final class TinyThingTest extends TinyKit {
    @Override
    protected Object newThing() {
      return new TinyThing();
    }

    @Override
    protected Set<Feature> features() {
      return EnumSet.of(Feature.THERE);
    }
  }

  static final class NoKit {
    @Test
    void plain() {}
  }

  private static String run(Class<?> testClass, Path dir, String mode) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    KitRunSummary summary = new KitRunSummary(new LinkedHashMap<>(), new PrintStream(bytes, true, StandardCharsets.UTF_8),
        dir.toString(), mode);
    Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
        .enableTestExecutionListenerAutoRegistration(false)
        .addTestExecutionListeners(summary)
        .build());
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build());
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsEachRuleWithItsOutcomeReasonAndText(@TempDir Path dir) {
    String out = run(TinyThingTest.class, dir, "full");
    assertTrue(out.contains("[trestle-tck] TinyKit on TinyThing (" + TinyThingTest.class.getName()
        + "): 1 passed, 1 failed, 1 skipped"), out);
    RuleBook rules = RuleBook.standard();
    assertTrue(out.contains("pass  HASH-1.1        " + rules.text("HASH-1.1").orElseThrow()), out);
    assertTrue(out.contains("FAIL  HASH-9.1        " + rules.text("HASH-9.1").orElseThrow()), out);
    assertTrue(out.contains("failure: HASH-9.1 violated by TinyThing: expected the single-threaded answer but saw another\n"), out);
    assertTrue(out.contains("skip  HASH-7.1        " + rules.text("HASH-7.1").orElseThrow()), out);
    assertTrue(out.contains("reason: TinyThing does not declare MISSING, which this rule needs"), out);
    // in rule order, whatever order the tests ran in
    assertTrue(out.indexOf("HASH-1.1 ") < out.indexOf("HASH-7.1 ") && out.indexOf("HASH-7.1 ") < out.indexOf("HASH-9.1 "), out);
  }

  @Test
  void writesJsonAndMarkdown(@TempDir Path dir) throws Exception {
    run(TinyThingTest.class, dir, "off");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals(1, json.at("/totals/failed").asInt());
    JsonNode kitRun = json.at("/runs/0");
    assertEquals("TinyKit", kitRun.get("kit").asText());
    assertEquals("TinyThing", kitRun.get("implementation").asText());
    assertEquals("HASH-9.1", kitRun.at("/results/2/rule").asText());
    assertEquals("failed", kitRun.at("/results/2/status").asText());
    assertEquals(RuleBook.standard().text("HASH-9.1").orElseThrow(), kitRun.at("/results/2/text").asText());
    assertEquals("skipped", kitRun.at("/results/1/status").asText());
    assertTrue(kitRun.at("/results/0/reason").isNull());
    String md = Files.readString(dir.resolve("summary.md"));
    assertTrue(md.contains("## TinyKit on TinyThing"), md);
    assertTrue(md.contains("| HASH-9.1 | failed | HASH-9.1 violated by TinyThing: expected the single-threaded answer but saw another | "), md);
  }

  @Test
  void problemsModeLeavesOutPassedRules(@TempDir Path dir) {
    String out = run(TinyThingTest.class, dir, "problems");
    assertFalse(out.contains("pass  HASH-1.1"), out);
    assertTrue(out.contains("FAIL  HASH-9.1"), out);
  }

  @Test
  void isSilentWithoutKitTests(@TempDir Path dir) throws Exception {
    Path files = dir.resolve("summary");
    String out = run(NoKit.class, files, "full");
    assertEquals("", out);
    assertFalse(Files.exists(files));
  }

  @Test
  void isRegisteredAsALauncherListenerInTheJar() throws Exception {
    String services = new String(KitRunSummary.class.getClassLoader()
        .getResourceAsStream("META-INF/services/org.junit.platform.launcher.TestExecutionListener").readAllBytes(),
        StandardCharsets.UTF_8);
    assertEquals(KitRunSummary.class.getName(), services.trim());
  }
}
