package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MetricsBatch;

/** The kit against Trestle's protobuf-json codec of the metrics dataset. */
class ProtobufJsonMetricsCodecConformanceTest extends TrestleCodecConformance<MetricsBatch> {
  ProtobufJsonMetricsCodecConformanceTest() {
    super(Format.PROTOBUF_JSON, Dataset.METRICS);
  }
}
