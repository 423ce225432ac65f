package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trestle.codec.model.Order;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both JSON codecs read RFC 8259 JSON only (issue 16, defect 5): JSONTestSuite's kinds of {@code n_}
 * document, and each kind of defect planted into the codec's own valid output.
 */
class StrictJsonTest {

  private static final List<Format> JSON_FORMATS = List.of(Format.JSON, Format.PROTOBUF_JSON);

  /** Documents in the manner of JSONTestSuite's test_parsing/n_*.json: none is JSON. */
  static final List<String> NOT_JSON = List.of(
      "", " ", "{", "}", "[", "]", "{}}", "{} {}", "[] []", "{}x", "{\"a\":1}}", "{\"a\" 1}", "{\"a\":}", "{:1}", "{\"a\":1,}",
      "{,\"a\":1}", "{\"a\":1 \"b\":2}", "{\"a\"=1}", "{\"a\"=>1}", "{\"a\":1;\"b\":2}", "{'a':1}", "{a:1}", "{\"a\":'b'}",
      "{\"a\":1/**/}", "{/* c */\"a\":1}", "{// c\n\"a\":1}", "{# c\n\"a\":1}", "{\"a\":01}", "{\"a\":-01}", "{\"a\":+1}",
      "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-.5}", "{\"a\":1.e1}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":0x1}", "{\"a\":\uFF11}",
      "{\"a\":NaN}", "{\"a\":-NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":True}", "{\"a\":TRUE}", "{\"a\":NULL}",
      "{\"a\":nul}", "{\"a\":tru}", "{\"a\":\"\u0001\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"new\nline\"}", "{\"a\":\"\\'\"}",
      "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"\\\"}", "{\"a\":\"unterminated}", "{\"a\":[1,]}",
      "{\"a\":[,1]}", "{\"a\":[1,,2]}", "{\"a\":[1 2]}", "{\"a\":[}", "{\"a\":{}", "{\"a\":1}\u0000", "\uFEFF{\"a\":1}x",
      "{\"a\":1}/", "{\"a\" : 1 ] }", "{\"a\":[\"a\"}]", "{\"a\":\"b\"\"c\"}", "{\"a\":1 2}", "{\"a\":-}", "{\"a\":2.e3}",
      "{\"a\":1.0e}", "{\"a\":\"\\a\"}", "{\"\\uD800\":1}", "[\"\\uDFAA\"]", "{\"a\":\"\\uD800\\u0041\"}");

  @Test
  void neitherJsonCodecAcceptsAnythingThatIsNotJson() {
    List<String> accepted = new ArrayList<>();
    for (Format format : JSON_FORMATS) {
      for (Dataset<?> dataset : Dataset.all()) {
        Codec<?> codec = Codecs.of(format, dataset);
        for (String text : NOT_JSON) {
          if (accepts(codec, text.getBytes(StandardCharsets.UTF_8))) {
            accepted.add(format + "/" + dataset.name() + " accepted " + printable(text));
          }
        }
      }
    }
    assertEquals(List.of(), accepted);
  }

