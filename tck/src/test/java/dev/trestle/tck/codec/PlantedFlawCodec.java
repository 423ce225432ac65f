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
    PASSES_ILL_FORMED_TEXT,
    /** Writes each character outside the BMP as two 3-byte surrogate sequences (CESU-8, Java's "modified UTF-8") and reads them back (breaks 9.1). */
    WRITES_CESU8,
    /** Reads a stream with one read of available() bytes, as if available() were the length still to come (breaks 9.2). */
    TRUSTS_AVAILABLE,
    /** Turns each chunk a stream read returns into text on its own, splitting characters cut by a chunk boundary (breaks 9.2). */
    DECODES_CHUNKS,
    /** Reads a stream with Jackson's defaults, which ignore data after the value, while decode(byte[]) stays strict (breaks 9.3). */
    LENIENT_STREAM,
    /** Drops zero bytes at the end, as a reader of a zero-padded buffer would (breaks 9.4). */
    DROPS_ZERO_PADDING
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
    if (flaw == WRITES_CESU8) {
      return trestle.decode(fromCesu8(bytes));
    }
    if (flaw == Flaw.DROPS_ZERO_PADDING) {
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] == 0) {
        end--;
      }
      return trestle.decode(java.util.Arrays.copyOf(bytes, end));
    }
    if (flaw == null || flaw.ordinal() > Flaw.PASSES_ILL_FORMED_TEXT.ordinal()) {
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
    java.util.Objects.requireNonNull(in, "in");
    try {
      if (flaw == Flaw.TRUSTS_AVAILABLE) {
        byte[] buffer = new byte[Math.max(in.available(), 1)];
        int read = in.read(buffer);
        return decode(java.util.Arrays.copyOf(buffer, Math.max(read, 0)));
      }
      if (flaw == Flaw.DECODES_CHUNKS) {
        StringBuilder text = new StringBuilder();
        byte[] chunk = new byte[8192];
        for (int read; (read = in.read(chunk)) >= 0; ) {
          text.append(new String(chunk, 0, read, StandardCharsets.UTF_8));
        }
        return decode(text.toString().getBytes(StandardCharsets.UTF_8));
      }
      if (flaw == Flaw.LENIENT_STREAM) {
        MediaContent value = DEFAULTS.readValue(new NonClosing(in), MediaContent.class);
        if (value == null) {
          throw new CodecException("null");
        }
        return value;
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CodecException) {
        throw (CodecException) e;
      }
      throw new CodecException("cannot decode", e);
    }
    if (flaw == WRITES_CESU8 || flaw == Flaw.DROPS_ZERO_PADDING) {
      try {
        return decode(in.readAllBytes());
      } catch (IOException e) {
        throw new CodecException("cannot read", e);
      }
    }
    return trestle.decode(in);
  }

  @Override
  public byte[] encode(MediaContent value) {
    byte[] bytes = trestle.encode(value);
    return flaw == WRITES_CESU8 ? toCesu8(bytes) : bytes;
  }

  @Override
  public void encode(MediaContent value, OutputStream out) {
    if (flaw == WRITES_CESU8) {
      byte[] bytes = encode(value);
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        throw new CodecException("cannot write", e);
      }
      return;
    }
    trestle.encode(value, out);
  }

  private static final Flaw WRITES_CESU8 = Flaw.WRITES_CESU8;

  /** Each 4-byte UTF-8 sequence becomes the 3-byte encodings of its two surrogates. */
  private static byte[] toCesu8(byte[] utf8) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < utf8.length; ) {
      int b = utf8[i] & 0xFF;
      if (b >= 0xF0 && b <= 0xF4 && i + 3 < utf8.length) {
        String pair = new String(utf8, i, 4, StandardCharsets.UTF_8);
        for (char c : pair.toCharArray()) {
          out.write(0xE0 | (c >> 12));
          out.write(0x80 | ((c >> 6) & 0x3F));
          out.write(0x80 | (c & 0x3F));
        }
        i += 4;
      } else {
        out.write(b);
        i++;
      }
    }
    return out.toByteArray();
  }

  /** Pairs of 3-byte surrogate encodings become the 4-byte sequence of their code point. */
  private static byte[] fromCesu8(byte[] cesu) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < cesu.length; ) {
      if (i + 5 < cesu.length && (cesu[i] & 0xFF) == 0xED && (cesu[i + 1] & 0xF0) == 0xA0 && (cesu[i + 3] & 0xFF) == 0xED
          && (cesu[i + 4] & 0xF0) == 0xB0) {
        char high = (char) (0xD000 | ((cesu[i + 1] & 0x3F) << 6) | (cesu[i + 2] & 0x3F));
        char low = (char) (0xD000 | ((cesu[i + 4] & 0x3F) << 6) | (cesu[i + 5] & 0x3F));
        out.writeBytes(new String(new char[] {high, low}).getBytes(StandardCharsets.UTF_8));
        i += 6;
      } else {
        out.write(cesu[i]);
        i++;
      }
    }
    return out.toByteArray();
  }

  /** Keeps Jackson from closing the caller's stream, so only the leniency differs. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
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
