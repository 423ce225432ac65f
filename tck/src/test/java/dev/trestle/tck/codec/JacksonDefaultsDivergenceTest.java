package dev.trestle.tck.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.model.MediaContent;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The rules Jackson's defaults are excused from, run without the excuse: each must keep failing. */
class JacksonDefaultsDivergenceTest {

  static final Map<String, String> JSON_DEVIATIONS = Map.of(
      "CODEC-2.1", "ObjectMapper.writeValue(OutputStream) closes the stream (JsonGenerator.Feature.AUTO_CLOSE_TARGET is on by default)",
      "CODEC-2.2", "ObjectMapper.readValue(InputStream) closes the stream (JsonParser.Feature.AUTO_CLOSE_SOURCE is on by default)",
      "CODEC-8.3", "ObjectMapper ignores data after the value, '{...}}' included (DeserializationFeature.FAIL_ON_TRAILING_TOKENS is off by default)",
      "CODEC-8.4", "Jackson's UTF-8 reader decodes overlong forms (C0 AF as '/'), encoded surrogates and code points past U+10FFFF",
      "CODEC-9.2", "ObjectMapper.readValue(InputStream) closes the stream (JsonParser.Feature.AUTO_CLOSE_SOURCE is on by default)",
      "CODEC-9.4", "ObjectMapper ignores bytes after the value, a zero byte included (DeserializationFeature.FAIL_ON_TRAILING_TOKENS is off by default)");

  private static final String ABSENT_BECOMES_EMPTY = "new XmlMapper() writes an absent (null) string as an empty element, "
      + "which it reads back as \"\", so absent turns into empty";

  static final Map<String, String> XML_DEVIATIONS = merge(Map.of(
      "CODEC-8.2", "XmlMapper never looks at the root element's name: <ForeignMediaContent> decodes as a MediaContent",
      "CODEC-8.3", "XmlMapper stops at the end of the root element: a second root element after it is never read",
      "CODEC-8.4", "Woodstox decodes the overlong UTF-8 C0 AF as '/'",
      "CODEC-9.3", "XmlMapper.readValue(InputStream) stops at the end of the root element, so ill-formed bytes after it that "
          + "readValue(byte[]) rejects (its buffer holds them) are never read from a stream",
      "CODEC-9.4", "XmlMapper stops at the end of the root element: a zero byte, 0xFF or text after it is never looked at"), Map.of(
      "CODEC-1.1", ABSENT_BECOMES_EMPTY + " in generated samples (an image without a title, media without copyright)",
      "CODEC-1.2", ABSENT_BECOMES_EMPTY + "; an empty MediaContent is written as <MediaContent/> and cannot be read back",
      "CODEC-1.3", ABSENT_BECOMES_EMPTY + " (the samples' absent copyright)",
      "CODEC-1.4", ABSENT_BECOMES_EMPTY + " (the samples' absent title and format)",
      "CODEC-2.1", "XmlMapper.writeValue(OutputStream) closes the stream (AUTO_CLOSE_TARGET is on by default)",
      "CODEC-2.2", "XmlMapper.readValue(InputStream) closes the stream (AUTO_CLOSE_SOURCE is on by default)",
      "CODEC-3.1", ABSENT_BECOMES_EMPTY + ": decoding a sample gives a value unequal to it, on any thread",
      "CODEC-9.2", ABSENT_BECOMES_EMPTY + ": a sample read from a stream comes back unequal to it (and the stream is closed)",
      "CODEC-6.1", ABSENT_BECOMES_EMPTY + ": a decoded copy re-encodes to other bytes than the equal original"));

  private static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
    Map<String, String> all = new java.util.HashMap<>(first);
    all.putAll(second);
    return Map.copyOf(all);
  }

  abstract static class AsIs extends CodecTck<MediaContent> {
    @Override
    protected CodecSamples<MediaContent> samples() {
      return ModelSamples.of(Dataset.MEDIA_CONTENT);
    }

    @Override
    protected Set<CodecFeature> features() {
      return EnumSet.of(CodecFeature.DETERMINISTIC);
    }
  }

  /** Jackson JSON with no rule excused; run only through {@link KitSelfTest}. */
  static final class JsonAsIs extends AsIs {
    @Override
    protected Codec<MediaContent> newCodec(CodecLimits limits) {
      return new JacksonDefaultsCodec<>(new ObjectMapper(), MediaContent.class, "application/json");
    }
  }

  /** Jackson XML with no rule excused; run only through {@link KitSelfTest}. */
  static final class XmlAsIs extends AsIs {
    @Override
    protected Codec<MediaContent> newCodec(CodecLimits limits) {
      return new JacksonDefaultsCodec<>(new XmlMapper(), MediaContent.class, "application/xml");
    }
  }

  @TestFactory
  Stream<DynamicTest> eachExcusedRuleFailsWithoutTheExcuse() {
    Stream<DynamicTest> json = JSON_DEVIATIONS.keySet().stream().sorted().map(rule -> fails(JsonAsIs.class, rule));
    Stream<DynamicTest> xml = XML_DEVIATIONS.keySet().stream().sorted().map(rule -> fails(XmlAsIs.class, rule));
    return Stream.concat(json, xml);
  }

  private static DynamicTest fails(Class<?> kit, String rule) {
    return DynamicTest.dynamicTest(kit.getSimpleName() + " fails " + rule, () -> {
      RuleRun run = KitSelfTest.run(kit, rule);
      assertTrue(run.failed, kit.getSimpleName() + " should fail " + rule + " but " + run);
    });
  }
}
