package dev.trestle.tck.codec;

import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecException;
import dev.trestle.codec.CodecLimits;
import dev.trestle.tck.ConformanceKit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit for {@link Codec}: the rules {@code CODEC-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, return a fresh codec built with the given limits from
 * {@link #newCodec}, the values to encode from {@link #samples()} ({@link ModelSamples} for
 * Trestle's datasets) and your capabilities from {@link #features()}:
 *
 * <pre>{@code
 * class MyOrderCodecConformanceTest extends CodecTck<Order> {
 *   protected Codec<Order> newCodec(CodecLimits limits) { return new MyOrderCodec(limits); }
 *   protected CodecSamples<Order> samples() { return ModelSamples.of(Dataset.ORDER); }
 *   protected Set<CodecFeature> features() { return EnumSet.allOf(CodecFeature.class); }
 * }
 * }</pre>
 *
 * <p>Hostile inputs (deep nesting, huge length prefixes, XML entities) are given to every codec:
 * whatever the format, each must fail with {@link CodecException} and nothing else. XML codecs
 * (a media type containing {@code xml}) also get the XML attacks injected into a valid document
 * of their own making. "Quickly" means within {@link #hangGuard()}, and "bounded memory" means the
 * decoding thread allocates at most {@link #ALLOCATION_BOUND} bytes, measured with the JVM's
 * per-thread allocation counter where it has one. Each test creates its own codec.
 *
 * @param <T> the codec's value type
 */
public abstract class CodecTck<T> extends ConformanceKit<CodecFeature> {

  /** The most a decoding thread may allocate on one hostile input: 64 MiB. */
  public static final long ALLOCATION_BOUND = 64L << 20;
  /** The maxInputBytes the kit builds codecs with for rule CODEC-4.5: 64 KiB. */
  public static final int KIT_INPUT_LIMIT = 64 * 1024;

  private static final long SEED = 20_091_009L;
  private static final int THREADS = 4;
  private static final int DEPTH = 100_000;
  private static final int CONCURRENT_SAMPLES = 16;
  /** Each thread's share of CODEC-3.1: as many messages as make about 1 MB, from 32 to 256. */
  private static final long CONCURRENT_BYTES = 1L << 20;
  private static final int CUTS = 200;
  /** Texts that break codecs: surrogate pairs, combining marks, bidi, escapes, separators. */
  static final List<String> TEXTS = List.of(
      "plain ascii", "é ü ß ñ", "日本語のテキスト", "😀", "a😀b", "𝄞 clef", "👩‍👩‍👧‍👦 family", "🇫🇷 flag", "a\u0301 combining",
      "שלום עולם", "مرحبا", "tab\tnew\nline", "<tag attr=\"v\">&amp; 'quotes'</tag>", "back\\slash \"quoted\"",
      "\u2028 line and paragraph \u2029 separators", "\uFEFF byte order mark", "  leading and trailing  ",
      "]]> cdata end", "{\"json\": [1, 2]}", "\uD800\uDC00 first and last \uDBFF\uDFFF supplementary", "\uFFFD replacement");
  /** Texts some formats cannot carry (XML 1.0 has no U+0000, U+001F or U+FFFF): round-trip or CodecException on encode. */
  static final List<String> AWKWARD_TEXTS = List.of("nul \u0000", "unit separator \u001F", "noncharacter \uFFFF");

  private ExecutorService workers;

  /** For subclasses: a kit is abstract and runs through a subclass that supplies the codec. */
  protected CodecTck() {}

  /** Returns a new codec that enforces {@code limits}. */
  protected abstract Codec<T> newCodec(CodecLimits limits);

  /** Returns the values the kit encodes. */
  protected abstract CodecSamples<T> samples();

  @BeforeEach
  void startKit() {
    workers = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "tck-codec-worker");
      thread.setDaemon(true);
      return thread;
    });
  }

  @AfterEach
  void stopKit() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  private Codec<T> codec() {
    return implementation(newCodec(CodecLimits.defaults()));
  }

  @Override
  protected Object sampleImplementation() {
    return newCodec(CodecLimits.defaults());
  }

  // ---- 1. Round trips ----

  @Test
  @DisplayName("CODEC-1.1 100 generated samples decode to values equal to the ones encoded")
  void generatedSamplesRoundTrip() {
    expectRoundTrips("CODEC-1.1", codec(), samples().generated(SEED, 100));
  }

  @Test
  @DisplayName("CODEC-1.2 absent fields, empty strings and empty lists round-trip, and absent stays distinct from empty")
  void emptyAndAbsentRoundTrip() {
    expectRoundTrips("CODEC-1.2", codec(), samples().emptyAndAbsent());
  }

  @Test
  @DisplayName("CODEC-1.3 Unicode text round-trips exactly, surrogate pairs included; text the format cannot carry fails on encode with CodecException")
  void unicodeRoundTrips() {
    List<T> values = new ArrayList<>();
    for (String text : TEXTS) {
      values.add(samples().withText(text));
    }
    Codec<T> codec = codec();
    expectRoundTrips("CODEC-1.3", codec, values);
    for (String text : AWKWARD_TEXTS) {
      T value = samples().withText(text);
      Outcome<byte[]> encoded = outcomeOf(() -> codec.encode(value));
      if (encoded.failed()) {
        expect(encoded.failure() instanceof CodecException, "CODEC-1.3", "a round trip or a CodecException from encode", encoded);
      } else {
        Outcome<T> decoded = outcomeOf(() -> codec.decode(encoded.value()));
        expect(!decoded.failed() && value.equals(decoded.value()), "CODEC-1.3",
            "bytes it encoded to decode to " + value + " (or encode throws CodecException)", decoded);
      }
    }
  }

  @Test
  @DisplayName("CODEC-1.4 extreme numbers round-trip exactly: min, max, -0.0, NaN, infinities")
  void extremeNumbersRoundTrip() {
    expectRoundTrips("CODEC-1.4", codec(), samples().extremeNumbers());
  }

  private void expectRoundTrips(String rule, Codec<T> codec, List<T> values) {
    for (T value : values) {
      Outcome<T> decoded = outcomeOf(() -> codec.decode(codec.encode(value)));
      expect(!decoded.failed() && value.equals(decoded.value()), rule, value, decoded);
    }
  }

  // ---- 2. Streams ----

  @Test
  @DisplayName("CODEC-2.1 encoding into a stream writes exactly the bytes of encode(value) and leaves the stream open")
  void streamEncodingAgrees() {
    Codec<T> codec = codec();
    for (T value : samples().generated(SEED + 1, 30)) {
      byte[] bytes = codec.encode(value);
      ClosingProbe out = new ClosingProbe();
      codec.encode(value, out);
      expect(Arrays.equals(bytes, out.toByteArray()), "CODEC-2.1", bytes.length + " bytes equal to encode(value)",
          out.size() + " different bytes");
      expect(!out.closed, "CODEC-2.1", "the stream left open", "the codec closed it");
    }
  }

  @Test
  @DisplayName("CODEC-2.2 decoding from a stream returns what decoding the same bytes returns, reads it to its end and leaves it open")
  void streamDecodingAgrees() {
    Codec<T> codec = codec();
    for (T value : samples().generated(SEED + 2, 30)) {
      byte[] bytes = codec.encode(value);
      OpenProbe in = new OpenProbe(bytes);
      Outcome<T> decoded = outcomeOf(() -> codec.decode(in));
      expect(!decoded.failed() && value.equals(decoded.value()), "CODEC-2.2", value, decoded);
      expect(in.available() == 0, "CODEC-2.2", "the stream read to its end", in.available() + " bytes left");
      expect(!in.closed, "CODEC-2.2", "the stream left open", "the codec closed it");
    }
  }

  // ---- 3. Concurrency ----

  @Test
  @DisplayName("CODEC-3.1 one codec used by 4 threads at once gives the same bytes and values as used by one thread")
  void concurrentUseAgrees() throws Exception {
    Codec<T> codec = codec();
    List<T> values = samples().generated(SEED + 3, CONCURRENT_SAMPLES);
    List<byte[]> expected = new ArrayList<>();
    for (T value : values) {
      expected.add(codec.encode(value));
    }
    long bytes = 0;
    for (byte[] encoding : expected) {
      bytes += encoding.length;
    }
    int operations = (int) Math.max(32, Math.min(256, CONCURRENT_BYTES * values.size() / Math.max(1, bytes)));
    CyclicBarrier start = new CyclicBarrier(THREADS);
    AtomicReference<String> mismatch = new AtomicReference<>();
    List<Future<Object>> runs = new ArrayList<>();
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    for (int t = 0; t < THREADS; t++) {
      int offset = t;
      runs.add(workers.submit(() -> {
        start.await();
        for (int i = 0; i < operations && mismatch.get() == null; i++, done.incrementAndGet()) {
          int k = (i + offset * 5) % values.size();
          byte[] encoded = codec.encode(values.get(k));
          if (!Arrays.equals(encoded, expected.get(k))) {
            mismatch.compareAndSet(null, "encode of sample " + k + " gave " + encoded.length + " other bytes");
          }
          Outcome<T> decoded = outcomeOf(() -> codec.decode(expected.get(k)));
          if (decoded.failed() || !values.get(k).equals(decoded.value())) {
            mismatch.compareAndSet(null, "decode of sample " + k + " " + decoded);
          }
        }
        return null;
      }));
    }
    for (Future<Object> run : runs) {
      Outcome<Object> outcome = awaitCompletion(run, "CODEC-3.1", THREADS + " threads x " + operations + " encodes and decodes",
          done::get);
      expect(!outcome.failed(), "CODEC-3.1", "no failure", outcome);
    }
    expect(mismatch.get() == null, "CODEC-3.1", "every result equal to the single-threaded one", mismatch.get());
  }

  // ---- 4. Malformed and hostile input ----

  @Test
  @DisplayName("CODEC-4.1 every truncation of a valid encoding decodes to a value or throws CodecException, nothing else")
  void truncationsFailCleanly() {
    Codec<T> codec = codec();
    for (T value : samples().generated(SEED + 4, 3)) {
      byte[] bytes = codec.encode(value);
      // every cut in the first 64 bytes, then CUTS cuts spread over the rest
      int step = Math.max(1, (bytes.length - 64) / CUTS);
      for (int length = 0; length < bytes.length; length += length < 64 ? 1 : step) {
        expectValueOrCodecException("CODEC-4.1", codec, Arrays.copyOf(bytes, length), "the first " + length + " of " + bytes.length + " bytes");
      }
    }
  }

  @Test
  @DisplayName("CODEC-4.2 random bytes and random corruptions of valid encodings decode to a value or throw CodecException, nothing else")
  void randomInputFailsCleanly() {
    Codec<T> codec = codec();
    Random random = new Random(SEED);
    for (int i = 0; i < 500; i++) {
      byte[] noise = new byte[random.nextInt(300)];
      random.nextBytes(noise);
      expectValueOrCodecException("CODEC-4.2", codec, noise, "random bytes #" + i);
    }
    List<T> values = samples().generated(SEED + 5, 5);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = codec.encode(values.get(i % values.size())).clone();
      if (bytes.length == 0) {
        continue;
      }
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      expectValueOrCodecException("CODEC-4.2", codec, bytes, "corrupted encoding #" + i);
    }
  }

  private void expectValueOrCodecException(String rule, Codec<T> codec, byte[] input, String what) {
    Outcome<T> outcome = outcomeOf(() -> codec.decode(input));
    expect(!outcome.failed() || outcome.failure() instanceof CodecException, rule,
        "a value or a CodecException for " + what, outcome);
  }

  @Test
  @DisplayName("CODEC-4.3 nesting 100000 levels deep (JSON arrays and objects, XML elements, protobuf groups) throws CodecException quickly within bounded memory")
  void deepNestingFailsFast() {
    Codec<T> codec = codec();
    byte[] groups = new byte[DEPTH];
    Arrays.fill(groups, (byte) 0x7B); // protobuf: start group of field 15, never ended
    expectHostileRejected("CODEC-4.3", codec, ascii("[".repeat(DEPTH)), "JSON arrays");
    expectHostileRejected("CODEC-4.3", codec, ascii("{\"a\":".repeat(DEPTH)), "JSON objects");
    expectHostileRejected("CODEC-4.3", codec, ascii("[".repeat(DEPTH) + "]".repeat(DEPTH)), "closed JSON arrays");
    expectHostileRejected("CODEC-4.3", codec, ascii("<a>".repeat(DEPTH)), "XML elements");
    expectHostileRejected("CODEC-4.3", codec, groups, "protobuf groups");
    if (isXml(codec)) {
      expectHostileRejected("CODEC-4.3", codec, injectIntoOwnXml(codec, "", "<a>".repeat(DEPTH) + "</a>".repeat(DEPTH)),
          "XML elements inside a valid document");
    }
  }

  @Test
  @DisplayName("CODEC-4.4 a huge length prefix, string or number throws CodecException quickly without allocating it")
  void hugeDeclaredSizesFailFast() {
    Codec<T> codec = codec();
    for (int tag : new int[] {0x0A, 0x12, 0x1A, 0x7A}) { // length-delimited fields 1, 2, 3 and 15
      expectHostileRejected("CODEC-4.4", codec, new byte[] {(byte) tag, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1, 2, 3},
          "a length prefix of 2^31-1 on field tag " + tag);
    }
    expectHostileRejected("CODEC-4.4", codec, new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}, "a 10-byte varint length prefix");
    expectHostileRejected("CODEC-4.4", codec, ascii("{\"a\":\"" + "x".repeat(1 << 20)), "an unterminated 1 MiB JSON string");
    expectHostileRejected("CODEC-4.4", codec, ascii("[1" + "0".repeat(1 << 20) + "]"), "a JSON number of 1 MiB digits");
  }

  @Test
  @DisplayName("CODEC-4.5 an input over maxInputBytes throws CodecException, and an endless stream is abandoned soon after the limit")
  void inputLimitIsEnforced() {
    requireFeature(CodecFeature.INPUT_LIMIT);
    Codec<T> codec = newCodec(CodecLimits.builder().maxInputBytes(KIT_INPUT_LIMIT).build());
    byte[] tooLong = new byte[KIT_INPUT_LIMIT + 1];
    Arrays.fill(tooLong, (byte) ' ');
    Outcome<T> array = outcomeOf(() -> codec.decode(tooLong));
    expect(array.failure() instanceof CodecException, "CODEC-4.5", "CodecException for " + tooLong.length + " bytes", array);
    EndlessStream endless = new EndlessStream();
    Outcome<T> stream = guarded("CODEC-4.5", () -> codec.decode(endless), "an endless stream of spaces");
    expect(stream.failure() instanceof CodecException, "CODEC-4.5", "CodecException for an endless stream", stream);
    long bound = 2L * KIT_INPUT_LIMIT;
    expect(endless.served <= bound, "CODEC-4.5", "at most " + bound + " bytes read", endless.served + " bytes read");
  }

  // ---- 5. XML entities ----

  @TempDir
  Path temp;

  @Test
  @DisplayName("CODEC-5.1 an XML external entity is never resolved: the document fails or decodes without the entity's content")
  void externalEntitiesAreNotResolved() throws IOException {
    Codec<T> codec = codec();
    String secret = "SECRET-" + Long.toHexString(new Random().nextLong());
    Path file = Files.writeString(temp.resolve("secret.txt"), secret);
    String dtd = "<!DOCTYPE root [<!ENTITY xxe SYSTEM \"" + file.toUri() + "\">]>";
    byte[] attack = isXml(codec) ? injectIntoOwnXml(codec, dtd, "&xxe;") : ascii("<?xml version=\"1.0\"?>" + dtd + "<root>&xxe;</root>");
    Outcome<T> outcome = guarded("CODEC-5.1", () -> codec.decode(attack), "an external entity");
    expect(outcome.failed() ? outcome.failure() instanceof CodecException : !String.valueOf(outcome.value()).contains(secret),
        "CODEC-5.1", "a CodecException or a value without the file's content", outcome);
  }

  @Test
  @DisplayName("CODEC-5.2 an XML entity-expansion bomb throws CodecException quickly within bounded memory")
  void entityBombsFailFast() {
    Codec<T> codec = codec();
    StringBuilder dtd = new StringBuilder("<!DOCTYPE root [<!ENTITY lol0 \"lollollollollollollollollollol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    byte[] bomb = isXml(codec) ? injectIntoOwnXml(codec, dtd.toString(), "&lol9;") : ascii(dtd + "<root>&lol9;</root>");
    expectHostileRejected("CODEC-5.2", codec, bomb, "a billion-laughs entity bomb");
  }

  // ---- 6. Determinism ----

  @Test
  @DisplayName("CODEC-6.1 a deterministic codec encodes equal values to identical bytes, across calls and codec instances")
  void deterministicOutput() {
    requireFeature(CodecFeature.DETERMINISTIC);
    Codec<T> first = codec();
    Codec<T> second = codec();
    expect(first.deterministic(), "CODEC-6.1", "deterministic() true, as declared", false);
    for (T value : samples().generated(SEED + 6, 50)) {
      byte[] bytes = first.encode(value);
      T copy = first.decode(bytes);
      expect(Arrays.equals(bytes, first.encode(value)) && Arrays.equals(bytes, second.encode(value))
          && Arrays.equals(bytes, second.encode(copy)), "CODEC-6.1", "identical bytes for equal values", "different bytes for " + value);
    }
  }

  // ---- 7. Arguments and description ----

  @Test
  @DisplayName("CODEC-7.1 a null value, array or stream throws NullPointerException, never a CodecException")
  void nullArgumentsAreRejected() {
    Codec<T> codec = codec();
    T value = samples().generated(SEED, 1).get(0);
    List<Callable<Object>> calls = List.of(() -> codec.encode(null), () -> {
      codec.encode(null, new ByteArrayOutputStream());
      return null;
    }, () -> {
      codec.encode(value, null);
      return null;
    }, () -> codec.decode((byte[]) null), () -> codec.decode((InputStream) null));
    for (int i = 0; i < calls.size(); i++) {
      Outcome<Object> outcome = outcomeOf(calls.get(i));
      expect(outcome.failure() instanceof NullPointerException, "CODEC-7.1", "NullPointerException from call " + (i + 1), outcome);
    }
  }

  @Test
  @DisplayName("CODEC-7.2 name() is not blank and mediaType() is a type/subtype media type")
  void describesItself() {
    Codec<T> codec = codec();
    expect(codec.name() != null && !codec.name().isBlank(), "CODEC-7.2", "a name", codec.name());
    expect(codec.mediaType() != null && codec.mediaType().matches("[a-z]+/[a-zA-Z0-9.+-]+"), "CODEC-7.2", "type/subtype",
        codec.mediaType());
  }

  // ---- 8. Superlinear input, root element, strictness, Unicode ----

  /** CODEC-8.1: the smaller of the two sizes of each long-number input; the larger is four times it. */
  static final int LINEAR_SIZE = 16 * 1024;
  /** CODEC-8.1: a decode of the larger input within this much CPU time passes whatever the ratio. */
  static final long LINEAR_FLOOR_NANOS = 25_000_000L;
  /** CODEC-8.1: the most the larger input may cost relative to the smaller (linear: 4, quadratic: 16). */
  static final int LINEAR_RATIO = 10;
  static final String MARKER = "TRESTLEMARKER";

  @Test
  @DisplayName("CODEC-8.1 a long number (16 KiB and 64 KiB of digits, bare, in JSON, in place of each number of a valid encoding) decodes or fails in time linear in its size")
  void longNumbersCostLinearTime() {
    Codec<T> codec = codec();
    byte[] own = codec.encode(samples().generated(SEED + 8, 1).get(0));
    java.util.Map<String, java.util.function.IntFunction<byte[]>> inputs = new java.util.LinkedHashMap<>();
    inputs.put("bare digits", n -> HostileTexts.utf8(HostileTexts.digits(n)));
    inputs.put("a JSON array of one number", n -> HostileTexts.utf8("[" + HostileTexts.digits(n) + "]"));
    inputs.put("a JSON member", n -> HostileTexts.utf8("{\"a\":" + HostileTexts.digits(n) + "}"));
    inputs.put("a JSON string member", n -> HostileTexts.utf8("{\"a\":\"" + HostileTexts.digits(n) + "\"}"));
    int runs = HostileTexts.withLongNumbers(own, "1", 6).size();
    for (int k = 0; k < runs; k++) {
      int run = k;
      inputs.put("digit run #" + (k + 1) + " of its own encoding made long", n -> HostileTexts.withLongNumbers(own, HostileTexts.digits(n), run + 1).get(run));
    }
    for (java.util.Map.Entry<String, java.util.function.IntFunction<byte[]>> input : inputs.entrySet()) {
      byte[] large = input.getValue().apply(4 * LINEAR_SIZE);
      long largeNanos = cpuNanos(codec, large, input.getKey());
      if (largeNanos <= LINEAR_FLOOR_NANOS) {
        continue;
      }
      byte[] small = input.getValue().apply(LINEAR_SIZE);
      long smallNanos = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        smallNanos = Math.min(smallNanos, cpuNanos(codec, small, input.getKey()));
        largeNanos = Math.min(largeNanos, cpuNanos(codec, large, input.getKey()));
      }
      expect(largeNanos <= LINEAR_FLOOR_NANOS || largeNanos <= LINEAR_RATIO * Math.max(smallNanos, 1_000_000L), "CODEC-8.1",
          input.getKey() + " of " + large.length + " bytes at most " + LINEAR_RATIO + "x the time of " + small.length + " bytes (or within "
              + LINEAR_FLOOR_NANOS / 1_000_000 + " ms)",
          String.format(java.util.Locale.ROOT, "%.1f ms against %.1f ms", largeNanos / 1e6, smallNanos / 1e6));
    }
  }

  /** Decodes {@code input} on a worker within the hang guard and returns the CPU time it took; a value or a CodecException. */
  private long cpuNanos(Codec<T> codec, byte[] input, String what) {
    Future<Object[]> run = workers.submit(() -> {
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      boolean cpu = threads.isCurrentThreadCpuTimeSupported();
      long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
      Outcome<T> outcome = outcomeOf(() -> codec.decode(input));
      long end = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
      return new Object[] {outcome, end - start};
    });
    Outcome<Object[]> done = awaitOutcome(run, "CODEC-8.1", "decoding " + what + " of " + input.length + " bytes to end");
    if (done.failed()) {
      throw violation("CODEC-8.1", "decoding " + what + " to end", done);
    }
    @SuppressWarnings("unchecked")
    Outcome<T> outcome = (Outcome<T>) done.value()[0];
    expect(!outcome.failed() || outcome.failure() instanceof CodecException, "CODEC-8.1", "a value or a CodecException for " + what, outcome);
    return (Long) done.value()[1];
  }

  @Test
  @DisplayName("CODEC-8.2 a document whose root is not the model's (another XML root element, a DOCTYPE and <root/>; a JSON value that is not an object) throws CodecException")
  void foreignRootsAreRejected() {
    Codec<T> codec = codec();
    List<String> foreign = new ArrayList<>();
    String own = new String(codec.encode(samples().generated(SEED + 9, 1).get(0)), StandardCharsets.UTF_8);
    if (isXml(codec)) {
      java.util.regex.Matcher root = java.util.regex.Pattern.compile("^(<\\?xml[^>]*\\?>)?\\s*<([A-Za-z_][\\w.-]*)").matcher(own);
      expect(root.find(), "CODEC-8.2", "a root element in the codec's own XML", own);
      String name = root.group(2);
      String renamed = own.replaceFirst("<" + name + "(?=[\\s/>])", "<Foreign" + name);
      int end = renamed.lastIndexOf("</" + name + ">");
      if (end >= 0) {
        renamed = renamed.substring(0, end) + "</Foreign" + name + ">" + renamed.substring(end + name.length() + 3);
      }
      foreign.addAll(List.of(renamed, "<!DOCTYPE root><root/>", "<root/>", "<?xml version=\"1.0\"?><root></root>"));
    } else if (isJson(codec)) {
      foreign.addAll(List.of("[" + own + "]", "[]", "\"" + MARKER + "\"", "1", "true", "false", "null"));
    } else {
      org.junit.jupiter.api.Assumptions.abort(implementationName() + " writes " + codec.mediaType() + ", a format without a root element or value");
    }
    for (String text : foreign) {
      Outcome<T> outcome = outcomeOf(() -> codec.decode(HostileTexts.utf8(text)));
      expect(outcome.failure() instanceof CodecException, "CODEC-8.2", "CodecException for " + printable(text), outcome);
    }
  }

  @Test
  @DisplayName("CODEC-8.3 invalid syntax of a text format, planted into a valid encoding of its own (JSON: trailing data, comments, quotes, separators, duplicate names, bad numbers; XML: well-formedness errors), throws CodecException")
  void invalidSyntaxIsRejected() {
    Codec<T> codec = codec();
    String own = new String(codec.encode(samples().withText(MARKER)), StandardCharsets.UTF_8);
    List<String> invalid = new ArrayList<>();
    if (isJson(codec)) {
      invalid.addAll(HostileTexts.invalidJson(own));
      invalid.addAll(HostileTexts.NOT_JSON);
    } else if (isXml(codec)) {
      invalid.addAll(HostileTexts.invalidXml(own, MARKER));
    } else {
      org.junit.jupiter.api.Assumptions.abort(implementationName() + " writes " + codec.mediaType() + ", not a text format");
    }
    for (String text : invalid) {
      if (text.equals(own)) {
        continue;
      }
      Outcome<T> outcome = outcomeOf(() -> codec.decode(HostileTexts.utf8(text)));
      expect(outcome.failure() instanceof CodecException, "CODEC-8.3", "CodecException for " + printable(text), outcome);
    }
  }

  /** Ill-formed UTF-8, each padded with 'A' to the length of {@link #MARKER}. */
  static final List<byte[]> ILL_FORMED_UTF8 = List.of(bytes(0xC0, 0xAF), bytes(0xE0, 0x80, 0xAF), bytes(0xF0, 0x80, 0x80, 0xAF),
      bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0x80), bytes(0xE2, 0x82),
      bytes(0xFE), bytes(0xFF), bytes(0xF8, 0x88, 0x80, 0x80, 0x80));
  /** Unpaired surrogates: lone high, lone low, reversed, high before a non-surrogate. */
  static final List<String> UNPAIRED = List.of("a\uD800b", "a\uDC00b", "a\uD800", "\uDC00\uD800", "a\uD800\uD800\uDC00");

  @Test
  @DisplayName("CODEC-8.4 ill-formed text (overlong, surrogate or too-large UTF-8, cut sequences, unpaired surrogate escapes or values) throws CodecException or becomes U+FFFD, in both directions; never passed through")
  void illFormedTextIsNeverPassedThrough() {
    Codec<T> codec = codec();
    byte[] own = codec.encode(samples().withText(MARKER));
    for (byte[] sequence : ILL_FORMED_UTF8) {
      byte[] padded = java.util.Arrays.copyOf(sequence, MARKER.length());
      java.util.Arrays.fill(padded, sequence.length, padded.length, (byte) 'A');
      byte[] planted = HostileTexts.overwrite(own, MARKER, padded);
      expect(planted != null, "CODEC-8.4", "the marker text in the codec's own encoding", java.util.Arrays.toString(own));
      expectRejectedOrReplaced(codec, planted, "ill-formed UTF-8 " + java.util.HexFormat.of().formatHex(sequence));
    }
    if (isJson(codec)) {
      String text = new String(own, StandardCharsets.UTF_8);
      for (String escape : List.of("\\uD800", "\\uDC00", "\\uDC00\\uD800", "\\uD800\\uD800", "\\uD800x", "a\\uDFFF")) {
        expectRejectedOrReplaced(codec, HostileTexts.utf8(text.replace(MARKER, escape)), "the escape " + escape);
      }
    }
    for (String text : UNPAIRED) {
      T value = samples().withText(text);
      Outcome<byte[]> encoded = outcomeOf(() -> codec.encode(value));
      if (encoded.failed()) {
        expect(encoded.failure() instanceof CodecException, "CODEC-8.4", "CodecException from encoding an unpaired surrogate", encoded);
      } else {
        expectRejectedOrReplaced(codec, encoded.value(), "its own encoding of " + printable(text));
      }
    }
  }

  private void expectRejectedOrReplaced(Codec<T> codec, byte[] input, String what) {
    Outcome<T> outcome = outcomeOf(() -> codec.decode(input));
    if (outcome.failed()) {
      expect(outcome.failure() instanceof CodecException, "CODEC-8.4", "CodecException or U+FFFD for " + what, outcome);
    } else {
      String text = String.valueOf(outcome.value());
      expect(text.indexOf('\uFFFD') >= 0 && HostileTexts.unpairedSurrogate(text) < 0, "CODEC-8.4",
          "CodecException or U+FFFD in place of " + what, printable(text));
    }
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return out.length() > 200 ? out.substring(0, 120) + "..." + out.substring(out.length() - 60) : out.toString();
  }

  private static boolean isJson(Codec<?> codec) {
    return codec.mediaType().contains("json");
  }

  // ---- 9. Output text, stream variants, trailing bytes ----

  private CodecOutputChecks<T> outputChecks(Codec<T> codec) {
    return new CodecOutputChecks<>(codec, samples(), this::expect, SEED + 10);
  }

  @Test
  @DisplayName("CODEC-9.1 what a text codec writes (both encode methods; astral, awkward and unpaired-surrogate text included) decodes with a strict decoder of its charset; a protobuf string is its UTF-8 bytes")
  void outputIsWellFormedText() {
    Codec<T> codec = codec();
    if (!CodecOutputChecks.isText(codec) && !CodecOutputChecks.isProtobuf(codec)) {
      org.junit.jupiter.api.Assumptions.abort(implementationName() + " writes " + codec.mediaType() + ", a format whose text the kit cannot find");
    }
    outputChecks(codec).outputIsWellFormed("CODEC-9.1");
  }

  @Test
  @DisplayName("CODEC-9.2 decode(InputStream) works on a stream that serves one byte per read and reports available() 0: the same values as decode(byte[]), read to its end, left open")
  void tricklingStreamsDecode() {
    outputChecks(codec()).tricklingStreamsDecode("CODEC-9.2");
  }

  @Test
  @DisplayName("CODEC-9.3 decode(InputStream) is as strict as decode(byte[]): cuts, trailing bytes and the invalid inputs of 8.3 and 8.4, through a plain and a trickling stream, get the same value or a CodecException")
  void streamsAreAsStrictAsArrays() {
    CodecOutputChecks<T> checks = outputChecks(codec());
    checks.streamsAreAsStrictAsArrays("CODEC-9.3", checks.invalidInputs(MARKER));
  }

  @Test
  @DisplayName("CODEC-9.4 a complete encoding followed by trailing bytes (a zero byte, 0xFF, a wire-type-7 tag; text, a second value) throws CodecException from both decode methods")
  void trailingBytesAreRejected() {
    outputChecks(codec()).trailingBytesAreRejected("CODEC-9.4");
  }

  // ---- helpers ----

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isXml(Codec<?> codec) {
    return codec.mediaType().contains("xml");
  }

  /**
   * Returns a valid document of the codec's own, with {@code doctype} placed before its root and a
   * marker string field replaced by {@code payload}.
   */
  private byte[] injectIntoOwnXml(Codec<T> codec, String doctype, String payload) {
    String marker = "TRESTLEMARKER";
    String xml = new String(codec.encode(samples().withText(marker)), StandardCharsets.UTF_8);
    int at = xml.indexOf(marker);
    expect(at >= 0, "CODEC-5.1", "the marker text in the codec's own XML", xml);
    int root = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
    return ascii(xml.substring(0, root) + doctype + xml.substring(root, at) + payload + xml.substring(at + marker.length()));
  }

  private void expectHostileRejected(String rule, Codec<T> codec, byte[] input, String what) {
    Outcome<T> outcome = guarded(rule, () -> codec.decode(input), what);
    expect(outcome.failure() instanceof CodecException, rule, "CodecException for " + what, outcome);
  }

  /** Runs {@code decode} on a worker, within the hang guard and the allocation bound. */
  private Outcome<T> guarded(String rule, Callable<T> decode, String what) {
    Future<Object[]> run = workers.submit(() -> {
      long before = allocatedBytes();
      Outcome<T> outcome = outcomeOf(decode);
      long after = allocatedBytes();
      return new Object[] {outcome, before < 0 || after < 0 ? -1L : after - before};
    });
    Outcome<Object[]> done = awaitOutcome(run, rule, "decoding " + what + " to end");
    if (done.failed()) {
      throw violation(rule, "decoding " + what + " to end", done);
    }
    @SuppressWarnings("unchecked")
    Outcome<T> outcome = (Outcome<T>) done.value()[0];
    long allocated = (Long) done.value()[1];
    expect(allocated <= ALLOCATION_BOUND, rule, "at most " + ALLOCATION_BOUND + " bytes allocated decoding " + what,
        allocated + " bytes");
    return outcome;
  }

  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (threads instanceof com.sun.management.ThreadMXBean) {
      com.sun.management.ThreadMXBean counting = (com.sun.management.ThreadMXBean) threads;
      if (counting.isThreadAllocatedMemorySupported() && counting.isThreadAllocatedMemoryEnabled()) {
        return counting.getCurrentThreadAllocatedBytes();
      }
    }
    return -1;
  }

  /** An output stream that records being closed. */
  private static final class ClosingProbe extends ByteArrayOutputStream {
    volatile boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  /** An input stream that records being closed. */
  private static final class OpenProbe extends ByteArrayInputStream {
    volatile boolean closed;

    OpenProbe(byte[] bytes) {
      super(bytes);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** An input stream of spaces that never ends, counting what it serves. */
  private static final class EndlessStream extends InputStream {
    volatile long served;

    @Override
    public int read() {
      served++;
      return ' ';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      Arrays.fill(buffer, offset, offset + length, (byte) ' ');
      served += length;
      return length;
    }
  }
}
