package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.shop.Order;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's recipe "Codecs on your own types": the code between the markers is the README's. */
class OwnTypesRecipeTest {

  // README begins
  record Shipment(String id, List<String> skus, Map<String, Integer> weights) {}
  // README ends

  @Test
  void theRecipeWorks() throws Exception {
    Shipment shipment = new Shipment("s-1", List.of("sku-1"), Map.of("sku-1", 250));
    Order order = Order.newBuilder().setId(42).setCustomer("Zoë").putTags("channel", "web").build();
    // README begins
    CodecLimits limits = CodecLimits.builder().maxInputBytes(1 << 20).maxDepth(32).build();

    // Your records and POJOs: JSON and XML through Jackson, with the same limits and CodecException.
    Codec<Shipment> json = Codecs.json(Shipment.class, limits);
    Codec<Shipment> xml = Codecs.xml(Shipment.class, limits);   // or Codecs.of(Format.XML, Shipment.class, limits)

    // Your generated Protobuf classes (com.example.shop.Order from your .proto): binary and ProtoJSON.
    Codec<Order> protobuf = Codecs.protobuf(Order.getDefaultInstance(), limits);
    Codec<Order> protoJson = Codecs.protobufJson(Order.getDefaultInstance(), limits);

    // A type known only at run time, from a descriptor set: values are DynamicMessages.
    FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(Path.of("target/shop.pb")));
    Descriptor type = FileDescriptor.buildFrom(set.getFile(0), new FileDescriptor[0]).findMessageTypeByName("Order");
    Codec<DynamicMessage> dynamic = Codecs.protobuf(type, limits);

    Shipment back = json.decode(json.encode(shipment));          // equal to shipment
    DynamicMessage seen = dynamic.decode(protobuf.encode(order)); // the same fields, read without the class
    // README ends

    assertEquals(shipment, back);
    assertEquals(shipment, xml.decode(xml.encode(shipment)));
    assertEquals(order, protoJson.decode(protoJson.encode(order)));
    assertEquals("Zoë", seen.getField(type.findFieldByName("customer")));
    assertThrows(CodecException.class, () -> protobuf.decode("not protobuf".getBytes(StandardCharsets.UTF_8)));
  }
}
