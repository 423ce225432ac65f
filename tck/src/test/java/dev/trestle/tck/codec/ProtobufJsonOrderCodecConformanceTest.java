package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.Order;

/** The kit against Trestle's protobuf-json codec of the order dataset. */
class ProtobufJsonOrderCodecConformanceTest extends TrestleCodecConformance<Order> {
  ProtobufJsonOrderCodecConformanceTest() {
    super(Format.PROTOBUF_JSON, Dataset.ORDER);
  }
}
