package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.Order;

/** The kit against Trestle's xml codec of the order dataset. */
class XmlOrderCodecConformanceTest extends TrestleCodecConformance<Order> {
  XmlOrderCodecConformanceTest() {
    super(Format.XML, Dataset.ORDER);
  }
}
