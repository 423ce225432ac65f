package dev.trestle.tck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.trestle.tck.KitSelfTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix generator on hand-written surefire reports shaped like the ones tck's build leaves. */
class ConformanceMatrixTest {

  @TempDir Path tck;

  private static final String PASS = "<testcase name=\"RATE-1.2 admits the burst\" classname=\"C\" time=\"0.5\"/>";
  private static final String PASS_10 = "<testcase name=\"RATE-1.10 refuses after it\" classname=\"C\" time=\"0.1\"/>";
  private static final String EXCUSED = "<testcase name=\"RATE-6.1 rejects 0 permits\" classname=\"C\" time=\"0.0\">"
      + "<skipped type=\"org.opentest4j.TestAbortedException\"><![CDATA[org.opentest4j.TestAbortedException: "
      + "Assumption failed: Peer is known to deviate from RATE-6.1: it returns true; see PeerDivergenceTest\n"
      + "\tat dev.trestle.tck.ConformanceKit.skipKnownDeviations(ConformanceKit.java:60)\n]]></skipped></testcase>";
  private static final String NOT_APPLICABLE = "<testcase name=\"RATE-7.1 waits\" classname=\"C\" time=\"0.0\">"
      + "<skipped message=\"Assumption failed: Peer does not declare WAITING, which this rule needs\"/></testcase>";
  private static final String FAIL = "<testcase name=\"RATE-2.1 counts\" classname=\"C\" time=\"0.2\">"
      + "<failure message=\"RATE-2.1 violated by Peer: expected 3 but saw 4\" type=\"AssertionFailedError\">trace"
      + "</failure></testcase>";
  private static final String NOT_A_RULE = "<testcase name=\"helperWorks()\" classname=\"C\" time=\"0.0\"/>";

  @Test
  void tellsPassFailExcusedAndNotApplicableApartWithTheirReasons() throws IOException {
    run("ratelimit", "PeerConformanceTest", PASS, EXCUSED, NOT_APPLICABLE, FAIL, NOT_A_RULE);

    String matrix = ConformanceMatrix.generate(tck);

    assertTrue(matrix.contains("| RATE | Peer | 4 | 1 | 1 | 1 | 1 |"), matrix);
    assertTrue(matrix.contains("| RATE-6.1 | E |"), matrix);
    assertTrue(matrix.contains("| RATE-7.1 | – |"), matrix);
    assertTrue(matrix.contains("| RATE-2.1 | ✗ |"), matrix);
    assertTrue(matrix.contains("- Peer, RATE-6.1: it returns true; see PeerDivergenceTest\n"), matrix);
    assertTrue(matrix.contains("- Peer, RATE-7.1: does not declare WAITING, which this rule needs\n"), matrix);
    assertTrue(matrix.contains("- Peer, RATE-2.1: RATE-2.1 violated by Peer: expected 3 but saw 4\n"), matrix);
    assertFalse(matrix.contains("helperWorks"), matrix);
  }

  /** The generator reads the kit's own skip messages: a change of their wording must fail here, not turn excuses into n/a. */
  @Test
  void readsTheKitsOwnSkipMessagesAsExcusedAndNotApplicable() throws ClassNotFoundException {
    Class<?> peer = Class.forName("dev.trestle.tck.ratelimit.Resilience4jConformanceTest");
    KitSelfTest.RuleRun deviation = KitSelfTest.run(peer, "RATE-6.1");
    KitSelfTest.RuleRun undeclared = KitSelfTest.run(peer, "RATE-7.1");
    assertTrue(deviation.skipped && undeclared.skipped, deviation + " / " + undeclared);

    ConformanceMatrix.Result excused = ConformanceMatrix.skip("RATE", "RATE-6.1", "Resilience4j", deviation.message);
    ConformanceMatrix.Result notApplicable = ConformanceMatrix.skip("RATE", "RATE-7.1", "Resilience4j", undeclared.message);

    assertEquals(ConformanceMatrix.Status.EXCUSED, excused.status(), deviation.message);
    assertTrue(excused.reason().startsWith("Resilience4j does not validate permits"), excused.reason());
    assertEquals(ConformanceMatrix.Status.NOT_APPLICABLE, notApplicable.status(), undeclared.message);
    assertEquals("does not declare WAITING, which this rule needs", notApplicable.reason());
  }

