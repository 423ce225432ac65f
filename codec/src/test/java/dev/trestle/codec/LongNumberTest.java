package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.codec.model.LineItem;
import dev.trestle.codec.model.Order;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, defect 1: Protobuf-JSON parsed every number, quoted or not, through BigDecimal, in time
 * quadratic in its length. A number token longer than maxNumberLength now fails before any parser
 * sees it; the message says so, which is how these tests tell the screen from the parser (no
 * timing decides them; the speed is measured by a main, see the codec README section).
 */
class LongNumberTest {

  private static final String DIGITS = "1" + "0".repeat(100_000);

  @Test
  void aLongNumberIsRejectedBeforeParsingByBothJsonCodecs() {
    for (Format format : List.of(Format.JSON, Format.PROTOBUF_JSON)) {
      for (String text : List.of("{\"id\": " + DIGITS + "}", DIGITS, "[" + DIGITS + "]", "{\"items\":[{\"weightKg\": 0." + DIGITS + "}]}",
          "{\"id\": -" + DIGITS + "}", "{\"id\": 1e" + DIGITS + "}")) {
        CodecException e = assertThrows(CodecException.class, () -> Codecs.of(format, Dataset.ORDER).decode(ascii(text)));
        assertTrue(e.getMessage().contains("longer than maxNumberLength 1000"), format + ": " + e.getMessage());
      }
    }
  }

  @Test
  void protobufJsonHoldsANumberWrittenAsAStringToTheSameLimit() {
    for (String text : List.of("{\"id\": \"" + DIGITS + "\"}", "{\"items\":[{\"weightKg\": \"" + DIGITS + "\"}]}",
        "{\"items\":[{\"sku\":\"1\"},{\"quantity\": \"" + DIGITS + "\"}]}")) {
      CodecException e = assertThrows(CodecException.class, () -> Codecs.of(Format.PROTOBUF_JSON, Dataset.ORDER).decode(ascii(text)));
      assertTrue(e.getMessage().contains("numeric field") && e.getMessage().contains("maxNumberLength 1000"), e.getMessage());
    }
  }

  @Test
  void aLongDigitStringInATextFieldIsStillText() {
    Order order = new Order(1, 2, 3, "EUR", List.of(), 0, DIGITS.substring(0, 5000));
    for (Format format : Format.values()) {
      Codec<Order> codec = Codecs.of(format, Dataset.ORDER);
      assertEquals(order, codec.decode(codec.encode(order)), format.codecName());
    }
  }

  @Test
  void theLimitIsASettingAndANumberOfExactlyThatLengthPasses() {
    CodecLimits limits = CodecLimits.builder().maxNumberLength(40).build();
    String forty = "0." + "1".repeat(38);
    String fortyOne = "0." + "1".repeat(39);
    for (Format format : List.of(Format.JSON, Format.PROTOBUF_JSON)) {
      Codec<Order> codec = Codecs.of(format, Dataset.ORDER, limits);
      String own = new String(codec.encode(new Order(1, 2, 3, null, List.of(new LineItem(4, 5, 6, 7, 0.25)), 8, null)), StandardCharsets.UTF_8);
      assertTrue(own.contains("0.25"), own);
      Order decoded = codec.decode(ascii(own.replace("0.25", forty)));
      assertEquals(Double.parseDouble(forty), decoded.items().get(0).weightKg(), format.codecName());
      CodecException e = assertThrows(CodecException.class, () -> codec.decode(ascii(own.replace("0.25", fortyOne))));
      assertTrue(e.getMessage().contains("maxNumberLength 40"), e.getMessage());
    }
  }

  @Test
  void theXmlCodecAppliesTheLimitToNumericElements() {
    CodecException e = assertThrows(CodecException.class,
        () -> Codecs.of(Format.XML, Dataset.ORDER).decode(ascii("<Order><id>" + DIGITS + "</id></Order>")));
    assertTrue(e.getMessage().contains("maxNumberLength"), e.getMessage());
  }

  /** Text for a numeric field fails from its length alone, in JSON (quoted) and XML, nested fields too. */
  @Test
  void numbersGivenAsTextAreHeldToTheLimitWhereverTheyAre() {
    Order order = new Order(1, 2, 3, "EUR", List.of(new dev.trestle.codec.model.LineItem(7, 5, 100, 0, 0.5)), 100, "note");
    for (Format format : List.of(Format.JSON, Format.XML)) {
      Codec<Order> codec = Codecs.of(format, Dataset.ORDER);
      String own = new String(codec.encode(order), java.nio.charset.StandardCharsets.UTF_8);
      String top = format == Format.XML ? own.replace("<id>1</id>", "<id>" + DIGITS + "</id>")
          : own.replace("\"id\":1,", "\"id\":\"" + DIGITS + "\",");
      String nested = format == Format.XML ? own.replace("<quantity>5</quantity>", "<quantity>" + DIGITS + "</quantity>")
          : own.replace("\"quantity\":5", "\"quantity\":\"" + DIGITS + "\"");
      for (String text : List.of(top, nested)) {
        assertTrue(text.contains(DIGITS), format + " planted the digits: " + own);
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(ascii(text)), format.codecName());
        assertTrue(e.getMessage().contains("maxNumberLength 1000"), e.getMessage());
      }
    }
  }

  /** The limit is a number's: a string field holding the same digits is read as it is. */
  @Test
  void aStringFieldOfDigitsIsNotANumber() {
    Order order = new Order(1, 2, 3, "EUR", List.of(), 100, DIGITS);
    for (Format format : List.of(Format.JSON, Format.XML, Format.PROTOBUF_JSON)) {
      Codec<Order> codec = Codecs.of(format, Dataset.ORDER);
      assertEquals(order, codec.decode(codec.encode(order)), format.codecName());
    }
  }

  @Test
  void protobufDropsUnknownFieldsAsItReadsThem() {
    // 0x30 is field 6 as a varint: a string of '0's is millions of one-byte fields MediaContent does not know
    byte[] zeros = new byte[1 << 20];
    java.util.Arrays.fill(zeros, (byte) '0');
    dev.trestle.codec.model.MediaContent decoded = Codecs.of(Format.PROTOBUF, Dataset.MEDIA_CONTENT).decode(zeros);
    assertEquals(new dev.trestle.codec.model.MediaContent(null, List.of()), decoded);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
