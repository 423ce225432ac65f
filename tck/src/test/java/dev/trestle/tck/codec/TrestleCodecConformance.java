package dev.trestle.tck.codec;

import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Codecs;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import java.util.EnumSet;
import java.util.Set;

/** The kit run against one of Trestle's codecs: a format over a dataset, every capability declared. */
abstract class TrestleCodecConformance<T> extends CodecTck<T> {

  private final Format format;
  private final Dataset<T> dataset;

  TrestleCodecConformance(Format format, Dataset<T> dataset) {
    this.format = format;
    this.dataset = dataset;
  }

  @Override
  protected Codec<T> newCodec(CodecLimits limits) {
    return Codecs.of(format, dataset, limits);
  }

  @Override
  protected CodecSamples<T> samples() {
    return ModelSamples.of(dataset);
  }

  @Override
  protected Set<CodecFeature> features() {
    return EnumSet.allOf(CodecFeature.class);
  }

  @Override
  protected String implementationName() {
    return "Trestle " + format.codecName() + " codec of " + dataset.name();
  }
}
