package dev.trestle.tck.codec;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecException;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Codecs;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MediaContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Trestle's own JSON or XML codec of {@link MediaContent} with one flaw planted in front of its
 * decoder, for the self-test of rules CODEC-8.x. Without a flaw it is Trestle's codec as is, which
 * passes those rules, so the flaw is the only difference.
 */
final class PlantedFlawCodec implements Codec<MediaContent> {

  /** The flaws, each the defect of issue 16 that one CODEC-8 rule catches. */
  enum Flaw {
    /** Reads every digit run once per digit before decoding, as a parser quadratic in a number's length would (breaks 8.1). */
    QUADRATIC_NUMBERS,
    /** An XML decoder that reads any root element as the model's (breaks 8.2). */
    IGNORES_ROOT,
    /** A JSON decoder that accepts comments, single quotes, unquoted names, NaN and trailing data (breaks 8.3). */
    LENIENT_SYNTAX,
    /** A JSON decoder that reads overlong UTF-8 and lone surrogate escapes as Jackson's defaults do (breaks 8.4). */
    PASSES_ILL_FORMED_TEXT
  }

  private static final ObjectMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonReadFeature.ALLOW_YAML_COMMENTS).enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS).enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
  private static final ObjectMapper DEFAULTS = new ObjectMapper();

  private final Flaw flaw;
  private final Codec<MediaContent> trestle;

  PlantedFlawCodec(Flaw flaw, Format format, CodecLimits limits) {
    this.flaw = flaw;
    this.trestle = Codecs.of(format, Dataset.MEDIA_CONTENT, limits);
  }

  @Override
  public MediaContent decode(byte[] bytes) {
    if (flaw == null) {
      return trestle.decode(bytes);
    }
    try {
      switch (flaw) {
        case QUADRATIC_NUMBERS:
          readDigitRunsQuadratically(bytes);
          return trestle.decode(bytes);
        case IGNORES_ROOT:
          return trestle.decode(withModelRoot(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        case LENIENT_SYNTAX:
          JsonNode tree = LENIENT.readTree(bytes);
          return trestle.decode(DEFAULTS.writeValueAsBytes(tree));
        case PASSES_ILL_FORMED_TEXT:
          MediaContent value = DEFAULTS.readValue(bytes, MediaContent.class);
          if (value == null) {
            throw new CodecException("null");
          }
          return value;
        default:
          throw new AssertionError(flaw);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CodecException) {
        throw (CodecException) e;
      }
      throw new CodecException("cannot decode", e);
    }
  }

  /** For each digit, reads the rest of its run: n(n+1)/2 steps for a run of n digits. */
  private static void readDigitRunsQuadratically(byte[] bytes) {
    long sum = 0;
    for (int i = 0; i < bytes.length; i++) {
      for (int j = i; j < bytes.length && bytes[j] >= '0' && bytes[j] <= '9'; j++) {
        sum = sum * 31 + bytes[j];
      }
    }
    if (sum == 42) {
      throw new CodecException("unlucky"); // keeps the loop from being optimized away
    }
  }

  /** Renames the first element and the last end tag to MediaContent, whatever they were. */
  private static String withModelRoot(String xml) {
    java.util.regex.Matcher open = java.util.regex.Pattern.compile("<([A-Za-z_][\\w.-]*)").matcher(xml);
    if (!open.find()) {
      return xml;
    }
    String name = open.group(1);
    String renamed = xml.substring(0, open.start(1)) + "MediaContent" + xml.substring(open.end(1));
    int end = renamed.lastIndexOf("</" + name + ">");
    return end < 0 ? renamed : renamed.substring(0, end) + "</MediaContent>" + renamed.substring(end + name.length() + 3);
  }

  @Override
  public MediaContent decode(InputStream in) {
    return trestle.decode(in);
  }

  @Override
  public byte[] encode(MediaContent value) {
    return trestle.encode(value);
  }

  @Override
  public void encode(MediaContent value, OutputStream out) {
    trestle.encode(value, out);
  }

  @Override
  public String mediaType() {
    return trestle.mediaType();
  }

  @Override
  public String name() {
    return "planted-" + trestle.name();
  }

  @Override
  public boolean deterministic() {
    return true;
  }

  @Override
  public String toString() {
    return "FaultyCodec(" + flaw + ")";
  }
}
