package dev.trestle.tck.codec;

import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules CODEC-9.x: what a codec writes is well-formed text, its stream decoder needs nothing of the
 * stream beyond {@code read}, is as strict as its array decoder, and no value is followed by bytes
 * that are silently dropped. Called from {@link CodecTck}, which reports through {@link Expect}.
 */
final class CodecOutputChecks<T> {

  /** The kit's {@code expect}, handed in so that failures read like every other rule's. */
  interface Expect {
    void that(boolean holds, String rule, Object expected, Object seen);
  }

  private static final Pattern XML_ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

  private final Codec<T> codec;
  private final CodecSamples<T> samples;
  private final Expect expect;
  private final long seed;

  CodecOutputChecks(Codec<T> codec, CodecSamples<T> samples, Expect expect, long seed) {
    this.codec = codec;
    this.samples = samples;
    this.expect = expect;
    this.seed = seed;
  }

  static boolean isText(Codec<?> codec) {
    String type = codec.mediaType();
    return type.contains("json") || type.contains("xml") || type.startsWith("text/");
  }

  static boolean isProtobuf(Codec<?> codec) {
    return codec.mediaType().contains("protobuf") && !isText(codec);
  }

  /** Values whose text and numbers are where ill-formed output shows: every text, extreme and empty. */
  private List<T> telling() {
    List<T> values = new ArrayList<>(samples.generated(seed, 10));
    values.addAll(samples.emptyAndAbsent());
    values.addAll(samples.extremeNumbers());
    for (String text : CodecTck.TEXTS) {
      values.add(samples.withText(text));
    }
    return values;
  }

  // ---- CODEC-9.1 ----

  /** Every encoding a text codec writes, through both encode methods, decodes with a strict decoder of its charset. */
  void outputIsWellFormed(String rule) {
    List<T> values = telling();
    List<String> lenient = new ArrayList<>(CodecTck.AWKWARD_TEXTS);
    lenient.addAll(CodecTck.UNPAIRED);
    for (String text : lenient) {
      values.add(samples.withText(text));
    }
    for (T value : values) {
      byte[] array;
      try {
        array = codec.encode(value);
      } catch (CodecException refused) {
        continue; // CODEC-1.3 and 8.4 allow refusing text the format cannot carry
      }
      ByteArrayOutputStream streamed = new ByteArrayOutputStream();
      codec.encode(value, streamed);
      for (byte[] bytes : List.of(array, streamed.toByteArray())) {
        if (isText(codec)) {
          String problem = strictDecodeProblem(bytes);
          expect.that(problem == null, rule, "well-formed " + charsetOf(bytes).name() + " for " + value, problem);
        }
      }
    }
    if (isProtobuf(codec)) {
      // proto3 strings are UTF-8 on the wire: the encoding holds the text's UTF-8 bytes as they are
      for (String text : CodecTck.TEXTS) {
        byte[] bytes = codec.encode(samples.withText(text));
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        expect.that(indexOf(bytes, utf8) >= 0, rule, "the UTF-8 bytes " + HexFormat.of().formatHex(utf8) + " of a string field",
            HexFormat.of().formatHex(bytes));
      }
    }
  }

  /** Returns null when {@code bytes} decode strictly, else where and why they do not. */
  static String strictDecodeProblem(byte[] bytes) {
    Charset charset = charsetOf(bytes);
    try {
      charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return null;
    } catch (CharacterCodingException e) {
      int at = firstMalformed(bytes, charset);
      return e + " at byte " + at + ": " + HexFormat.of().formatHex(bytes, Math.max(0, at - 8), Math.min(bytes.length, at + 8));
    }
  }