  @Test
  void leavesOutBrokenImplementationsAndOtherTests() throws IOException {
    run("ratelimit", "PeerConformanceTest", PASS);
    run("ratelimit", "FaultyLimiterConformanceTest", PASS);
    run("cache", "FaultlessCacheConformanceTest", PASS);
    run("ratelimit", "PeerDivergenceTest", PASS);

    String matrix = ConformanceMatrix.generate(tck);

    assertTrue(matrix.contains("| rule | Peer |\n"), matrix);
    assertFalse(matrix.replace("`Faulty*`", "").contains("Faulty"), matrix);
    assertFalse(matrix.contains("Faultless"), matrix);
    assertFalse(matrix.contains("PeerDivergence"), matrix);
  }

  @Test
  void dependsOnlyOnTheResultsNotOnTheirOrderOrTimes() throws IOException {
    run("ratelimit", "PeerConformanceTest", PASS_10, PASS, EXCUSED);
    run("ratelimit", "AnotherConformanceTest", NOT_APPLICABLE, PASS);
    String first = ConformanceMatrix.generate(tck);

    run("ratelimit", "PeerConformanceTest", EXCUSED, PASS.replace("0.5", "9.9"), PASS_10);
    run("ratelimit", "AnotherConformanceTest", PASS, NOT_APPLICABLE);

    assertEquals(first, ConformanceMatrix.generate(tck));
    assertTrue(first.contains("| rule | Another | Peer |\n"), first);
    assertTrue(first.indexOf("| RATE-1.2 |") < first.indexOf("| RATE-1.10 |"), first);
    assertFalse(first.contains("0.5") || first.contains("9.9"), first);
  }

  @Test
  void givesEachNestedImplementationItsOwnColumn() throws IOException {
    run("balance", "TrestleBalancerConformanceTest", PASS.replace("classname=\"C\"", "classname=\"C$RoundRobin\""),
        NOT_APPLICABLE.replace("classname=\"C\"", "classname=\"C$Maglev\""));

    String matrix = ConformanceMatrix.generate(tck);

    assertTrue(matrix.contains("| rule | TrestleBalancer.Maglev | TrestleBalancer.RoundRobin |\n"), matrix);
    assertTrue(matrix.contains("| RATE | TrestleBalancer.Maglev | 1 | 0 | 0 | 0 | 1 |"), matrix);
  }

  @Test
  void refusesAKitRunWithoutAReportAndSaysHowToMakeOne() throws IOException {
    run("ratelimit", "PeerConformanceTest", PASS);
    Path source = tck.resolve("src/test/java/dev/trestle/tck/cache/NewCacheConformanceTest.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "");

    ConformanceMatrix.MatrixException e =
        assertThrows(ConformanceMatrix.MatrixException.class, () -> ConformanceMatrix.generate(tck));

    assertTrue(e.getMessage().contains("dev.trestle.tck.cache.NewCacheConformanceTest"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn -pl tck -am verify"), e.getMessage());
  }

  @Test
  void titlesEachKitByItsHeadingInRules() throws IOException {
    Files.writeString(tck.resolve("RULES.md"), "# rules\n\n## RATE: rate limiters (`RateLimiterTck`)\n\n- RATE-1.2: ...\n");
    run("ratelimit", "PeerConformanceTest", PASS);

    assertTrue(ConformanceMatrix.generate(tck).contains("\n## RATE: rate limiters (`RateLimiterTck`)\n"));
  }

  /** Writes the source stub and the surefire report of a kit run with {@code cases}. */
  private void run(String pkg, String simpleName, String... cases) throws IOException {
    String testClass = "dev.trestle.tck." + pkg + "." + simpleName;
    Path source = tck.resolve("src/test/java/" + testClass.replace('.', '/') + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "");
    Path reports = Files.createDirectories(tck.resolve("target/surefire-reports"));
    Files.writeString(reports.resolve("TEST-" + testClass + ".xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + testClass + "\" time=\"1.0\">\n"
            + String.join("\n", List.of(cases)).replace("classname=\"C", "classname=\"" + testClass)
            + "\n</testsuite>\n");
  }
}
