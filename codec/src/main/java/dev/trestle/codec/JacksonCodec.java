package dev.trestle.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A codec over a configured Jackson mapper (JSON or XML); see {@link JacksonMappers}. Before
 * Jackson reads a byte, JSON is screened ({@link JsonScreen}: well-formed UTF-8, paired surrogate
 * escapes, number tokens within {@code maxNumberLength}) and XML must be well-formed UTF-8; an XML
 * document must have the type's root element ({@link XmlRoot}).
 */
final class JacksonCodec<T> implements Codec<T> {

  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final CodecLimits limits;
  private final String name;
  private final String mediaType;
  private final boolean xml;
  private final XmlRoot root;

  JacksonCodec(ObjectMapper mapper, Class<T> type, CodecLimits limits, Format format) {
    this.reader = mapper.readerFor(Objects.requireNonNull(type, "type"));
    this.writer = mapper.writerFor(type);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.name = format.codecName();
    this.mediaType = format.mediaType();
    this.xml = format == Format.XML;
    this.root = xml ? new XmlRoot((com.fasterxml.jackson.dataformat.xml.XmlMapper) mapper, type, limits) : null;
  }

  @Override
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    byte[] bytes;
    try {
      bytes = writer.writeValueAsBytes(value);
    } catch (IOException | RuntimeException e) {
      rethrowOwn(e);
      throw new CodecException(name + ": cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    if (xml) {
      int disallowed = XmlCharacters.firstDisallowedReference(bytes);
      if (disallowed >= 0) {
        throw new CodecException(name + ": cannot encode " + value.getClass().getSimpleName() + ": it holds U+"
            + Integer.toHexString(disallowed).toUpperCase(java.util.Locale.ROOT) + ", which XML 1.0 cannot carry");
      }
    }
    return bytes;
  }

  @Override
  public void encode(T value, OutputStream out) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(out, "out");
    try {
      if (xml) {
        out.write(encode(value)); // checked whole before any byte reaches the stream
      } else {
        writer.writeValue(out, value); // the mapper neither closes the target nor buffers past this call
      }
      out.flush();
    } catch (IOException | RuntimeException e) {
      rethrowOwn(e);
      throw new CodecException(name + ": cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Throws the CodecException a generator raised (databind wraps it) rather than wrapping it again. */
  private static void rethrowOwn(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CodecException) {
        throw (CodecException) cause;
      }
    }
  }

  @Override
  public T decode(byte[] bytes) {
    BoundedInput.check(bytes, limits, name);
    if (xml) {
      Utf8.requireWellFormed(bytes, name); // Woodstox reads C0 AF as '/'
    } else {
      JsonScreen.check(bytes, limits, name);
    }
    try {
      T value = xml ? root.read(reader, bytes, name) : reader.readValue(bytes);
      if (value == null) {
        throw new CodecException(name + ": the input holds null, not a value");
      }
      return value;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      if (e instanceof CodecException) {
        throw (CodecException) e;
      }
      throw new CodecException(name + ": cannot decode " + BoundedInput.head(bytes) + ": " + Messages.brief(e), e);
    }
  }

  @Override
  public T decode(InputStream in) {
    return decode(BoundedInput.readAll(in, limits, name));
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean deterministic() {
    // records serialize their components in declaration order, POJOs in a fixed order per class, and
    // map entries are sorted by key (JacksonMappers); a Set's order is its own iteration order
    return true;
  }

  @Override
  public String toString() {
    return "JacksonCodec{" + name + ", " + limits + "}";
  }
}
