package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MetricsBatch;

/** The kit against Trestle's protobuf codec of the metrics dataset. */
class ProtobufMetricsCodecConformanceTest extends TrestleCodecConformance<MetricsBatch> {
  ProtobufMetricsCodecConformanceTest() {
    super(Format.PROTOBUF, Dataset.METRICS);
  }
}
