package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MetricsBatch;

/** The kit against Trestle's json codec of the metrics dataset. */
class JsonMetricsCodecConformanceTest extends TrestleCodecConformance<MetricsBatch> {
  JsonMetricsCodecConformanceTest() {
    super(Format.JSON, Dataset.METRICS);
  }
}
