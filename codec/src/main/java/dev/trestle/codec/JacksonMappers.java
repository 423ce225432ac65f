package dev.trestle.codec;

import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * Jackson mappers configured for safety: limits on size, depth and number length, no DTDs, no
 * external entities, duplicate JSON names rejected, unpaired surrogates refused on encode (XML:
 * Woodstox refuses them itself). Jackson's JSON reader is strict RFC 8259 by default (no comments,
 * single quotes, leading zeros, {@code NaN}); trailing content is rejected.
 */
final class JacksonMappers {

  private JacksonMappers() {}

  static StreamReadConstraints constraints(CodecLimits limits) {
    // No maxDocumentLength: every decode path checks maxInputBytes before Jackson sees a byte.
    return StreamReadConstraints.builder()
        .maxNestingDepth(limits.maxDepth())
        .maxStringLength(limits.maxInputBytes())
        .maxNameLength(Math.min(limits.maxInputBytes(), StreamReadConstraints.DEFAULT_MAX_NAME_LEN))
        .maxNumberLength(limits.maxNumberLength())
        .build();
  }

  static ObjectMapper json(CodecLimits limits) {
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints(limits))
        // a character outside the BMP as its 4-byte UTF-8, not as a 12-byte pair of escaped surrogates
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        // a name given twice is an error, not "the last one wins": two readers must agree on a document
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .addDecorator(WellFormedTextGenerator.DECORATOR)
        .build();
    return configure(JsonMapper.builder(factory), limits).build();
  }

  static XmlMapper xml(CodecLimits limits) {
    XMLInputFactory in = new WstxInputFactory();
    // No DTD processing at all: a DOCTYPE's entities are never declared, so &xxe; and entity bombs fail.
    in.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    in.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external entity " + systemId + " refused: the codec resolves no external entities");
    });
    in.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxDepth());
    in.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxInputBytes());
    in.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxInputBytes());
    in.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1); // its least: with no DTD none is ever declared anyway
    XMLOutputFactory output = new WstxOutputFactory();
    // A character XML 1.0 cannot carry (U+0000, U+FFFF, ...) fails the encode instead of writing a
    // document that no parser accepts.
    output.setProperty(WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER, InvalidCharHandler.FailingHandler.getInstance());
    XmlFactory factory = XmlFactory.builder()
        .xmlInputFactory(in)
        .xmlOutputFactory(output)
        .streamReadConstraints(constraints(limits))
        .build();
    XmlMapper.Builder builder = XmlMapper.builder(factory).defaultUseWrapper(true);
    configure(builder, limits);
    return builder.build();
  }

  private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B builder, CodecLimits limits) {
    return builder
        .addModule(NumberText.module(limits)) // numbers given as text are held to maxNumberLength too
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        // an application's own type may hold maps: entries sorted by key keep the encoding deterministic
        .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
  }
}
