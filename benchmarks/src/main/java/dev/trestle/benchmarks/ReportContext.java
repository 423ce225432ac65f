package dev.trestle.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * What an experiment gets from the report: where to write, whether to run the quick variant, and
 * a way to save charts as PNG.
 */
public final class ReportContext {

  private final Path outDir;
  private final boolean quick;

  ReportContext(Path outDir, boolean quick) {
    this.outDir = outDir;
    this.quick = quick;
  }

  /** The report directory. */
  public Path outDir() {
    return outDir;
  }

  /** Whether to run the short variant (CI, a first look): fewer samples, same shape. */
  public boolean quick() {
    return quick;
  }

  /** Picks the quick or the full value of a size parameter. */
  public int scale(int quickValue, int fullValue) {
    return quick ? quickValue : fullValue;
  }

  /** Which way a chart's figures are better, as its title says. */
  public enum Better {
    /** Higher figures are better (hit ratio, throughput). */
    HIGHER("higher is better"),
    /** Lower figures are better (latency, bytes, keys moved). */
    LOWER("lower is better"),
    /** A flatter curve is better (a series over time whose peaks are the problem). */
    FLATTER("flatter is better");

    private final String words;

    Better(String words) {
      this.words = words;
    }

    /** The words the chart's title carries, for example {@code higher is better}. */
    public String words() {
      return words;
    }
  }

  /**
   * Saves {@code chart} as {@code name}.png, its title extended with which way is better and what
   * stands behind its figures (for example {@code 1 seeded run of 200,000 requests} or
   * {@code fastest of 5 rounds}), and returns the file name.
   */
  public String saveChart(Chart<?, ?> chart, String name, Better better, String basis) throws IOException {
    String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : chart.getTitle() + " ";
    chart.setTitle(title + "(" + better.words() + "; " + basis + ")");
    return saveChart(chart, name);
  }

  /**
   * Saves {@code chart} as {@code name}.png in the report directory and returns the file name.
   * Prefer {@link #saveChart(Chart, String, Better, String)}, which says how to read the chart.
   */
  public String saveChart(Chart<?, ?> chart, String name) throws IOException {
    Files.createDirectories(outDir);
    String fileName = name + ".png";
    BitmapEncoder.saveBitmap(chart, outDir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    return fileName;
  }
}
