package dev.trestle.tck.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The peer: a Jackson mapper exactly as {@code new ObjectMapper()} or {@code new XmlMapper()} builds
 * it, the way most code calls Jackson. The adapter only translates Jackson's documented exceptions
 * (IOException, and RuntimeException from value construction) into CodecException and rejects nulls.
 */
final class JacksonDefaultsCodec<T> implements Codec<T> {

  private final ObjectMapper mapper;
  private final Class<T> type;
  private final String mediaType;

  JacksonDefaultsCodec(ObjectMapper mapper, Class<T> type, String mediaType) {
    this.mapper = mapper;
    this.type = type;
    this.mediaType = mediaType;
  }

  @Override
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    try {
      return mapper.writeValueAsBytes(value);
    } catch (IOException | RuntimeException e) {
      throw new CodecException("jackson: cannot encode", e);
    }
  }

  @Override
  public void encode(T value, OutputStream out) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(out, "out");
    try {
      mapper.writeValue(out, value);
    } catch (IOException | RuntimeException e) {
      throw new CodecException("jackson: cannot encode", e);
    }
  }

  @Override
  public T decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw new CodecException("jackson: null");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof CodecException) {
        throw (CodecException) e;
      }
      throw new CodecException("jackson: cannot decode", e);
    }
  }

  @Override
  public T decode(InputStream in) {
    Objects.requireNonNull(in, "in");
    try {
      T value = mapper.readValue(in, type);
      if (value == null) {
        throw new CodecException("jackson: null");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof CodecException) {
        throw (CodecException) e;
      }
      throw new CodecException("jackson: cannot decode", e);
    }
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  @Override
  public String name() {
    return "jackson-defaults";
  }

  @Override
  public boolean deterministic() {
    return true;
  }
}
