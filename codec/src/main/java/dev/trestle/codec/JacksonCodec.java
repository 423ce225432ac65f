package dev.trestle.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/** A codec over a configured Jackson mapper (JSON or XML); see {@link JacksonMappers}. */
final class JacksonCodec<T> implements Codec<T> {

  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final CodecLimits limits;
  private final String name;
  private final String mediaType;

  JacksonCodec(ObjectMapper mapper, Class<T> type, CodecLimits limits, Format format) {
    this.reader = mapper.readerFor(Objects.requireNonNull(type, "type"));
    this.writer = mapper.writerFor(type);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.name = format.codecName();
    this.mediaType = format.mediaType();
  }

  @Override
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    try {
      return writer.writeValueAsBytes(value);
    } catch (IOException | RuntimeException e) {
      throw new CodecException(name + ": cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void encode(T value, OutputStream out) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(out, "out");
    try {
      writer.writeValue(out, value); // the mapper neither closes the target nor buffers past this call
      out.flush();
    } catch (IOException | RuntimeException e) {
      throw new CodecException(name + ": cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T decode(byte[] bytes) {
    BoundedInput.check(bytes, limits, name);
    try {
      T value = reader.readValue(bytes);
      if (value == null) {
        throw new CodecException(name + ": the input holds null, not a value");
      }
      return value;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      if (e instanceof CodecException) {
        throw (CodecException) e;
      }
      throw new CodecException(name + ": cannot decode " + BoundedInput.head(bytes) + ": " + e.getMessage(), e);
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
    return true; // records serialize their components in declaration order; the model has no maps
  }

  @Override
  public String toString() {
    return "JacksonCodec{" + name + ", " + limits + "}";
  }
}
