package dev.trestle.tck.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes {@code tck/MATRIX.md}: every kit against every implementation that tck's own tests run
 * through it, rule by rule, read from surefire's XML reports of those runs.
 *
 * <p>A kit run is a test class named {@code *ConformanceTest} under {@code tck/src/test/java},
 * except the deliberately broken implementations ({@code Faulty*}, {@code Faultless*},
 * {@code Broken*}); its column is the class name without that suffix (and, for a run of several
 * implementations in {@code @Nested} classes, a column per nested class). A test case is a rule when
 * its name (the display name, see tck/pom.xml) starts with a rule id; its kit is the id's prefix,
 * titled by the matching {@code ## PREFIX: ...} heading of {@code tck/RULES.md}. A skipped rule is
 * excused when the kit's skip message says the implementation "is known to deviate from" it (its
 * {@code knownDeviations()}), and not applicable otherwise (a capability it does not declare).
 *
 * <p>The output depends only on the results: rows and columns sorted, no times, no dates. JDK only,
 * so {@code tck/matrix.sh} launches this file as a single-file program, without a class path.
 * Usage: {@code ConformanceMatrix TCK_DIR OUT_FILE}.
 */
public final class ConformanceMatrix {

  /**
   * What one rule did for one implementation, from worst to best when one rule has two tests. The
   * symbols are escapes (a cross, an en dash, a check mark) so that the source reads the same in
   * any default charset: the launcher of a single-file program decodes it with that charset on JDK 17.
   */
  enum Status {
    FAIL("\u2717"), EXCUSED("E"), NOT_APPLICABLE("\u2013"), PASS("\u2713");

    final String symbol;

    Status(String symbol) {
      this.symbol = symbol;
    }
  }

  /** One rule's result for one implementation; {@code reason} is empty for a pass. */
  record Result(String kit, String rule, String implementation, Status status, String reason) {}

  /** The reports do not match the sources, or cannot be read: the matrix would be wrong. */
  static final class MatrixException extends RuntimeException {
    MatrixException(String message) {
      super(message);
    }
  }

  static final String SUFFIX = "ConformanceTest";
  static final List<String> BROKEN_PREFIXES = List.of("Faulty", "Faultless", "Broken");
  static final String EXCUSE_MARKER = " is known to deviate from ";
  static final String UNDECLARED_MARKER = "does not declare ";
  private static final Pattern RULE_ID = Pattern.compile("^([A-Z][A-Z0-9]*)-(\\d+(?:\\.\\d+)*)(?=\\s|$)");
  private static final Pattern KIT_HEADING = Pattern.compile("^## ([A-Z][A-Z0-9]*): .*$");
  private static final Pattern THROWABLE_PREFIX = Pattern.compile("^[\\w.$]+(?:Exception|Error): ");
  private static final int MAX_FAILURE_MESSAGE = 240;