  /** Each kind of defect of issue 16, planted into an Order the codec itself wrote. */
  @Test
  void neitherJsonCodecAcceptsADefectPlantedInItsOwnOutput() {
    Order order = new Order(1, 2, 3, "EUR", List.of(new dev.trestle.codec.model.LineItem(7, 5, 100, 0, 0.5)), 100, "note");
    List<String> accepted = new ArrayList<>();
    for (Format format : JSON_FORMATS) {
      Codec<Order> codec = Codecs.of(format, Dataset.ORDER);
      String own = new String(codec.encode(order), StandardCharsets.UTF_8);
      assertEquals(order, codec.decode(own.getBytes(StandardCharsets.UTF_8)), format + " reads its own output");
      List<String> planted = List.of(
          own + "}", own + own, own + " {}", own + " x", own + " //",
          own.replaceFirst("\\{", "{/* c */"), own.replaceFirst("\\{", "{// c\n"), own.replaceFirst("\\{", "{# c\n"),
          own.replaceFirst("\":", "\"="), own.replaceFirst("\":", "\"=>"), replaceMemberComma(own, ";"),
          own.replace("\"currency\"", "'currency'"), own.replace("\"currency\"", "currency"), own.replace("\"EUR\"", "'EUR'"),
          own.replace("\"EUR\"", "EUR"), own.replace("\"note\"", "\"no\u0001te\""), own.replace("\"note\"", "\"no\\'te\""),
          own.replace(":5,", ":05,"), own.replace(":5,", ":+5,"), own.replace(":5,", ":5.,"), own.replace(":5,", ":\uFF15,"),
          own.replace(":0.5", ":.5"), own.replace(":0.5", ":NaN"), own.replace(":0.5", ":Infinity"), own.replace(":0.5", ":-Infinity"),
          own.replace(":0.5", ":True"), own.replace(":0.5", ":TRUE"), own.replace(":0.5", ":NULL"),
          own.replaceFirst("\\{", "{\"currency\":\"USD\","), own.replace("]", ",]"));
      for (String text : planted) {
        if (text.equals(own)) {
          fail(format + ": a defect was not planted in " + own);
        }
        if (accepts(codec, text.getBytes(StandardCharsets.UTF_8))) {
          accepted.add(format + " accepted " + printable(text));
        }
      }
    }
    assertEquals(List.of(), accepted);
  }

  /** Issue 16: a '"' inside a single-quoted string hid the nesting after it from the depth pre-check. */
  @Test
  void theDepthLimitHoldsHoweverStringsAreQuoted() {
    CodecLimits limits = CodecLimits.builder().maxDepth(10).build();
    String deep = "{'currency':'\"',\"items\":" + "[".repeat(12) + "]".repeat(12) + "}";
    for (Format format : JSON_FORMATS) {
      CodecException e = assertThrows(CodecException.class,
          () -> Codecs.of(format, Dataset.ORDER, limits).decode(deep.getBytes(StandardCharsets.UTF_8)));
      assertTrue(e.getMessage().contains("RFC 8259") || e.getMessage().contains("Unexpected character"), format + ": " + e.getMessage());
    }
    String doubleQuoted = "{\"currency\":\"'\",\"items\":" + "[".repeat(12) + "]".repeat(12) + "}";
    CodecException e = assertThrows(CodecException.class,
        () -> Codecs.of(Format.PROTOBUF_JSON, Dataset.ORDER, limits).decode(doubleQuoted.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("maxDepth 10"), e.getMessage());
  }

  @Test
  void aDuplicateNameIsRejectedByBothJsonCodecs() {
    for (Format format : JSON_FORMATS) {
      String text = "{\"id\":1,\"id\":2}";
      CodecException e = assertThrows(CodecException.class, () -> Codecs.of(format, Dataset.ORDER).decode(text.getBytes(StandardCharsets.UTF_8)));
      assertTrue(e.getMessage().contains("Duplicate"), format + ": " + e.getMessage());
    }
  }

  @Test
  void aTopLevelValueOtherThanAnObjectIsRejected() {
    for (Format format : JSON_FORMATS) {
      for (String text : List.of("[]", "[{}]", "\"x\"", "1", "true", "false", "null")) {
        assertThrows(CodecException.class, () -> Codecs.of(format, Dataset.ORDER).decode(text.getBytes(StandardCharsets.UTF_8)),
            format + " " + text);
      }
    }
  }

  private static String replaceMemberComma(String json, String with) {
    int comma = json.indexOf(",\"");
    return json.substring(0, comma) + with + json.substring(comma + 1);
  }

  static boolean accepts(Codec<?> codec, byte[] bytes) {
    try {
      codec.decode(bytes);
      return true;
    } catch (CodecException e) {
      return false;
    }
  }

  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return out.length() > 120 ? out.substring(0, 120) + "..." : out.toString();
  }
}
