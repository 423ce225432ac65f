package dev.trestle.tck.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.model.MediaContent;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The peer Jackson JSON, {@code new ObjectMapper()} as is, on MediaContent. It has no input-size
 * limit by default (INPUT_LIMIT not declared, CODEC-4.5 skipped) and closes the streams it is given
 * (AUTO_CLOSE_TARGET and AUTO_CLOSE_SOURCE are on by default), so CODEC-2.1 and 2.2 are excused;
 * {@link JacksonDefaultsDivergenceTest} shows both fail; so are CODEC-8.3 (trailing data is ignored) and
 * 8.4 (overlong UTF-8 is decoded), shown the same way. It passes the other 16 rules, the hostile
 * inputs included (its default nesting limit is 1000).
 */
class JacksonJsonDefaultsConformanceTest extends CodecTck<MediaContent> {

  @Override
  protected Codec<MediaContent> newCodec(CodecLimits limits) {
    return new JacksonDefaultsCodec<>(new ObjectMapper(), MediaContent.class, "application/json");
  }

  @Override
  protected CodecSamples<MediaContent> samples() {
    return ModelSamples.of(Dataset.MEDIA_CONTENT);
  }

  @Override
  protected Set<CodecFeature> features() {
    return EnumSet.of(CodecFeature.DETERMINISTIC);
  }

  @Override
  protected Map<String, String> knownDeviations() {
    return JacksonDefaultsDivergenceTest.JSON_DEVIATIONS;
  }
}
