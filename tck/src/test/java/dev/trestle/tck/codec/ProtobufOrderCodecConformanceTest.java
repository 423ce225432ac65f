package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.Order;

/** The kit against Trestle's protobuf codec of the order dataset. */
class ProtobufOrderCodecConformanceTest extends TrestleCodecConformance<Order> {
  ProtobufOrderCodecConformanceTest() {
    super(Format.PROTOBUF, Dataset.ORDER);
  }
}
