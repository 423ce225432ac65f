package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MetricsBatch;

/** The kit against Trestle's xml codec of the metrics dataset. */
class XmlMetricsCodecConformanceTest extends TrestleCodecConformance<MetricsBatch> {
  XmlMetricsCodecConformanceTest() {
    super(Format.XML, Dataset.METRICS);
  }
}