  private ConformanceMatrix() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ConformanceMatrix TCK_DIR OUT_FILE");
      System.exit(2);
    }
    Path tck = Path.of(args[0]);
    try {
      String matrix = generate(tck);
      Files.writeString(Path.of(args[1]), matrix, StandardCharsets.UTF_8);
    } catch (MatrixException e) {
      System.err.println("matrix: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Returns the matrix for the tck module at {@code tck}, from its sources, RULES.md and reports. */
  static String generate(Path tck) throws IOException {
    List<String> runs = kitRuns(tck.resolve("src/test/java"));
    List<Result> results = new ArrayList<>();
    for (String testClass : runs) {
      results.addAll(read(tck.resolve("target/surefire-reports"), testClass));
    }
    return render(results, kitTitles(tck.resolve("RULES.md")));
  }

  /** Returns the fully qualified names of the kit runs under {@code testSources}, sorted. */
  static List<String> kitRuns(Path testSources) throws IOException {
    try (Stream<Path> files = Files.walk(testSources)) {
      return files.map(testSources::relativize).map(Path::toString)
          .filter(f -> f.endsWith(SUFFIX + ".java"))
          .map(f -> f.substring(0, f.length() - ".java".length()).replace('\\', '/').replace('/', '.'))
          .filter(c -> BROKEN_PREFIXES.stream().noneMatch(simpleName(c)::startsWith))
          .sorted().collect(Collectors.toList());
    }
  }

  /** Returns the rule results of {@code testClass} in its surefire report under {@code reports}. */
  static List<Result> read(Path reports, String testClass) throws IOException {
    Path report = reports.resolve("TEST-" + testClass + ".xml");
    if (!Files.isRegularFile(report)) {
      throw new MatrixException("no surefire report " + report + " for the kit run " + testClass
          + "; run the tests first: mvn -pl tck -am verify");
    }
    String base = simpleName(testClass).substring(0, simpleName(testClass).length() - SUFFIX.length());
    List<Result> results = new ArrayList<>();
    NodeList cases = parse(report).getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element testCase = (Element) cases.item(i);
      Matcher id = RULE_ID.matcher(testCase.getAttribute("name"));
      if (!id.find()) {
        continue;
      }
      String rule = id.group();
      String implementation = implementation(base, testClass, testCase.getAttribute("classname"));
      Element failure = firstChild(testCase, "failure", "error");
      Element skipped = firstChild(testCase, "skipped");
      if (failure != null) {
        results.add(new Result(id.group(1), rule, implementation, Status.FAIL, shorten(message(failure))));
      } else if (skipped != null) {
        results.add(skip(id.group(1), rule, implementation, message(skipped)));
      } else {
        results.add(new Result(id.group(1), rule, implementation, Status.PASS, ""));
      }
    }
    return results;
  }

  /**
   * Returns a skipped rule as excused when the kit's message says the implementation "is known to
   * deviate from" it ({@code ConformanceKit.skipKnownDeviations}), else as not applicable; the reason
   * is the excuse, or the message from "does not declare" ({@code ConformanceKit.requireFeature}).
   */
  static Result skip(String kit, String rule, String implementation, String message) {
    int excuse = message.indexOf(EXCUSE_MARKER + rule + ": ");
    if (excuse >= 0) {
      String reason = message.substring(excuse + EXCUSE_MARKER.length() + rule.length() + 2);
      return new Result(kit, rule, implementation, Status.EXCUSED, reason);
    }
    int undeclared = message.indexOf(UNDECLARED_MARKER);
    return new Result(kit, rule, implementation, Status.NOT_APPLICABLE,
        undeclared >= 0 ? message.substring(undeclared) : message);
  }

  /**
   * Returns the column of a test case: {@code base}, or for a {@code @Nested} class of the kit run
   * (one implementation each) {@code base.Nested}.
   */
  static String implementation(String base, String testClass, String caseClass) {
    return caseClass.startsWith(testClass + "$")
        ? base + "." + caseClass.substring(testClass.length() + 1).replace('$', '.')
        : base;
  }

  /** Returns each kit's heading in RULES.md (without the {@code ## }) by its prefix, in file order. */
  static Map<String, String> kitTitles(Path rules) throws IOException {
    Map<String, String> titles = new LinkedHashMap<>();
    if (Files.isRegularFile(rules)) {
      for (String line : Files.readAllLines(rules, StandardCharsets.UTF_8)) {
        Matcher heading = KIT_HEADING.matcher(line.strip());
        if (heading.matches()) {
          titles.putIfAbsent(heading.group(1), line.strip().substring(3));
        }
      }
    }
    return titles;
  }

  /** Returns the Markdown of the matrix: the header, the summary, then one grid per kit. */
  static String render(List<Result> results, Map<String, String> titles) {
    // kit -> rule -> implementation -> the worst result of the rule's tests
    Map<String, Map<String, Map<String, Result>>> grid = new TreeMap<>(kitOrder(titles));
    for (Result r : results) {
      grid.computeIfAbsent(r.kit(), k -> new TreeMap<>(ConformanceMatrix::compareRules))
          .computeIfAbsent(r.rule(), k -> new TreeMap<>())
          .merge(r.implementation(), r, (a, b) -> a.status().compareTo(b.status()) <= 0 ? a : b);
    }
    StringBuilder out = new StringBuilder();
    out.append("# Conformance matrix\n\n")
        .append("Generated from the test results; do not edit. Regenerate with `mvn -pl tck -am verify && tck/matrix.sh`;\n")
        .append("CI fails when this file is stale (`tck/matrix.sh --check`).\n\n")
        .append("Every kit against every implementation that tck's own tests run through it (the `*ConformanceTest`\n")
        .append("classes of `tck/src/test/java`; not the deliberately broken `Faulty*` implementations, nor the\n")
        .append("integration tests against Redis), rule by rule; the rules are in [RULES.md](RULES.md).\n")
        .append(Status.PASS.symbol).append(" passes, ").append(Status.FAIL.symbol).append(" fails, ")
        .append(Status.EXCUSED.symbol).append(" excused: a rule the implementation is known to break, listed with the\n")
        .append("reason in its `knownDeviations()` (each excuse has a test showing the rule fails without it), ")
        .append(Status.NOT_APPLICABLE.symbol).append(" not\n")
        .append("applicable: skipped because the implementation does not declare a capability the rule needs, or\n")
        .append("the rule does not fit it; blank: no result (reports older than the rule). The reasons are listed\n")
        .append("under each grid.\n\n");
    renderSummary(out, grid);
    for (Map.Entry<String, Map<String, Map<String, Result>>> kit : grid.entrySet()) {
      renderKit(out, titles.getOrDefault(kit.getKey(), kit.getKey()), kit.getValue());
    }
    return out.toString();
  }

  private static void renderSummary(StringBuilder out, Map<String, Map<String, Map<String, Result>>> grid) {
    out.append("## Summary\n\n")
        .append("| kit | implementation | rules | pass | fail | excused | n/a |\n")
        .append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Map<String, Map<String, Result>>> kit : grid.entrySet()) {
      Map<String, Map<Status, Integer>> totals = new TreeMap<>();
      for (Map<String, Result> row : kit.getValue().values()) {
        for (Result r : row.values()) {
          totals.computeIfAbsent(r.implementation(), k -> new EnumMap<>(Status.class)).merge(r.status(), 1, Integer::sum);
        }
      }
      for (Map.Entry<String, Map<Status, Integer>> impl : totals.entrySet()) {
        Map<Status, Integer> t = impl.getValue();
        int rules = t.values().stream().mapToInt(Integer::intValue).sum();
        out.append("| ").append(kit.getKey()).append(" | ").append(impl.getKey()).append(" | ").append(rules);
        for (Status s : List.of(Status.PASS, Status.FAIL, Status.EXCUSED, Status.NOT_APPLICABLE)) {
          out.append(" | ").append(t.getOrDefault(s, 0));
        }
        out.append(" |\n");
      }
    }
    out.append('\n');
  }

  private static void renderKit(StringBuilder out, String title, Map<String, Map<String, Result>> rules) {
    TreeSet<String> implementations = new TreeSet<>();
    rules.values().forEach(row -> implementations.addAll(row.keySet()));
    out.append("## ").append(title).append("\n\n| rule |");
    implementations.forEach(i -> out.append(' ').append(i).append(" |"));
    out.append("\n|---|");
    implementations.forEach(i -> out.append(":-:|"));
    out.append('\n');
    for (Map.Entry<String, Map<String, Result>> row : rules.entrySet()) {
      out.append("| ").append(row.getKey()).append(" |");
      for (String i : implementations) {
        Result r = row.getValue().get(i);
        out.append(' ').append(r == null ? "" : r.status().symbol).append(" |");
      }
      out.append('\n');
    }
    out.append('\n');
    List<Result> all = rules.values().stream().flatMap(row -> row.values().stream())
        .sorted(Comparator.comparing(Result::implementation).thenComparing(Result::rule, ConformanceMatrix::compareRules))
        .collect(Collectors.toList());
    renderReasons(out, "Failing", all, Status.FAIL);
    renderReasons(out, "Excused", all, Status.EXCUSED);
    renderReasons(out, "Not applicable", all, Status.NOT_APPLICABLE);
  }

  /** Lists the reasons of {@code status}, one line per implementation and reason, with its rules. */
  private static void renderReasons(StringBuilder out, String heading, List<Result> all, Status status) {
    Map<String, Map<String, List<String>>> byImplementation = new TreeMap<>();
    for (Result r : all) {
      if (r.status() == status) {
        byImplementation.computeIfAbsent(r.implementation(), k -> new TreeMap<>())
            .computeIfAbsent(r.reason(), k -> new ArrayList<>()).add(r.rule());
      }
    }
    if (byImplementation.isEmpty()) {
      return;
    }
    out.append(heading).append(":\n\n");
    byImplementation.forEach((implementation, reasons) -> reasons.entrySet().stream()
        .sorted(Map.Entry.comparingByValue(Comparator.comparing(r -> r.get(0), ConformanceMatrix::compareRules)))
        .forEach(e -> out.append("- ").append(implementation).append(", ").append(String.join(", ", e.getValue()))
            .append(": ").append(e.getKey().isEmpty() ? "(no reason given)" : e.getKey()).append('\n')));
    out.append('\n');
  }

  /** Orders kits as RULES.md does, then any kit it does not list by prefix. */
  private static Comparator<String> kitOrder(Map<String, String> titles) {
    List<String> order = new ArrayList<>(titles.keySet());
    return Comparator.<String>comparingInt(k -> order.contains(k) ? order.indexOf(k) : order.size())
        .thenComparing(Comparator.naturalOrder());
  }

  /** Compares rule ids by prefix, then numerically part by part: CACHE-1.2 before CACHE-1.10. */
  static int compareRules(String a, String b) {
    Matcher x = RULE_ID.matcher(a);
    Matcher y = RULE_ID.matcher(b);
    if (!x.find() || !y.find()) {
      return a.compareTo(b);
    }
    int byPrefix = x.group(1).compareTo(y.group(1));
    if (byPrefix != 0) {
      return byPrefix;
    }
    String[] p = x.group(2).split("\\.");
    String[] q = y.group(2).split("\\.");
    for (int i = 0; i < Math.min(p.length, q.length); i++) {
      int c = Long.compare(Long.parseLong(p[i]), Long.parseLong(q[i]));
      if (c != 0) {
        return c;
      }
    }
    return p.length != q.length ? Integer.compare(p.length, q.length) : a.compareTo(b);
  }

  /** Returns the message of a failure or skip: its message attribute, or the first line of its trace. */
  private static String message(Element element) {
    String message = element.getAttribute("message");
    if (message.isEmpty()) {
      String trace = element.getTextContent().strip();
      Matcher stack = Pattern.compile("\\R\\s+at ").matcher(trace);
      message = stack.find() ? trace.substring(0, stack.start()) : trace;
      message = THROWABLE_PREFIX.matcher(message).replaceFirst("");
    }
    message = message.strip();
    return message.startsWith("Assumption failed: ") ? message.substring("Assumption failed: ".length()) : message;
  }

  private static String shorten(String message) {
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() <= MAX_FAILURE_MESSAGE ? line : line.substring(0, MAX_FAILURE_MESSAGE) + " ...";
  }

  private static Element firstChild(Element parent, String... names) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && List.of(names).contains(e.getTagName())) {
        return e;
      }
    }
    return null;
  }

  private static org.w3c.dom.Document parse(Path report) throws IOException {
    try (InputStream in = Files.newInputStream(report)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      return builder.parse(in);
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new MatrixException("cannot read the surefire report " + report + ": " + e.getMessage());
    }
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
