package dev.trestle.benchmarks.codec;

import dev.trestle.codec.Dataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The wire-format comparison as a command: bytes per message in JSON, XML, Protobuf and
 * Protobuf-JSON, raw and gzipped, printed as a table and drawn as a PNG chart.
 *
 * <pre>
 * java -cp benchmarks.jar dev.trestle.benchmarks.codec.WireSizeCommand --dataset NAME [--count N] [--seed S] [--out DIR]
 * java -cp benchmarks.jar dev.trestle.benchmarks.codec.WireSizeCommand \
 *     --json-lines FILE --descriptor-set FILE --message NAME [--out DIR]
 * java -cp benchmarks.jar dev.trestle.benchmarks.codec.WireSizeCommand \
 *     --json-lines FILE --class com.example.Order --classpath target/classes [--out DIR]
 * </pre>
 *
 * <p>Datasets: media-content, order, event-log, metrics. Your own data: one message per line, in
 * Protobuf's JSON mapping with a descriptor set ({@code protoc --include_imports
 * --descriptor_set_out=FILE}, or the protobuf-maven-plugin's {@code outputDescriptorFile}) or a
 * generated message class, or in plain JSON for a record or POJO class (JSON and XML rows only).
 * Exit status 0 on success, 2 on bad arguments or input.
 */
@Command(name = "WireSizeCommand", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = "Bytes per message in JSON, XML, Protobuf and Protobuf-JSON, raw and gzipped: a table, and a PNG "
        + "chart with --out.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:the table was printed", "2:bad arguments or input"})
public final class WireSizeCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--dataset", paramLabel = "NAME", description = "A sample dataset: media-content, order, event-log, metrics.")
  private String dataset;

  @Option(names = "--count", paramLabel = "N", defaultValue = "1000", description = "Messages of the dataset (default: ${DEFAULT-VALUE}).")
  private int count;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "2026", description = "The dataset's seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--json-lines", paramLabel = "FILE", description = "Your data: one message per line.")
  private Path jsonLines;

  @Option(names = "--descriptor-set", paramLabel = "FILE", description = "The FileDescriptorSet of your schema (with its imports).")
  private Path descriptorSet;

  @Option(names = "--message", paramLabel = "NAME", description = "The message type in the descriptor set, e.g. shop.Order.")
  private String message;

  @Option(names = "--class", paramLabel = "NAME",
      description = "Instead of a descriptor set: your generated Protobuf message class, or a record/POJO class (JSON and XML only).")
  private String className;

  @Option(names = "--classpath", paramLabel = "PATH", split = "${sys:path.separator}",
      description = "Where --class is, if not on the JVM's class path: directories and jars.")
  private List<Path> classpath = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Also write the chart wire-size-<name>.png here.")
  private Path out;

  private WireSizeCommand() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command with {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine line = new CommandLine(new WireSizeCommand());
    line.setOut(out).setErr(err);
    // bad input (an unreadable file, a line that is not a message) is exit status 2, like bad arguments
    line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("wire-size: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    });
    return line.execute(args);
  }

  @Override
  public Integer call() throws IOException {
    SizeTable table = table();
    PrintWriter printer = spec.commandLine().getOut();
    printer.print(table.toText());
    if (out != null) {
      Files.createDirectories(out);
      String name = "wire-size-" + table.dataset().replaceAll("[^A-Za-z0-9.-]", "_");
      CategoryChart chart = SizeCharts.chart(table);
      int messages = table.rows().isEmpty() ? 0 : table.rows().get(0).messages();
      chart.setTitle(chart.getTitle() + " (lower is better; 1 run of " + messages + " messages)");
      BitmapEncoder.saveBitmap(chart, out.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
      printer.println("chart: " + out.resolve(name + ".png"));
    }
    printer.flush();
    return 0;
  }

  private SizeTable table() throws IOException {
    if ((dataset == null) == (jsonLines == null)) {
      throw usage("give either --dataset NAME or --json-lines FILE (with --descriptor-set and --message, or --class)");
    }
    if (dataset != null) {
      if (count < 1) {
        throw usage("--count must be at least 1 but was " + count);
      }
      Dataset<?> named;
      try {
        named = Dataset.named(dataset);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      return of(named, seed, count);
    }
    List<String> lines = Files.readAllLines(jsonLines, StandardCharsets.UTF_8);
    if (className != null) {
      if (descriptorSet != null || message != null) {
        throw usage("--class replaces --descriptor-set and --message: give one or the other");
      }
      return WireSizes.ofJsonLines(lines, loadClass());
    }
    if (descriptorSet == null || message == null) {
      throw usage("--json-lines needs --descriptor-set FILE and --message NAME, or --class NAME");
    }
    try {
      return WireSizes.ofJsonLines(lines, Files.readAllBytes(descriptorSet), message);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private Class<?> loadClass() {
    ClassLoader parent = WireSizeCommand.class.getClassLoader();
    ClassLoader loader = parent;
    if (!classpath.isEmpty()) {
      List<URL> urls = new ArrayList<>();
      for (Path path : classpath) {
        if (!Files.exists(path)) {
          throw usage("--classpath holds " + path + ", which does not exist");
        }
        try {
          urls.add(path.toUri().toURL());
        } catch (MalformedURLException e) {
          throw usage("--classpath holds " + path + ", which is not a valid location: " + e.getMessage());
        }
      }
      loader = new URLClassLoader(urls.toArray(new URL[0]), parent);
    }
    try {
      return Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw usage("--class " + className + " is not on the class path" + (classpath.isEmpty() ? " (add --classpath DIR)" : "")
          + ": " + e);
    }
  }

  private ParameterException usage(String problem) {
    return new ParameterException(spec.commandLine(), problem);
  }

  private static <T> SizeTable of(Dataset<T> dataset, long seed, int count) {
    return WireSizes.of(dataset, dataset.generate(seed, count));
  }
}
