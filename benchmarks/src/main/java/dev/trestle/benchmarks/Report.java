package dev.trestle.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The claims report: runs every {@link ClaimExperiment} and writes {@code claims.json},
 * {@code claims.md} and the PNG charts to the output directory.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.trestle.benchmarks.Report --out DIR [--quick] [--only ID[,ID...]]
 * </pre>
 *
 * <p>Exit status 0 when every experiment ran (whether or not each claim holds: a claim that does
 * not hold is a finding, reported as such), 1 when an experiment failed to run, 2 on bad arguments.
 */
public final class Report {

  private Report() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path out = null;
    boolean quick = false;
    Set<String> only = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out":
          if (i + 1 >= args.length) {
            usage("--out needs a directory");
          }
          out = Paths.get(args[++i]);
          break;
        case "--quick":
          quick = true;
          break;
        case "--only":
          if (i + 1 >= args.length) {
            usage("--only needs experiment ids");
          }
          only.addAll(List.of(args[++i].split(",")));
          break;
        case "-h":
        case "--help":
          usage(null);
          break;
        default:
          usage("unknown argument: " + args[i]);
      }
    }
    if (out == null) {
      usage("--out DIR is required");
    }
    Files.createDirectories(out);
    ReportContext context = new ReportContext(out, quick);
    List<Claim> claims = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ClaimExperiment experiment : Experiments.all()) {
      if (!only.isEmpty() && !only.contains(experiment.id())) {
        continue;
      }
      long start = System.nanoTime();
      System.out.printf(Locale.ROOT, "[report] %s ...%n", experiment.id());
      try {
        List<Claim> measured = experiment.run(context);
        claims.addAll(measured);
        for (Claim claim : measured) {
          System.out.printf(Locale.ROOT, "[report]   %s: %s = %s vs %s %s -> %s%n", claim.id, claim.metric,
              format(claim.value), format(claim.baseline), claim.unit, claim.holds ? "holds" : "DOES NOT HOLD");
        }
      } catch (Exception | Error e) {
        failures.add(experiment.id() + ": " + e);
        System.out.printf(Locale.ROOT, "[report]   %s FAILED: %s%n", experiment.id(), e);
        e.printStackTrace(System.out);
      }
      System.out.printf(Locale.ROOT, "[report]   (%.1fs)%n", (System.nanoTime() - start) / 1e9);
    }
    writeJson(out.resolve("claims.json"), claims);
    writeMarkdown(out.resolve("claims.md"), claims, failures, quick);
    System.out.printf(Locale.ROOT, "[report] wrote %d claims to %s%n", claims.size(), out.toAbsolutePath());
    if (!failures.isEmpty()) {
      System.out.println("[report] experiments that failed to run: " + failures);
      System.exit(1);
    }
  }

  static void writeJson(Path file, List<Claim> claims) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), claims);
  }

  static void writeMarkdown(Path file, List<Claim> claims, List<String> failures, boolean quick) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Trestle claims report\n\n");
    md.append(quick ? "Quick run (`--quick`): fewer samples, same experiments.\n\n" : "Full run.\n\n");
    md.append("| id | claim | metric | Trestle / subject | baseline | unit | holds |\n");
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
          .append(" against a baseline of ").append(format(c.baseline)).append(' ').append(c.unit).append(".\n\n");
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
      md.append("\n## Experiments that failed to run\n\n");
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

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println("Report: " + problem);
    }
    System.err.println("usage: java -cp benchmarks.jar dev.trestle.benchmarks.Report --out DIR [--quick] [--only ID[,ID...]]");
    System.err.print("experiments:");
    Experiments.all().forEach(e -> System.err.print(" " + e.id()));
    System.err.println();
    System.exit(problem == null ? 0 : 2);
  }
}
