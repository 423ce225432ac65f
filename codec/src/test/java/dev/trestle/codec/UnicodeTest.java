package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.codec.model.Order;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, defect 6: text that is not Unicode went through. Every codec now rejects ill-formed
 * UTF-8 and unpaired surrogates with CodecException, decoding and encoding: never replaced.
 */
class UnicodeTest {

  private static final String MARK = "MARKMARK"; // 8 bytes: replaced by as many, so no length prefix changes

  /** Each ill-formed sequence, padded to 8 bytes with ASCII. */
  static final List<String> ILL_FORMED = List.of(
      "C0AF414141414141", // overlong '/'
      "E080AF4141414141", // overlong '/' in three bytes
      "F08080AF41414141", // overlong '/' in four bytes
      "EDA0804141414141", // U+D800 encoded
      "EDBFBF4141414141", // U+DFFF encoded
      "F490808041414141", // U+110000
      "F7BFBFBF41414141", // past U+10FFFF
      "4141414141414180", // a lone continuation byte
      "41414141414141E2", // cut before its end
      "E282414141414141", // cut in the middle
      "FE41414141414141", // never in UTF-8
      "FF41414141414141");

  @Test
  void illFormedUtf8IsRejectedByEveryCodec() {
    Order order = order(MARK);
    for (Format format : Format.values()) {
      Codec<Order> codec = Codecs.of(format, Dataset.ORDER);
      byte[] own = codec.encode(order);
      for (String hex : ILL_FORMED) {
        byte[] bad = plant(own, HexFormat.of().parseHex(hex));
        assertThrows(CodecException.class, () -> codec.decode(bad), format + " accepted " + hex);
      }
    }
  }

  @Test
  void unpairedSurrogateEscapesAreRejectedByBothJsonCodecs() {
    for (Format format : List.of(Format.JSON, Format.PROTOBUF_JSON)) {
      Codec<Order> codec = Codecs.of(format, Dataset.ORDER);
      String own = new String(codec.encode(order(MARK)), StandardCharsets.UTF_8);
      for (String escape : List.of("\\uD800", "\\uDC00", "\\uDC00\\uD800", "\\uD800\\uD800", "\\uD800x", "\\uD800\\n", "a\\uDFFF",
          "\\uDBFF\\u0041", "\\uD800\u00E9")) {
        byte[] bad = own.replace(MARK, escape).getBytes(StandardCharsets.UTF_8);
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(bad), format + " accepted " + escape);
        assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
      }
      Order paired = codec.decode(own.replace(MARK, "\\uD83D\\uDE00 \\uDBFF\\uDFFF").getBytes(StandardCharsets.UTF_8));
      assertEquals("\uD83D\uDE00 \uDBFF\uDFFF", paired.note(), format.codecName());
    }
  }

  @Test
  void encodingTextWithAnUnpairedSurrogateFailsOnEveryCodec() {
    for (Format format : Format.values()) {
      Codec<Order> codec = Codecs.of(format, Dataset.ORDER);
      for (String text : List.of("a\uD800b", "a\uDC00b", "a\uD800", "\uDC00\uD800", "a\uD800\uD800\uDC00")) {
        assertThrows(CodecException.class, () -> codec.encode(order(text)), format + " encoded " + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_16BE)));
        assertThrows(CodecException.class, () -> codec.encode(order(text), new java.io.ByteArrayOutputStream()), format.codecName());
      }
    }
  }

  @Test
  void wellFormedEdgesRoundTripExactly() {
    for (Format format : Format.values()) {
      Codec<Order> codec = Codecs.of(format, Dataset.ORDER);
      for (String text : List.of("\uD7FF\uE000\uFFFD", "\uDBFF\uDFFF", "\uD800\uDC00", "x\uD83D\uDE00", "\u0080\u07FF\u0800")) {
        assertEquals(order(text), codec.decode(codec.encode(order(text))), format.codecName());
      }
    }
  }

  private static Order order(String note) {
    return new Order(1, 2, 3, "EUR", List.of(), 100, note);
  }

  private static byte[] plant(byte[] own, byte[] with) {
    byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + mark.length <= own.length; i++) {
      if (java.util.Arrays.equals(own, i, i + mark.length, mark, 0, mark.length)) {
        byte[] out = own.clone();
        System.arraycopy(with, 0, out, i, with.length);
        return out;
      }
    }
    throw new AssertionError("no marker in the encoding");
  }
}
