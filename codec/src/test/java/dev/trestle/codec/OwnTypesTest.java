package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shop.Line;
import com.example.shop.Order;
import com.example.shop.Status;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Codecs on an application's own record and its own Protobuf messages, generated or dynamic. */
class OwnTypesTest {

  record Line2(String sku, int quantity) {}

  record Shipment(String id, List<Line2> lines, Map<String, Integer> counts, String note) {}

  private static Map<String, Integer> counts(String... keys) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], i);
    }
    return map;
  }

  private static Order order() {
    return Order.newBuilder().setId(42).setCustomer("Zoë 🚚").setStatus(Status.SHIPPED).setDiscount(-0.0)
        .addLines(Line.newBuilder().setSku("sku-1").setQuantity(2).setPriceCents(1999))
        .addLines(Line.newBuilder().setSku("sku-2").setQuantity(1).setPriceCents(-5))
        .putTags("b", "2").putTags("a", "1").build();
  }

  @Test
  void aRecordOfTheApplicationRoundTripsInJsonAndXml() {
    Shipment shipment = new Shipment("s-1", List.of(new Line2("sku-1", 3), new Line2("ß", 0)), counts("x", "y"), null);
    for (Format format : List.of(Format.JSON, Format.XML)) {
      Codec<Shipment> codec = Codecs.of(format, Shipment.class, CodecLimits.defaults());
      assertEquals(shipment, codec.decode(codec.encode(shipment)), format.name());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      codec.encode(shipment, out);
      assertArrayEquals(codec.encode(shipment), out.toByteArray(), format.name());
      assertEquals(shipment, codec.decode(new ByteArrayInputStream(out.toByteArray())), format.name());
    }
  }

  @Test
  void mapsOfTheApplicationsTypesEncodeInKeyOrderSoEqualValuesGiveEqualBytes() {
    Shipment one = new Shipment("s", List.of(), counts("b", "a"), null);
    Map<String, Integer> reversed = new LinkedHashMap<>();
    reversed.put("a", 1);
    reversed.put("b", 0);
    Shipment two = new Shipment("s", List.of(), reversed, null);
    assertEquals(one, two);
    for (Format format : List.of(Format.JSON, Format.XML)) {
      Codec<Shipment> codec = Codecs.of(format, Shipment.class, CodecLimits.defaults());
      assertTrue(codec.deterministic());
      assertArrayEquals(codec.encode(one), codec.encode(two), format.name());
    }
  }

  @Test
  void theLimitsAndTheExceptionAreTheSameForTheApplicationsTypes() {
    CodecLimits small = CodecLimits.builder().maxInputBytes(64).maxDepth(8).build();
    Codec<Shipment> json = Codecs.json(Shipment.class, small);
    byte[] big = ("{\"id\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
    CodecException tooBig = assertThrows(CodecException.class, () -> json.decode(big));
    assertTrue(tooBig.getMessage().contains("maxInputBytes 64"), tooBig.getMessage());
    assertThrows(CodecException.class, () -> json.decode("{\"id\":".getBytes(StandardCharsets.UTF_8)));
    Codec<Order> protobuf = Codecs.protobuf(Order.getDefaultInstance(), small);
    byte[] wire = Codecs.protobuf(Order.getDefaultInstance(), CodecLimits.defaults())
        .encode(order().toBuilder().setCustomer("c".repeat(100)).build());
    assertThrows(CodecException.class, () -> protobuf.decode(wire));
    byte[] truncated = java.util.Arrays.copyOf(Codecs.protobuf(Order.getDefaultInstance(), small).encode(order()), 10);
    assertThrows(CodecException.class, () -> protobuf.decode(truncated));
    Codec<Order> protoJson = Codecs.protobufJson(Order.getDefaultInstance(), CodecLimits.defaults());
    CodecException unknown = assertThrows(CodecException.class,
        () -> protoJson.decode("{\"id\":\"1\",\"nosuch\":1}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(unknown.getMessage().startsWith("protobuf-json: ") && unknown.getMessage().contains("nosuch"),
        unknown.getMessage());
  }

  @Test
  void aGeneratedMessageOfTheApplicationRoundTripsInBothProtobufFormats() {
    for (Format format : List.of(Format.PROTOBUF, Format.PROTOBUF_JSON)) {
      Codec<Order> codec = Codecs.of(format, Order.class, CodecLimits.defaults());
      Order back = codec.decode(codec.encode(order()));
      assertEquals(order(), back, format.name());
      assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.getDiscount()), format.name());
      assertEquals(format.codecName(), codec.name());
      assertEquals(format.mediaType(), codec.mediaType());
    }
  }

  @Test
  void protobufJsonWritesMapEntriesInKeyOrder() {
    Order ab = Order.newBuilder().putTags("a", "1").putTags("b", "2").build();
    Order ba = Order.newBuilder().putTags("b", "2").putTags("a", "1").build();
    Codec<Order> codec = Codecs.protobufJson(Order.getDefaultInstance(), CodecLimits.defaults());
    assertEquals("{\"tags\":{\"a\":\"1\",\"b\":\"2\"}}", new String(codec.encode(ba), StandardCharsets.UTF_8));
    assertArrayEquals(codec.encode(ab), codec.encode(ba));
    Codec<Order> binary = Codecs.protobuf(Order.getDefaultInstance(), CodecLimits.defaults());
    assertArrayEquals(binary.encode(ab), binary.encode(ba));
  }

  @Test
  void aMessageKnownOnlyByItsDescriptorSetReadsWhatTheGeneratedClassWrites() throws Exception {
    // target/shop.pb: written by the protobuf-maven-plugin from src/test/proto, as the README's recipe does
    FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(Path.of("target", "shop.pb")));
    FileDescriptor file = FileDescriptor.buildFrom(set.getFile(0), new FileDescriptor[0]);
    Descriptor type = file.findMessageTypeByName("Order");
    Codec<DynamicMessage> dynamic = Codecs.protobuf(type, CodecLimits.defaults());
    Codec<Order> generated = Codecs.protobuf(Order.getDefaultInstance(), CodecLimits.defaults());
    DynamicMessage read = dynamic.decode(generated.encode(order()));
    assertEquals(42L, read.getField(type.findFieldByName("id")));
    assertEquals(order(), generated.decode(dynamic.encode(read)));

    Codec<DynamicMessage> dynamicJson = Codecs.protobufJson(type, CodecLimits.defaults());
    Codec<Order> generatedJson = Codecs.protobufJson(Order.getDefaultInstance(), CodecLimits.defaults());
    byte[] text = generatedJson.encode(order());
    assertArrayEquals(text, dynamicJson.encode(dynamicJson.decode(text)));
  }

  @Test
  void aNegativeZeroInsideARepeatedMessageOfADynamicTypeKeepsItsSign() {
    Descriptor type = Order.getDescriptor();
    Codec<DynamicMessage> json = Codecs.protobufJson(type, CodecLimits.defaults());
    DynamicMessage message = json.decode("{\"discount\":-0.0,\"lines\":[{\"sku\":\"a\"}]}".getBytes(StandardCharsets.UTF_8));
    double discount = (Double) message.getField(type.findFieldByName("discount"));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(discount));
  }

  @Test
  void aValueOfAnotherMessageTypeIsRefusedNamingBothTypes() {
    Codec<DynamicMessage> orders = Codecs.protobuf(Order.getDescriptor(), CodecLimits.defaults());
    DynamicMessage line = DynamicMessage.newBuilder(Line.getDescriptor()).build();
    CodecException e = assertThrows(CodecException.class, () -> orders.encode(line));
    assertTrue(e.getMessage().contains("shop.Order") && e.getMessage().contains("shop.Line"), e.getMessage());
  }

  @Test
  void aProtobufFormatForATypeWithoutASchemaSaysWhatToDoInstead() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Codecs.of(Format.PROTOBUF, Shipment.class, CodecLimits.defaults()));
    assertTrue(e.getMessage().contains(Shipment.class.getName()) && e.getMessage().contains("Format.JSON"), e.getMessage());
    assertEquals(Timestamp.getDefaultInstance(),
        Codecs.of(Format.PROTOBUF, Timestamp.class, CodecLimits.defaults()).decode(new byte[0]));
  }
}
