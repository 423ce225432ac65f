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

  /**
   * Saves {@code chart} as {@code name}.png in the report directory and returns the file name.
   */
  public String saveChart(Chart<?, ?> chart, String name) throws IOException {
    Files.createDirectories(outDir);
    String fileName = name + ".png";
    BitmapEncoder.saveBitmap(chart, outDir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    return fileName;
  }
}
