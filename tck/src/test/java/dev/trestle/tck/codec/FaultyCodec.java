package dev.trestle.tck.codec;

import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecException;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.model.MediaContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;

/**
 * A Jackson codec of {@link MediaContent} with one deliberate fault, or none, for the kit's
 * self-test. Without a fault it meets every rule the broken ones are checked against.
 */
final class FaultyCodec implements Codec<MediaContent> {

  /** The faults, each breaking one part of the codec contract. */
  enum Fault {
    /** Replaces every character outside the BMP (a surrogate pair) with '?', as a UCS-2-only writer would. */
    MANGLES_SURROGATES,
    /** Leaves out empty strings and lists as well as nulls, so "" comes back as null. */
    CONFUSES_EMPTY_WITH_ABSENT,
    /** Encodes through one unsynchronized buffer shared by all calls. */
    SHARES_BUFFER,
    /** Lets the parser's own exception escape (wrapped in UncheckedIOException) instead of CodecException. */
    LEAKS_PARSER_EXCEPTION,
    /** An XML codec whose parser supports DTDs and resolves external entities. */
    FOLLOWS_EXTERNAL_ENTITIES
  }

  private final Fault fault;
  private final boolean xml;
  private final ObjectMapper mapper;
  private final CodecLimits limits;
  private final SharedBuffer shared = new SharedBuffer();

  FaultyCodec(Fault fault, boolean xml, CodecLimits limits) {
    this.fault = fault;
    this.xml = xml || fault == Fault.FOLLOWS_EXTERNAL_ENTITIES;
    this.limits = limits;
    StreamReadConstraints constraints = StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth())
        .maxDocumentLength(limits.maxInputBytes()).build();
    JsonInclude.Include inclusion = fault == Fault.CONFUSES_EMPTY_WITH_ABSENT ? JsonInclude.Include.NON_EMPTY
        : JsonInclude.Include.NON_NULL;
    if (this.xml) {
      XMLInputFactory in = new WstxInputFactory();
      boolean follows = fault == Fault.FOLLOWS_EXTERNAL_ENTITIES;
      in.setProperty(XMLInputFactory.SUPPORT_DTD, follows);
      in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, follows);
      XmlFactory factory = XmlFactory.builder().xmlInputFactory(in).streamReadConstraints(constraints).build();
      this.mapper = XmlMapper.builder(factory).defaultPropertyInclusion(JsonInclude.Value.construct(inclusion, inclusion))
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE).build();
    } else {
      JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints)
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
      this.mapper = JsonMapper.builder(factory).defaultPropertyInclusion(JsonInclude.Value.construct(inclusion, inclusion))
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE).build();
    }
  }

  @Override
  public byte[] encode(MediaContent value) {
    Objects.requireNonNull(value, "value");
    try {
      byte[] bytes;
      if (fault == Fault.SHARES_BUFFER) {
        shared.reset();
        mapper.writeValue(shared, value);
        bytes = shared.toByteArray();
      } else {
        bytes = mapper.writeValueAsBytes(value);
      }
      if (fault == Fault.MANGLES_SURROGATES) {
        StringBuilder mangled = new StringBuilder();
        new String(bytes, StandardCharsets.UTF_8).codePoints().forEach(c -> mangled.appendCodePoint(c > 0xFFFF ? '?' : c));
        bytes = mangled.toString().getBytes(StandardCharsets.UTF_8);
      }
      return bytes;
    } catch (IOException e) {
      throw new CodecException("cannot encode", e);
    }
  }

  @Override
  public void encode(MediaContent value, OutputStream out) {
    Objects.requireNonNull(out, "out");
    byte[] bytes = encode(value);
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new CodecException("cannot write", e);
    }
  }

  @Override
  public MediaContent decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > limits.maxInputBytes()) {
      throw new CodecException("over maxInputBytes");
    }
    try {
      MediaContent value = mapper.readValue(bytes, MediaContent.class);
      if (value == null) {
        throw new CodecException("null");
      }
      return value;
    } catch (IOException e) {
      if (fault == Fault.LEAKS_PARSER_EXCEPTION) {
        throw new UncheckedIOException(e);
      }
      throw new CodecException("cannot decode", e);
    } catch (RuntimeException e) {
      if (e instanceof CodecException || fault == Fault.LEAKS_PARSER_EXCEPTION) {
        throw e;
      }
      throw new CodecException("cannot decode", e);
    }
  }

  @Override
  public MediaContent decode(InputStream in) {
    Objects.requireNonNull(in, "in");
    byte[] buffer = new byte[8192];
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    try {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, read);
        if (all.size() > limits.maxInputBytes()) {
          throw new CodecException("over maxInputBytes");
        }
      }
    } catch (IOException e) {
      throw new CodecException("cannot read", e);
    }
    return decode(all.toByteArray());
  }

  @Override
  public String mediaType() {
    return xml ? "application/xml" : "application/json";
  }

  @Override
  public String name() {
    return "faulty-" + (xml ? "xml" : "json");
  }

  @Override
  public boolean deterministic() {
    return true;
  }

  @Override
  public String toString() {
    return "FaultyCodec(" + fault + ")";
  }

  /** A growable byte buffer with no synchronization at all, unlike ByteArrayOutputStream. */
  private static final class SharedBuffer extends OutputStream {
    private byte[] data = new byte[256];
    private int count;

    void reset() {
      count = 0;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (count + length > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, count + length));
      }
      System.arraycopy(bytes, offset, data, count, length);
      count += length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(data, count);
    }
  }
}
