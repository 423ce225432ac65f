package dev.trestle.benchmarks.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecException;
import dev.trestle.codec.Codecs;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.Order;
import dev.trestle.codec.proto.Wire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireSizesTest {

  /** The descriptor set protoc would write for the codec's own schema. */
  private static final byte[] DESCRIPTORS = FileDescriptorSet.newBuilder()
      .addFile(Wire.getDescriptor().toProto()).build().toByteArray();

  @Test
  void aDatasetTableHasEveryFormatSortedByRawSizeAndIsDeterministic() {
    List<Order> orders = Dataset.ORDER.generate(3, 50);
    SizeTable table = WireSizes.of(Dataset.ORDER, orders);
    assertEquals(4, table.rows().size());
    for (int i = 1; i < table.rows().size(); i++) {
      assertTrue(table.rows().get(i - 1).rawBytes() <= table.rows().get(i).rawBytes(), table.toText());
    }
    long protobuf = 0;
    for (Order order : orders) {
      protobuf += Codecs.of(Format.PROTOBUF, Dataset.ORDER).encode(order).length;
    }
    assertEquals(protobuf, table.row("protobuf").rawBytes());
    assertEquals(table, WireSizes.of(Dataset.ORDER, orders));
    assertTrue(table.toText().contains("gzip/json"), table.toText());
  }

  @Test
  void theUsersJsonLinesGiveTheSameProtobufSizesAsTheGeneratedClasses() {
    List<Order> orders = Dataset.ORDER.generate(5, 30);
    Codec<Order> protoJson = Codecs.of(Format.PROTOBUF_JSON, Dataset.ORDER);
    List<String> lines = new ArrayList<>();
    for (Order order : orders) {
      lines.add(new String(protoJson.encode(order), StandardCharsets.UTF_8));
    }
    lines.add("   "); // blank lines are skipped
    SizeTable user = WireSizes.ofJsonLines(lines, DESCRIPTORS, "trestle.codec.Order");
    SizeTable generated = WireSizes.of(Dataset.ORDER, orders);
    assertEquals("trestle.codec.Order", user.dataset());
    assertEquals(generated.row("protobuf"), user.row("protobuf"));
    assertEquals(generated.row("protobuf-json"), user.row("protobuf-json"));
    assertEquals(30, user.row("xml").messages());
  }

  @Test
  void aSimpleNameIsEnoughWhenItIsUnique() {
    SizeTable table = WireSizes.ofJsonLines(List.of("{\"channel\":\"#ops\"}"), DESCRIPTORS, "EventLog");
    assertEquals("trestle.codec.EventLog", table.dataset());
  }

  @Test
  void anUnknownMessageNameListsTheMessagesOfTheSet() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WireSizes.ofJsonLines(List.of("{}"), DESCRIPTORS, "Invoice"));
    assertTrue(e.getMessage().contains("\"Invoice\"") && e.getMessage().contains("trestle.codec.Order"), e.getMessage());
  }

  @Test
  void aLineThatIsNotTheMessageFailsNamingTheLine() {
    CodecException e = assertThrows(CodecException.class,
        () -> WireSizes.ofJsonLines(List.of("{\"id\":\"1\"}", "{\"unknownField\":1}"), DESCRIPTORS, "trestle.codec.Order"));
    assertTrue(e.getMessage().startsWith("line 2 "), e.getMessage());
  }

  @Test
  void aDescriptorSetThatDoesNotParseIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> WireSizes.ofJsonLines(List.of(), new byte[] {0x0A, 0x7F}, "Order"));
  }
}
