package dev.trestle.benchmarks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The claims report: runs every {@link ClaimExperiment} (or those {@code --only} selects) and
 * writes {@code claims.json}, {@code claims.md} and the PNG charts.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.trestle.benchmarks.Report --out DIR [--quick] [--only ID[,ID...]] [--list]
 * </pre>
 *
 * <p>{@code --only} takes experiment ids and claim ids; a partial run writes to
 * {@code DIR/partial/<ids>/}, never over the full report in {@code DIR}. Exit status 0 when every
 * selected experiment ran (whether or not each claim holds: a claim that does not hold is a finding,
 * reported as such), 1 when an experiment failed to run or returned other claims than it declares,
 * 2 on bad arguments, an unknown id among them (the message lists the valid ids).
 */
@Command(name = "Report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Runs the claims experiments and writes claims.json, claims.md and PNG charts.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every selected experiment ran (a claim that does not hold is still a result)",
        "1:an experiment failed to run or returned other claims than it declares", "2:bad arguments"})
public final class Report implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "The report directory; a partial run writes to DIR/partial/<ids>/.")
  private Path out;

  @Option(names = "--quick", description = "Fewer samples, same experiments (CI, a first look).")
  private boolean quick;

  @Option(names = "--only", split = ",", paramLabel = "ID",
      description = "Run only these experiments or claims (ids as in claims.md; see --list).")
  private List<String> only = new ArrayList<>();

  @Option(names = "--list", description = "List the experiment and claim ids, and exit.")
  private boolean list;

  private final List<ClaimExperiment> experiments;
  private final PrintStream log;

  /** The report over {@link Experiments#all()}, logging to standard output. */
  public Report() {
    this(Experiments.all(), System.out);
  }

  Report(List<ClaimExperiment> experiments, PrintStream log) {
    this.experiments = List.copyOf(experiments);
    this.log = log;
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(new CommandLine(new Report()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    if (list) {
      spec.commandLine().getOut().println(Selection.validIds(experiments));
      return 0;
    }
    if (out == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
    }
    Selection selection;
    try {
      selection = Selection.of(only, experiments);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path dir = selection.full() ? out : out.resolve("partial").resolve(selection.directoryName());
    Files.createDirectories(dir);
    RunInfo run = RunInfo.current(quick, selection.ids());
    ReportContext context = new ReportContext(dir, quick);
    List<Claim> claims = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Progress progress = new Progress(selection.experiments().size());
    for (ClaimExperiment experiment : selection.experiments()) {
      long start = System.nanoTime();
      log.printf(Locale.ROOT, "[report] %s%n", progress.starting(experiment.id()));
      try {
        List<Claim> measured = experiment.run(context);
        String mismatch = mismatch(experiment, measured);
        if (mismatch != null) {
          failures.add(new Failure(experiment.id(), mismatch));
          log.printf(Locale.ROOT, "[report]   %s FAILED: %s%n", experiment.id(), mismatch);
        }
        for (Claim claim : measured) {
          if (!selection.keeps(experiment, claim.id)) {
            continue;
          }
          claims.add(claim);
          log.printf(Locale.ROOT, "[report]   %s: %s = %s, compared with %s %s -> %s%n", claim.id, claim.metric,
              format(claim.value), format(claim.baseline), claim.unit, claim.holds ? "holds" : "DOES NOT HOLD");
        }
      } catch (Exception | Error e) {
        failures.add(new Failure(experiment.id(), e.toString()));
        log.printf(Locale.ROOT, "[report]   %s FAILED: %s%n", experiment.id(), e);
        e.printStackTrace(log);
      }
      long took = System.nanoTime() - start;
      progress.finished(took);
      log.printf(Locale.ROOT, "[report]   (%.1fs)%n", took / 1e9);
    }
    writeJson(dir.resolve("claims.json"), run, claims, failures);
    writeMarkdown(dir.resolve("claims.md"), run, claims, failures);
    log.printf(Locale.ROOT, "[report] wrote %d claims to %s%n", claims.size(), dir.toAbsolutePath());
    if (!failures.isEmpty()) {
      log.println("[report] experiments that failed: " + failures);
      return 1;
    }
    return 0;
  }

  /** Why {@code measured} is not what {@code experiment} declares, or null if it is. */
  static String mismatch(ClaimExperiment experiment, List<Claim> measured) {
    List<String> produced = measured.stream().map(c -> c.id).toList();
    Set<String> declared = new LinkedHashSet<>(experiment.claimIds());
    if (produced.size() == declared.size() && declared.equals(new LinkedHashSet<>(produced))) {
      return null;
    }
    return "declares the claims " + declared + " but returned " + produced;
  }

  /**
   * An experiment that failed to run, or ran and returned other claims than it declares.
   *
   * @param experiment the experiment's id
   * @param error what went wrong
   */
  @JsonPropertyOrder({"experiment", "error"})
  record Failure(String experiment, String error) {
    @Override
    public String toString() {
      return experiment + ": " + error;
    }
  }

  /** The top-level object of {@code claims.json}. */
  @JsonPropertyOrder({"run", "claims", "failures"})
  record Document(RunInfo run, List<Claim> claims, List<Failure> failures) {}

  static void writeJson(Path file, RunInfo run, List<Claim> claims, List<Failure> failures) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), new Document(run, claims, failures));
  }

  static void writeMarkdown(Path file, RunInfo run, List<Claim> claims, List<Failure> failures) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Trestle claims report\n\n");
    md.append(run.only() == null ? "Full report" : "Partial run of " + String.join(", ", run.only()))
        .append(run.mode().equals("quick") ? ", quick (`--quick`: fewer samples, same experiments).\n\n" : ", full samples.\n\n");
    md.append("| run | |\n|---|---|\n");
    md.append("| date | ").append(run.date()).append(" |\n");
    md.append("| commit | ").append(run.commit() == null ? "unknown" : run.commit()).append(" |\n");
    md.append("| mode | ").append(run.mode()).append(" |\n");
    md.append("| JDK | ").append(run.jdk()).append(" |\n");
    md.append("| OS | ").append(run.os()).append(" |\n");
    md.append("| cores, heap | ").append(run.cores()).append(", ").append(run.heapMiB()).append(" MiB |\n\n");
    md.append("`measured` is the figure of the claim's subject, `compared with` the figure it is set against ")
        .append("(a peer, the other policy or format, or the run without the mechanism).\n\n");
    md.append("| id | claim | metric | measured | compared with | unit | holds |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (Claim c : claims) {
      md.append("| ").append(c.id).append(" | ").append(c.claim).append(" | ").append(c.metric).append(" | ")
          .append(format(c.value)).append(" | ").append(format(c.baseline)).append(" | ").append(c.unit)
          .append(" | ").append(c.holds ? "yes" : "**no**").append(" |\n");
    }
    for (Claim c : claims) {
      md.append("\n## ").append(c.id).append(": ").append(c.claim).append("\n\n");
      md.append(c.holds ? "Holds." : "**Does not hold** in this run.").append(' ')
          .append(c.metric).append(": ").append(format(c.value)).append(' ').append(c.unit)
          .append(", compared with ").append(format(c.baseline)).append(' ').append(c.unit).append(".\n\n");
      if (c.details != null) {
        for (Map.Entry<String, Object> detail : c.details.entrySet()) {
          Object v = detail.getValue();
          md.append("- ").append(detail.getKey()).append(": ")
              .append(v instanceof Double ? format((Double) v) : String.valueOf(v)).append('\n');
        }
        md.append('\n');
      }
      if (c.notes != null) {
        md.append(c.notes).append("\n\n");
      }
      if (c.chart != null) {
        md.append("![").append(c.id).append("](").append(c.chart).append(")\n");
      }
    }
    if (!failures.isEmpty()) {
      md.append("\n## Experiments that failed\n\n");
      failures.forEach(f -> md.append("- ").append(f).append('\n'));
    }
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : Math.abs(value) >= 1 ? "%.3f" : "%.4f", value);
  }
}
