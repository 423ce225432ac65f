package dev.trestle.benchmarks.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.trestle.codec.Codec;
import dev.trestle.codec.Codecs;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MediaContent;
import dev.trestle.codec.proto.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Trestle's codec adds over calling the library directly, on MediaContent: {@code trestle-json}
 * vs {@code jackson-direct} (an ObjectMapper with the same output settings, {@code writeValueAsBytes}
 * and {@code readValue}), and {@code trestle-protobuf} vs {@code protobuf-direct} (a hand mapping to
 * the generated classes, {@code toByteArray} and {@code parseFrom}). The target: at most 5% more
 * time per message.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar codec.OverheadBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s -t 2 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class OverheadBenchmark {

  @Param({"trestle-json", "jackson-direct", "trestle-protobuf", "protobuf-direct"})
  public String impl;

  private Codec<MediaContent> codec;
  private ObjectMapper mapper;
  private MediaContent[] values;
  private byte[][] encoded;

  /** Each thread walks the samples on its own. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup
  public void setUp() {
    mapper = JsonMapper.builder().defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    codec = Codecs.of(impl.equals("trestle-json") || impl.equals("jackson-direct") ? Format.JSON : Format.PROTOBUF, Dataset.MEDIA_CONTENT);
    values = Dataset.MEDIA_CONTENT.generate(CodecBenchmarkState.SEED, CodecBenchmarkState.SAMPLES).toArray(new MediaContent[0]);
    encoded = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      encoded[i] = codec.encode(values[i]);
    }
  }

  @Benchmark
  public byte[] encode(Cursor cursor) throws IOException {
    MediaContent value = values[cursor.next++ & (CodecBenchmarkState.SAMPLES - 1)];
    switch (impl) {
      case "jackson-direct": return mapper.writeValueAsBytes(value);
      case "protobuf-direct": return DirectMediaContent.toMessage(value).toByteArray();
      default: return codec.encode(value);
    }
  }

  @Benchmark
  public MediaContent decode(Cursor cursor) {
    byte[] bytes = encoded[cursor.next++ & (CodecBenchmarkState.SAMPLES - 1)];
    try {
      switch (impl) {
        case "jackson-direct": return mapper.readValue(bytes, MediaContent.class);
        case "protobuf-direct": return DirectMediaContent.fromMessage(Wire.MediaContent.parseFrom(bytes));
        default: return codec.decode(bytes);
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
