package dev.trestle.tck.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The run summary of the conformance kits: a JUnit Platform listener, registered by the trestle-tck
 * jar through {@code META-INF/services}, so any launcher that loads listeners (Maven Surefire, Gradle,
 * the console launcher, IDEs) runs it. It reacts only to tests of classes that extend
 * {@code dev.trestle.tck.ConformanceKit} and is silent in a run without them.
 *
 * <p>At the end of a test plan it prints, for each kit subclass that ran, one line per rule: passed,
 * failed or skipped, the reason (a failure's first line, a skip's reason) and the rule's one-line text
 * from RULES.md; and it writes the results of every kit run so far in this JVM as
 * {@code summary.json} and {@code summary.md}. System properties:
 * <ul>
 *   <li>{@value #DIR_PROPERTY}: the directory of the two files, {@code target/trestle-tck} by default
 *       (relative to the working directory, which is the module's under Maven); {@code off} writes none.
 *   <li>{@value #PRINT_PROPERTY}: what is printed to standard output: {@code full} (every rule, the
 *       default), {@code problems} (failed and skipped rules), {@code counts} (one line per kit run) or
 *       {@code off}.
 * </ul>
 *
 * <p>Thread-safety: the launcher may report tests from several threads (parallel execution), so
 * every method that touches the results is synchronized on the one shared store.
 */
public final class KitRunSummary implements TestExecutionListener {

  /** The system property naming the directory of summary.json and summary.md. */
  public static final String DIR_PROPERTY = "trestle.tck.summary.dir";

  /** The system property choosing what is printed: full, problems, counts or off. */
  public static final String PRINT_PROPERTY = "trestle.tck.summary.print";

  private static final String KIT_BASE = "dev.trestle.tck.ConformanceKit";
  private static final Pattern RULE_ID = Pattern.compile("[A-Z]+-\\d+(?:\\.\\d+)*");

  /** Every kit result of this JVM, across test plans: test class name, then rule. */
  private static final Map<String, KitRun> ALL = new LinkedHashMap<>();

  /** The test classes that reported in the current plan. */
  private final List<String> thisPlan = new ArrayList<>();

  private final Map<String, KitRun> store;
  private final PrintStream out;
  private final String dir;
  private final String mode;

  /** Creates the listener; the launcher does, through the service loader. */
  public KitRunSummary() {
    this(ALL, null, null, null);
  }

  /**
   * Creates a listener with its own store and, where not null, its own output, directory and print
   * mode instead of standard output and the system properties (for the kit's own tests).
   */
  KitRunSummary(Map<String, KitRun> store, PrintStream out, String dir, String mode) {
    this.store = store;
    this.out = out;
    this.dir = dir;
    this.mode = mode;
  }

  /** One rule's outcome. */
  enum Status { PASSED, FAILED, SKIPPED }

  static final class Result {
    final String rule;
    final String test;
    final Status status;
    final String reason;

    Result(String rule, String test, Status status, String reason) {
      this.rule = rule;
      this.test = test;
      this.status = status;
      this.reason = reason;
    }
  }

  static final class KitRun {
    final String testClass;
    final String kit;
    final List<Result> results = new ArrayList<>();

    KitRun(String testClass, String kit) {
      this.testClass = testClass;
      this.kit = kit;
    }

    String implementation() {
      String name = KitRuns.implementation(testClass);
      return name != null ? name : testClass.substring(testClass.lastIndexOf('.') + 1);
    }

    long count(Status status) {
      return results.stream().filter(r -> r.status == status).count();
    }
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    synchronized (store) {
      thisPlan.clear();
    }
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    record(test, Status.SKIPPED, reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (!test.isTest()) {
      return;
    }
    switch (result.getStatus()) {
      case SUCCESSFUL:
        record(test, Status.PASSED, null);
        break;
      case ABORTED:
        record(test, Status.SKIPPED, firstLine(result.getThrowable().map(Throwable::getMessage).orElse(null))
            .map(m -> m.startsWith("Assumption failed: ") ? m.substring("Assumption failed: ".length()) : m)
            .orElse("aborted"));
        break;
      default:
        record(test, Status.FAILED, result.getThrowable()
            .map(t -> firstLine(t.getMessage()).orElse(t.getClass().getName())).orElse("failed"));
        break;
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    synchronized (store) {
      if (thisPlan.isEmpty()) {
        return;
      }
      List<KitRun> runs = new ArrayList<>();
      for (String testClass : thisPlan) {
        runs.add(store.get(testClass));
      }
      String printing = mode != null ? mode : System.getProperty(PRINT_PROPERTY, "full");
      print(runs, out != null ? out : System.out, printing.trim().toLowerCase(Locale.ROOT));
      String directory = (dir != null ? dir : System.getProperty(DIR_PROPERTY, "target/trestle-tck")).trim();
      if (!directory.equalsIgnoreCase("off")) {
        write(Paths.get(directory), new ArrayList<>(store.values()));
      }
    }
  }

  private void record(TestIdentifier test, Status status, String reason) {
    Optional<TestSource> source = test.getSource();
    if (source.isEmpty() || !(source.get() instanceof MethodSource)) {
      return;
    }
    MethodSource method = (MethodSource) source.get();
    Class<?> testClass = load(method.getClassName());
    String kit = testClass == null ? null : kitOf(testClass);
    if (kit == null) {
      return;
    }
    String display = test.getDisplayName();
    String first = display.split(" ", 2)[0];
    String rule = RULE_ID.matcher(first).matches() ? first : method.getMethodName();
    synchronized (store) {
      KitRun run = store.computeIfAbsent(testClass.getName(), name -> new KitRun(name, kit));
      run.results.add(new Result(rule, display, status, reason));
      if (!thisPlan.contains(testClass.getName())) {
        thisPlan.add(testClass.getName());
      }
    }
  }

  private static Class<?> load(String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      return Class.forName(className, false, loader != null ? loader : KitRunSummary.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** Returns the simple name of the kit {@code type} extends, or null if it is no kit subclass. */
  static String kitOf(Class<?> type) {
    for (Class<?> c = type; c != null && c.getSuperclass() != null; c = c.getSuperclass()) {
      if (c.getSuperclass().getName().equals(KIT_BASE)) {
        return c.getSimpleName();
      }
    }
    return null;
  }

  private static Optional<String> firstLine(String message) {
    if (message == null || message.isBlank()) {
      return Optional.empty();
    }
    int end = message.indexOf('\n');
    return Optional.of((end < 0 ? message : message.substring(0, end)).trim());
  }

  /** Orders rule ids by family, then numerically part by part: HASH-2.10 after HASH-2.9. */
  static final Comparator<String> RULE_ORDER = (a, b) -> {
    String[] x = a.split("[-.]");
    String[] y = b.split("[-.]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit) && !x[i].isEmpty()
          && !y[i].isEmpty() ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  };

  private static List<Result> sorted(KitRun run) {
    List<Result> results = new ArrayList<>(run.results);
    results.sort(Comparator.comparing((Result r) -> r.rule, RULE_ORDER).thenComparing(r -> r.test));
    return results;
  }

  private static String label(Status status) {
    return status == Status.PASSED ? "pass" : status == Status.FAILED ? "FAIL" : "skip";
  }

  static void print(List<KitRun> runs, PrintStream out, String mode) {
    if (mode.equals("off")) {
      return;
    }
    StringBuilder text = new StringBuilder("\n[trestle-tck] conformance summary (rules: " + RuleBook.WHERE + ")\n");
    for (KitRun run : runs) {
      text.append(String.format(Locale.ROOT, "[trestle-tck] %s on %s (%s): %d passed, %d failed, %d skipped%n",
          run.kit, run.implementation(), run.testClass, run.count(Status.PASSED), run.count(Status.FAILED),
          run.count(Status.SKIPPED)));
      if (mode.equals("counts")) {
        continue;
      }
      for (Result result : sorted(run)) {
        if (mode.equals("problems") && result.status == Status.PASSED) {
          continue;
        }
        text.append(String.format(Locale.ROOT, "  %s  %-15s %s%n", label(result.status), result.rule,
            RuleBook.standard().text(result.rule).orElse(result.test)));
        if (result.reason != null) {
          text.append("        ").append(result.status == Status.FAILED ? "failure: " : "reason: ")
              .append(result.reason).append('\n');
        }
      }
    }
    out.print(text);
    out.flush();
  }

  static void write(Path dir, List<KitRun> runs) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("summary.json"), json(runs), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("summary.md"), markdown(runs), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("trestle-tck: could not write the run summary under " + dir, e);
    }
  }

  static String json(List<KitRun> runs) {
    StringBuilder json = new StringBuilder("{\n  \"rules\": ").append(quote(RuleBook.WHERE))
        .append(",\n  \"totals\": ").append(totals(runs)).append(",\n  \"runs\": [");
    for (int i = 0; i < runs.size(); i++) {
      KitRun run = runs.get(i);
      json.append(i == 0 ? "\n" : ",\n").append("    {\"testClass\": ").append(quote(run.testClass))
          .append(", \"kit\": ").append(quote(run.kit))
          .append(", \"implementation\": ").append(quote(run.implementation()))
          .append(", \"passed\": ").append(run.count(Status.PASSED))
          .append(", \"failed\": ").append(run.count(Status.FAILED))
          .append(", \"skipped\": ").append(run.count(Status.SKIPPED))
          .append(", \"results\": [");
      List<Result> results = sorted(run);
      for (int j = 0; j < results.size(); j++) {
        Result r = results.get(j);
        json.append(j == 0 ? "\n" : ",\n").append("      {\"rule\": ").append(quote(r.rule))
            .append(", \"status\": ").append(quote(r.status.name().toLowerCase(Locale.ROOT)))
            .append(", \"reason\": ").append(r.reason == null ? "null" : quote(r.reason))
            .append(", \"text\": ").append(RuleBook.standard().text(r.rule).map(KitRunSummary::quote).orElse("null"))
            .append(", \"test\": ").append(quote(r.test)).append('}');
      }
      json.append(results.isEmpty() ? "]}" : "\n    ]}");
    }
    return json.append(runs.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  private static String totals(List<KitRun> runs) {
    Map<Status, Long> totals = new TreeMap<>();
    for (Status status : Status.values()) {
      totals.put(status, runs.stream().mapToLong(r -> r.count(status)).sum());
    }
    return "{\"passed\": " + totals.get(Status.PASSED) + ", \"failed\": " + totals.get(Status.FAILED)
        + ", \"skipped\": " + totals.get(Status.SKIPPED) + "}";
  }

  static String markdown(List<KitRun> runs) {
    StringBuilder md = new StringBuilder("# Trestle conformance summary\n\nRules: ").append(RuleBook.WHERE).append(".\n");
    for (KitRun run : runs) {
      md.append("\n## ").append(run.kit).append(" on ").append(run.implementation()).append("\n\n`")
          .append(run.testClass).append("`: ").append(run.count(Status.PASSED)).append(" passed, ")
          .append(run.count(Status.FAILED)).append(" failed, ").append(run.count(Status.SKIPPED))
          .append(" skipped\n\n| rule | result | reason | rule text |\n|---|---|---|---|\n");
      for (Result r : sorted(run)) {
        md.append("| ").append(r.rule).append(" | ").append(r.status.name().toLowerCase(Locale.ROOT)).append(" | ")
            .append(cell(r.reason == null ? "" : r.reason)).append(" | ")
            .append(cell(RuleBook.standard().text(r.rule).orElse(r.test))).append(" |\n");
      }
    }
    return md.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
