package dev.trestle.benchmarks.codec;

import dev.trestle.codec.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;

/**
 * The wire-format comparison as a command: bytes per message in JSON, XML, Protobuf and
 * Protobuf-JSON, raw and gzipped, printed as a table and drawn as a PNG chart.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.trestle.benchmarks.codec.WireSizeCommand --dataset NAME [--count N] [--seed S] [--out DIR]
 * java -cp benchmarks/target/benchmarks.jar dev.trestle.benchmarks.codec.WireSizeCommand \
 *     --json-lines FILE --descriptor-set FILE --message NAME [--out DIR]
 * </pre>
 *
 * <p>Datasets: media-content, order, event-log, metrics. Your own data: one message per line in
 * Protobuf's JSON mapping, and the descriptor set from {@code protoc --include_imports
 * --descriptor_set_out=FILE your.proto}. Exit status 0 on success, 2 on bad arguments or input.
 */
public final class WireSizeCommand {

  private WireSizeCommand() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    String dataset = null;
    int count = 1000;
    long seed = 2026L;
    Path jsonLines = null;
    Path descriptorSet = null;
    String message = null;
    Path out = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--dataset": dataset = need(value, "--dataset"); i++; break;
          case "--count": count = Integer.parseInt(need(value, "--count")); i++; break;
          case "--seed": seed = Long.parseLong(need(value, "--seed")); i++; break;
          case "--json-lines": jsonLines = Paths.get(need(value, "--json-lines")); i++; break;
          case "--descriptor-set": descriptorSet = Paths.get(need(value, "--descriptor-set")); i++; break;
          case "--message": message = need(value, "--message"); i++; break;
          case "--out": out = Paths.get(need(value, "--out")); i++; break;
          default: throw new IllegalArgumentException("unknown argument: " + args[i]);
        }
      }
      SizeTable table;
      if (dataset != null) {
        if (count < 1) {
          throw new IllegalArgumentException("--count must be at least 1 but was " + count);
        }
        table = of(Dataset.named(dataset), seed, count);
      } else if (jsonLines != null && descriptorSet != null && message != null) {
        List<String> lines = Files.readAllLines(jsonLines, StandardCharsets.UTF_8);
        table = WireSizes.ofJsonLines(lines, Files.readAllBytes(descriptorSet), message);
      } else {
        throw new IllegalArgumentException("give --dataset NAME, or --json-lines, --descriptor-set and --message");
      }
      System.out.print(table.toText());
      if (out != null) {
        Files.createDirectories(out);
        String name = "wire-size-" + table.dataset().replaceAll("[^A-Za-z0-9.-]", "_");
        org.knowm.xchart.internal.chartpart.Chart<?, ?> chart = SizeCharts.chart(table);
        BitmapEncoder.saveBitmap(chart, out.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("chart: " + out.resolve(name + ".png"));
      }
    } catch (IllegalArgumentException | IOException | dev.trestle.codec.CodecException e) {
      System.err.println("wire-size: " + e.getMessage());
      System.err.println("usage: --dataset media-content|order|event-log|metrics [--count N] [--seed S] [--out DIR]");
      System.err.println("   or: --json-lines FILE --descriptor-set FILE --message NAME [--out DIR]");
      System.exit(2);
    }
  }

  private static <T> SizeTable of(Dataset<T> dataset, long seed, int count) {
    return WireSizes.of(dataset, dataset.generate(seed, count));
  }

  private static String need(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
