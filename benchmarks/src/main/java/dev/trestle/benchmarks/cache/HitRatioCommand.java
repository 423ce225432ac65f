package dev.trestle.benchmarks.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command line of {@link HitRatioSimulator#main}: which traces, at which cache sizes. */
@Command(name = "HitRatioSimulator", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
    description = "Replays every *.trace.gz of a directory (gzip text, one key per line) through each cache policy "
        + "at several sizes and prints the hit ratios as a Markdown table.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:the table was printed", "1:a trace could not be read",
        "2:bad arguments"})
final class HitRatioCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "DIR",
      description = "Directories of traces (default: the system property " + HitRatioSimulator.TRACES_PROPERTY
          + ", else ../shared/traces when present and the traces shipped in benchmarks/traces).")
  private List<Path> directories;

  @Option(names = "--sizes", split = ",", paramLabel = "FRACTION",
      description = "Cache sizes as fractions of each trace's distinct keys, in (0, 1] (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.01,0.05,0.20")
  private List<Double> fractions;

  @Override
  public Integer call() throws Exception {
    List<Path> dirs = directories == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(directories);
    if (dirs.isEmpty() && System.getProperty(HitRatioSimulator.TRACES_PROPERTY) != null) {
      dirs.add(Path.of(System.getProperty(HitRatioSimulator.TRACES_PROPERTY)));
    }
    if (dirs.isEmpty()) {
      dirs.addAll(HitRatioSimulator.defaultTraceDirectories());
    }
    if (dirs.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "No traces found: give DIR or -D" + HitRatioSimulator.TRACES_PROPERTY + "=DIR");
    }
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new ParameterException(spec.commandLine(), "DIR must be a directory but was " + dir.toAbsolutePath());
      }
    }
    double[] sizes = new double[fractions.size()];
    for (int i = 0; i < sizes.length; i++) {
      double f = fractions.get(i);
      if (!(f > 0 && f <= 1)) {
        throw new ParameterException(spec.commandLine(), "--sizes must be fractions in (0, 1] but held " + f);
      }
      sizes[i] = f;
    }
    HitRatioSimulator.print(System.out, HitRatioSimulator.readTraces(dirs), sizes);
    return 0;
  }
}
