package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSONTestSuite's own parsing cases (issue 16, defect 5): no JSON codec accepts an {@code n_}
 * document, and the syntax gate in front of protobuf's {@code JsonFormat} rejects each one for its
 * syntax (not merely because it does not fit a model) while accepting every {@code y_} document.
 * The cases are in {@code src/test/resources/jsontestsuite} with their origin and licence.
 */
class JsonTestSuiteTest {

  private record Case(String name, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static List<Case> cases(char kind) throws IOException {
    try (InputStream in = JsonTestSuiteTest.class.getResourceAsStream("/jsontestsuite/parsing.json")) {
      JsonNode all = new ObjectMapper().readTree(in);
      List<Case> cases = new ArrayList<>();
      for (JsonNode entry : all) {
        String name = entry.get("name").asText();
        if (name.charAt(0) == kind) {
          cases.add(new Case(name, entry.get("input").asText().getBytes(StandardCharsets.UTF_8)));
        }
      }
      return cases;
    }
  }

  private static boolean passesTheGate(byte[] bytes) {
    CodecLimits limits = CodecLimits.defaults();
    try {
      JsonScreen.check(bytes, limits, "gate");
      new StrictJson(limits).check(bytes, null, "gate");
      return true;
    } catch (CodecException e) {
      return false;
    }
  }

  @Test
  void theSuiteIsAllHere() throws IOException {
    assertEquals(188, cases('n').size(), "JSONTestSuite has 188 n_ parsing cases");
    assertEquals(95, cases('y').size(), "JSONTestSuite has 95 y_ parsing cases");
  }

  @Test
  void noJsonCodecAcceptsAnNDocument() throws IOException {
    List<String> accepted = new ArrayList<>();
    for (Format format : List.of(Format.JSON, Format.PROTOBUF_JSON)) {
      for (Dataset<?> dataset : Dataset.all()) {
        Codec<?> codec = Codecs.of(format, dataset);
        for (Case c : cases('n')) {
          if (StrictJsonTest.accepts(codec, c.bytes())) {
            accepted.add(format + "/" + dataset.name() + " accepted " + c);
          }
        }
      }
    }
    assertEquals(List.of(), accepted);
  }

  @Test
  void theSyntaxGateRejectsEveryNDocumentForItsSyntax() throws IOException {
    List<String> passed = new ArrayList<>();
    for (Case c : cases('n')) {
      if (passesTheGate(c.bytes())) {
        passed.add(c + ": " + StrictJsonTest.printable(new String(c.bytes(), StandardCharsets.UTF_8)));
      }
    }
    assertEquals(List.of(), passed);
  }

  /**
   * RFC 8259 only says names SHOULD be unique, so JSONTestSuite counts an object with a name twice
   * as valid. Trestle rejects it on purpose: two readers that keep different copies of the name is
   * how a filter in front of a service is bypassed (issue 16, defect 5).
   */
  private static final List<String> REJECTED_ON_PURPOSE =
      List.of("y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json");

  @Test
  void theSyntaxGateAcceptsEveryYDocumentButDuplicateNames() throws IOException {
    List<String> rejected = new ArrayList<>();
    for (Case c : cases('y')) {
      if (!passesTheGate(c.bytes())) {
        rejected.add(c.toString());
      }
    }
    assertEquals(REJECTED_ON_PURPOSE, rejected, "valid JSON rejected");
  }
}
