package dev.trestle.tck.codec;

import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.model.MediaContent;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The peer Jackson XML, {@code new XmlMapper()} as is, on MediaContent. It writes an absent string
 * as an empty element and reads it back as "", so every rule that round-trips a value with an
 * absent field is excused (1.1 to 1.4, 3.1, 6.1), as are 2.1 and 2.2 (it closes streams); all are
 * listed in {@link JacksonDefaultsDivergenceTest#XML_DEVIATIONS} and shown to fail there. It has no
 * size limit (4.5 skipped). It passes the 8 safety and description rules: it neither resolves
 * external entities nor expands entity bombs by default.
 */
class JacksonXmlDefaultsConformanceTest extends CodecTck<MediaContent> {

  @Override
  protected Codec<MediaContent> newCodec(CodecLimits limits) {
    return new JacksonDefaultsCodec<>(new XmlMapper(), MediaContent.class, "application/xml");
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
    return JacksonDefaultsDivergenceTest.XML_DEVIATIONS;
  }
}
