package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.Order;

/** The kit against Trestle's json codec of the order dataset. */
class JsonOrderCodecConformanceTest extends TrestleCodecConformance<Order> {
  JsonOrderCodecConformanceTest() {
    super(Format.JSON, Dataset.ORDER);
  }
}
