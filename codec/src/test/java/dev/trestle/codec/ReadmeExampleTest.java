package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trestle.codec.model.Order;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The codec example of the README, kept compiling and true. */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleWorks() {
    Codec<Order> protobuf = Codecs.of(Format.PROTOBUF, Dataset.ORDER);
    Codec<Order> json = Codecs.of(Format.JSON, Dataset.ORDER, CodecLimits.builder().maxInputBytes(1 << 20).build());

    Order order = Dataset.ORDER.reference();
    byte[] wire = protobuf.encode(order);
    Order back = protobuf.decode(wire);                    // equal to order

    try {
      json.decode("{\"id\": 1, \"items\": [".getBytes(StandardCharsets.UTF_8));
    } catch (CodecException e) {
      // malformed, truncated, oversized or hostile input: always CodecException, with the cause
    }

    assertEquals(order, back);
    assertThrows(CodecException.class, () -> json.decode("{\"id\": 1, \"items\": [".getBytes(StandardCharsets.UTF_8)));
  }
}
