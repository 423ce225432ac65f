package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.codec.model.MediaContent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety settings specific to each implementation; the kit checks the contract for all. */
class SafetyTest {

  private static final Codec<MediaContent> XML = Codecs.of(Format.XML, Dataset.MEDIA_CONTENT);

  @Test
  void xmlRefusesAnExternalEntityWithoutReadingTheFile(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE MediaContent [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<MediaContent><media><uri>&xxe;</uri></media></MediaContent>";
    CodecException e = assertThrows(CodecException.class, () -> XML.decode(xml.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getCause() != null && !String.valueOf(e.getMessage()).contains("TOP-SECRET"), e.toString());
  }

  @Test
  void xmlRefusesAnEntityExpansionBomb() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE MediaContent [<!ENTITY l0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String xml = dtd + "]><MediaContent><media><uri>&l9;</uri></media></MediaContent>";
    assertThrows(CodecException.class, () -> XML.decode(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void protobufRefusesDeeplyNestedUnknownGroups() {
    byte[] groups = new byte[100_000];
    java.util.Arrays.fill(groups, (byte) 0x7B); // field 15, wire type 3: start group, never ended
    assertThrows(CodecException.class, () -> Codecs.of(Format.PROTOBUF, Dataset.MEDIA_CONTENT).decode(groups));
  }

  @Test
  void protobufRefusesALengthPrefixPastTheInput() {
    byte[] huge = {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1, 2, 3};
    assertThrows(CodecException.class, () -> Codecs.of(Format.PROTOBUF, Dataset.MEDIA_CONTENT).decode(huge));
  }

  @Test
  void protobufJsonChecksDepthBeforeParsing() {
    CodecLimits limits = CodecLimits.builder().maxDepth(10).build();
    // nested arrays: nested "media" names would fail first, as names Media does not have
    String deep = "{\"images\":" + "[".repeat(11) + "]".repeat(11) + "}";
    CodecException e = assertThrows(CodecException.class,
        () -> Codecs.of(Format.PROTOBUF_JSON, Dataset.MEDIA_CONTENT, limits).decode(deep.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("maxDepth 10"), e.getMessage());
  }

  @Test
  void anEndlessStreamIsCutOffJustPastTheLimit() {
    CodecLimits limits = CodecLimits.builder().maxInputBytes(4096).build();
    long[] served = {0};
    InputStream endless = new InputStream() {
      @Override public int read() {
        served[0]++;
        return ' ';
      }
    };
    for (Format format : Format.values()) {
      served[0] = 0;
      assertThrows(CodecException.class, () -> Codecs.of(format, Dataset.MEDIA_CONTENT, limits).decode(endless));
      assertTrue(served[0] <= 4097, format + " read " + served[0] + " bytes");
    }
  }

  @Test
  void xmlFailsToEncodeACharacterXmlCannotCarryInsteadOfWritingAnUnreadableDocument() {
    MediaContent value = new MediaContent(new dev.trestle.codec.model.Media("\uFFFF", null, 0, 0, null, 0, 0, 0, false,
        java.util.List.of(), null, null), java.util.List.of());
    CodecException e = assertThrows(CodecException.class, () -> XML.encode(value));
    assertTrue(e.getMessage().contains("U+FFFF"), e.getMessage());
  }

  @Test
  void protobufJsonKeepsTheSignOfNegativeZero() {
    Codec<dev.trestle.codec.model.Order> codec = Codecs.of(Format.PROTOBUF_JSON, Dataset.ORDER);
    dev.trestle.codec.model.Order order = new dev.trestle.codec.model.Order(1, 2, 3, null,
        java.util.List.of(new dev.trestle.codec.model.LineItem(1, 1, 1, 0, -0.0)), 0, null);
    double weight = codec.decode(codec.encode(order)).items().get(0).weightKg();
    assertTrue(Double.doubleToRawLongBits(weight) == Double.doubleToRawLongBits(-0.0), "weight " + weight);
  }

  @Test
  void onlyANegativeZeroNumberOutsideStringsTriggersTheSignRepair() {
    assertTrue(NegativeZeros.mayHold("{\"w\":-0.0}"));
    assertTrue(NegativeZeros.mayHold("[1, -0, 2]"));
    assertTrue(NegativeZeros.mayHold("[-0e5]"));
    assertTrue(!NegativeZeros.mayHold("{\"id\":\"c34d0bff-9015-0280-e099\"}"));
    assertTrue(!NegativeZeros.mayHold("[-0.5, -10, 0.0]"));
  }
}
