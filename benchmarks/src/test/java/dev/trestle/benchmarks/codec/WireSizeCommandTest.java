package dev.trestle.benchmarks.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Codecs;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.Order;
import dev.trestle.codec.proto.Wire;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's wire-size commands on the user's own data: a descriptor set, a generated class, a record. */
class WireSizeCommandTest {

  /** A record of the user's, with no Protobuf schema. */
  public record Shipment(String id, List<String> skus, int weight) {}

  @TempDir
  Path dir;

  private Path orders;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeOrdersAsJsonLines() throws Exception {
    Codec<Order> protoJson = Codecs.of(Format.PROTOBUF_JSON, Dataset.ORDER);
    List<String> lines = new ArrayList<>();
    for (Order order : Dataset.ORDER.generate(9, 20)) {
      lines.add(new String(protoJson.encode(order), StandardCharsets.UTF_8));
    }
    orders = Files.write(dir.resolve("orders.jsonl"), lines);
  }

  private int run(String... args) {
    return WireSizeCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void aDescriptorSetAndAGeneratedClassGiveTheSameTableAndAChart() throws Exception {
    Path set = Files.write(dir.resolve("wire.pb"),
        FileDescriptorSet.newBuilder().addFile(Wire.getDescriptor().toProto()).build().toByteArray());
    assertEquals(0, run("--json-lines", orders.toString(), "--descriptor-set", set.toString(), "--message",
        "trestle.codec.Order", "--out", dir.toString()), err.toString());
    String bySet = out.toString();
    assertTrue(bySet.startsWith("trestle.codec.Order (20 messages)"), bySet);
    assertTrue(Files.size(dir.resolve("wire-size-trestle.codec.Order.png")) > 0);
    out.getBuffer().setLength(0);
    assertEquals(0, run("--json-lines", orders.toString(), "--class", Wire.Order.class.getName()), err.toString());
    assertEquals(bySet.substring(0, bySet.indexOf("chart:")), out.toString());
  }

  @Test
  void aRecordClassGetsJsonAndXmlRowsThroughTrestlesCodecs() throws Exception {
    Path lines = Files.write(dir.resolve("shipments.jsonl"), List.of(
        "{\"id\":\"s-1\",\"skus\":[\"a\",\"b\"],\"weight\":3}", "", "{\"id\":\"s-2\",\"skus\":[],\"weight\":0}"));
    assertEquals(0, run("--json-lines", lines.toString(), "--class", Shipment.class.getName()), err.toString());
    SizeTable table = WireSizes.ofJsonLines(Files.readAllLines(lines), Shipment.class);
    assertEquals(List.of("json", "xml"), table.rows().stream().map(WireSize::format).toList());
    Codec<Shipment> json = Codecs.json(Shipment.class, CodecLimits.defaults());
    long expected = json.encode(new Shipment("s-1", List.of("a", "b"), 3)).length
        + json.encode(new Shipment("s-2", List.of(), 0)).length;
    assertEquals(expected, table.row("json").rawBytes());
    assertEquals(table.toText(), out.toString());
  }

  @Test
  void badArgumentsAndBadInputAreExitStatus2WithTheReason() throws Exception {
    assertEquals(2, run("--json-lines", orders.toString()));
    assertTrue(err.toString().contains("--descriptor-set FILE and --message NAME, or --class NAME"), err.toString());
    assertEquals(2, run("--json-lines", orders.toString(), "--class", "com.example.NoSuch"));
    assertTrue(err.toString().contains("com.example.NoSuch is not on the class path (add --classpath DIR)"), err.toString());
    assertEquals(2, run("--dataset", "nosuch"));
    assertEquals(2, run("--json-lines", Files.write(dir.resolve("bad.jsonl"), List.of("{\"id\":")).toString(),
        "--class", Shipment.class.getName()));
    assertTrue(err.toString().contains("line 1 is not a"), err.toString());
    assertEquals(2, run("--dataset", "order", "--count", "0"));
  }

  @Test
  void aDatasetStillWorks() {
    assertEquals(0, run("--dataset", "metrics", "--count", "5"));
    assertTrue(out.toString().startsWith("metrics (5 messages)"), out.toString());
  }
}
