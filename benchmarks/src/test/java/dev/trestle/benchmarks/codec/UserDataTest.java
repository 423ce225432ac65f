package dev.trestle.benchmarks.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.trestle.codec.Codec;
import dev.trestle.codec.Codecs;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.Order;
import dev.trestle.codec.proto.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What UserDataBenchmark encodes and decodes: the user's lines, through the codec of each format. */
class UserDataTest {

  /** A record of the user's. */
  public record Shipment(String id, int weight) {}

  @TempDir
  Path dir;

  private Path orders() throws Exception {
    Codec<Order> protoJson = Codecs.of(Format.PROTOBUF_JSON, Dataset.ORDER);
    List<String> lines = new ArrayList<>();
    for (Order order : Dataset.ORDER.generate(4, 12)) {
      lines.add(new String(protoJson.encode(order), StandardCharsets.UTF_8));
    }
    return Files.write(dir.resolve("orders.jsonl"), lines);
  }

  @Test
  void everyFormatRoundTripsTheUsersMessagesByClassOrByDescriptorSet() throws Exception {
    Path lines = orders();
    Path set = Files.write(dir.resolve("wire.pb"),
        FileDescriptorSet.newBuilder().addFile(Wire.getDescriptor().toProto()).build().toByteArray());
    for (String format : List.of("json", "xml", "protobuf", "protobuf-json")) {
      UserData byClass = UserData.load(lines, Wire.Order.class.getName(), null, "", format);
      UserData bySet = UserData.load(lines, "", set, "trestle.codec.Order", format);
      assertEquals(12, byClass.values().length, format);
      for (int i = 0; i < 12; i++) {
        byte[] wire = byClass.codec().encode(byClass.values()[i]);
        // an XML tree has no number types, so compare what decoding gives back as bytes
        assertTrue(java.util.Arrays.equals(wire, byClass.codec().encode(byClass.codec().decode(wire))), format);
        assertEquals(wire.length, bySet.codec().encode(bySet.values()[i]).length, format);
      }
    }
  }

  @Test
  void aRecordHasJsonAndXmlAndAProtobufFormatSaysSo() throws Exception {
    Path lines = Files.write(dir.resolve("s.jsonl"), List.of("{\"id\":\"a\",\"weight\":1}", "{\"id\":\"b\",\"weight\":2}"));
    UserData xml = UserData.load(lines, Shipment.class.getName(), null, "", "xml");
    assertEquals(new Shipment("b", 2), xml.codec().decode(xml.codec().encode(xml.values()[1])));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserData.load(lines, Shipment.class.getName(), null, "", "protobuf"));
    assertTrue(e.getMessage().contains("-p format=json,xml"), e.getMessage());
  }
}