  private static int firstMalformed(byte[] bytes, Charset charset) {
    for (int length = 1; length <= bytes.length; length++) {
      try {
        charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, 0, length));
      } catch (CharacterCodingException e) {
        if (!(e instanceof java.nio.charset.MalformedInputException) || length == bytes.length) {
          return length - 1;
        }
        // a sequence cut by the window is not yet an error; keep widening
      }
    }
    return bytes.length;
  }

  /** UTF-8 unless an XML declaration names another charset. */
  static Charset charsetOf(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 100), StandardCharsets.ISO_8859_1);
    Matcher declared = XML_ENCODING.matcher(head);
    if (declared.find()) {
      try {
        return Charset.forName(declared.group(1));
      } catch (RuntimeException unknown) {
        return StandardCharsets.UTF_8;
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  // ---- CODEC-9.2 ----

  /** decode(InputStream) on a stream that serves one byte per read and reports nothing available agrees with decode(byte[]). */
  void tricklingStreamsDecode(String rule) {
    for (T value : telling()) {
      byte[] bytes = codec.encode(value);
      Trickle in = new Trickle(bytes);
      Object decoded = attempt(() -> codec.decode(in));
      expect.that(value.equals(decoded), rule, value + " from a stream serving one byte per read()", describe(decoded));
      expect.that(in.position == bytes.length, rule, "the stream read to its end (" + bytes.length + " bytes)",
          in.position + " bytes read");
      expect.that(!in.closed, rule, "the stream left open", "the codec closed it");
    }
  }

  // ---- CODEC-9.3 ----

  /**
   * decode(InputStream), given a plain and a trickling stream, agrees with decode(byte[]) on valid
   * and invalid input alike: what the array decoder rejects, the stream decoder rejects.
   */
  void streamsAreAsStrictAsArrays(String rule, List<byte[]> inputs) {
    for (byte[] input : inputs) {
      Object fromArray = attempt(() -> codec.decode(input));
      Object plain = attempt(() -> codec.decode(new ByteArrayInputStream(input)));
      Object trickled = attempt(() -> codec.decode(new Trickle(input)));
      String what = describeInput(input);
      for (Object fromStream : Arrays.asList(plain, trickled)) {
        String which = fromStream == plain ? "a stream" : "a stream serving one byte per read()";
        if (fromArray instanceof CodecException) {
          expect.that(fromStream instanceof CodecException, rule, "CodecException from " + which + ", as decode(byte[]) throws, for " + what,
              describe(fromStream));
        } else {
          expect.that(Objects.equals(fromArray, fromStream), rule, "from " + which + " what decode(byte[]) gives (" + describe(fromArray)
              + ") for " + what, describe(fromStream));
        }
      }
    }
  }

  /** The inputs of 9.3: cuts of an encoding, trailing bytes, and the planted flaws of 8.3 and 8.4. */
  List<byte[]> invalidInputs(String marker) {
    List<byte[]> inputs = new ArrayList<>();
    byte[] own = codec.encode(samples.withText(marker));
    for (int cut = 0; cut < Math.min(own.length, 48); cut++) {
      inputs.add(Arrays.copyOf(own, cut));
    }
    inputs.addAll(withTrailing(own));
    String text = new String(own, StandardCharsets.UTF_8);
    if (codec.mediaType().contains("json")) {
      for (String invalid : HostileTexts.invalidJson(text)) {
        inputs.add(HostileTexts.utf8(invalid));
      }
    } else if (codec.mediaType().contains("xml")) {
      for (String invalid : HostileTexts.invalidXml(text, marker)) {
        inputs.add(HostileTexts.utf8(invalid));
      }
    }
    for (byte[] sequence : CodecTck.ILL_FORMED_UTF8) {
      byte[] padded = Arrays.copyOf(sequence, marker.length());
      Arrays.fill(padded, sequence.length, padded.length, (byte) 'A');
      byte[] planted = HostileTexts.overwrite(own, marker, padded);
      if (planted != null) {
        inputs.add(planted);
      }
    }
    return inputs;
  }

  // ---- CODEC-9.4 ----

  /** A complete encoding followed by bytes no encoding continues with: rejected by both decode methods. */
  void trailingBytesAreRejected(String rule) {
    for (T value : samples.generated(seed + 1, 3)) {
      byte[] own = codec.encode(value);
      for (byte[] input : withTrailing(own)) {
        String what = "a complete encoding followed by " + HexFormat.of().formatHex(input, own.length, Math.min(input.length, own.length + 16))
            + (input.length > own.length + 16 ? "..." : "");
        Object fromArray = attempt(() -> codec.decode(input));
        expect.that(fromArray instanceof CodecException, rule, "CodecException from decode(byte[]) for " + what, describe(fromArray));
        Object fromStream = attempt(() -> codec.decode(new ByteArrayInputStream(input)));
        expect.that(fromStream instanceof CodecException, rule, "CodecException from decode(InputStream) for " + what, describe(fromStream));
      }
    }
  }

  /**
   * Trailing bytes that continue no encoding: a zero byte, 0xFF and a field of wire type 7 in
   * every format; text after the value and a second copy of it in a text format. (A second
   * protobuf message is a valid encoding of the merged message, so it is not among them.)
   */
  private List<byte[]> withTrailing(byte[] own) {
    List<byte[]> tails = new ArrayList<>(List.of(new byte[] {0}, new byte[] {(byte) 0xFF}, new byte[] {0x0F}, new byte[] {0, 0, 0, 0}));
    if (isText(codec)) {
      tails.add(HostileTexts.utf8(" x"));
      tails.add(HostileTexts.utf8(codec.mediaType().contains("xml") ? "<x/>" : "}"));
      tails.add(own);
    }
    List<byte[]> inputs = new ArrayList<>();
    for (byte[] tail : tails) {
      byte[] input = Arrays.copyOf(own, own.length + tail.length);
      System.arraycopy(tail, 0, input, own.length, tail.length);
      inputs.add(input);
    }
    return inputs;
  }

  // ---- helpers ----

  private static Object attempt(java.util.concurrent.Callable<?> call) {
    try {
      return call.call();
    } catch (Throwable thrown) {
      return thrown;
    }
  }

  private static String describe(Object outcome) {
    if (outcome instanceof Throwable) {
      return "threw " + outcome;
    }
    return String.valueOf(outcome);
  }

  private static String describeInput(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return input.length + " bytes: " + (out.length() > 160 ? out.substring(0, 100) + "..." + out.substring(out.length() - 40) : out);
  }

  /** A stream that serves one byte per read, reports nothing available, and records its position and closing. */
  static final class Trickle extends InputStream {
    private final byte[] bytes;
    int position;
    boolean closed;

    Trickle(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (length == 0) {
        return 0;
      }
      if (position >= bytes.length) {
        return -1;
      }
      buffer[offset] = bytes[position++];
      return 1;
    }

    @Override
    public int available() {
      return 0;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
