package dev.trestle.benchmarks.codec;

import dev.trestle.codec.Codec;
import dev.trestle.codec.Codecs;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import java.util.List;

/** The codec and the samples of one (format, dataset) pair, shared by the encode and decode benchmarks. */
final class CodecBenchmarkState {

  /** Samples per dataset: enough that branch prediction does not learn one message. */
  static final int SAMPLES = 64;
  static final long SEED = 8L;

  private CodecBenchmarkState() {}

  static Format format(String name) {
    for (Format format : Format.values()) {
      if (format.codecName().equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("format must be one of json, xml, protobuf, protobuf-json but was " + name);
  }

  @SuppressWarnings("unchecked")
  static Codec<Object> codec(String format, String dataset) {
    return Codecs.of(format(format), (Dataset<Object>) Dataset.named(dataset));
  }

  @SuppressWarnings("unchecked")
  static Object[] samples(String dataset) {
    List<Object> values = ((Dataset<Object>) Dataset.named(dataset)).generate(SEED, SAMPLES);
    return values.toArray();
  }
}
