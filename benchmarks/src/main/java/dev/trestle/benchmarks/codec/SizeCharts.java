package dev.trestle.benchmarks.codec;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The bar chart of a {@link SizeTable}: bytes per message in each format, raw and gzipped. */
final class SizeCharts {

  private SizeCharts() {}

  static CategoryChart chart(SizeTable table) {
    CategoryChart chart = new CategoryChartBuilder().width(800).height(500)
        .title("Bytes per message: " + table.dataset()).xAxisTitle("format").yAxisTitle("bytes per message").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    List<String> formats = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> gzip = new ArrayList<>();
    for (WireSize row : table.rows()) {
      formats.add(row.format());
      raw.add(row.rawPerMessage());
      gzip.add(row.gzipPerMessage());
    }
    chart.addSeries("raw", formats, raw);
    chart.addSeries("gzip (each message alone)", formats, gzip);
    return chart;
  }
}
