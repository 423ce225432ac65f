package dev.trestle.codec;

import java.util.Objects;

/**
 * Creates Trestle's codecs. Every codec is immutable, thread-safe and safe by default (see
 * {@link CodecLimits}); see {@link Codec} for the contract they all meet.
 */
public final class Codecs {

  private Codecs() {}

  /** Returns the codec of {@code format} for {@code dataset}'s records, with the default limits. */
  public static <T> Codec<T> of(Format format, Dataset<T> dataset) {
    return of(format, dataset, CodecLimits.defaults());
  }

  /** Returns the codec of {@code format} for {@code dataset}'s records, enforcing {@code limits}. */
  public static <T> Codec<T> of(Format format, Dataset<T> dataset, CodecLimits limits) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(limits, "limits");
    switch (format) {
      case JSON: return json(dataset.type(), limits);
      case XML: return xml(dataset.type(), limits);
      case PROTOBUF: return new ProtobufCodec<>(dataset.mapping(), limits);
      case PROTOBUF_JSON: return new ProtobufJsonCodec<>(dataset.mapping(), limits);
      default: throw new AssertionError(format);
    }
  }

  /**
   * Returns a JSON codec for any type Jackson can map (records included): absent ({@code null})
   * properties are left out, trailing content and {@code null} for primitives are rejected.
   */
  public static <T> Codec<T> json(Class<T> type, CodecLimits limits) {
    return new JacksonCodec<>(JacksonMappers.json(Objects.requireNonNull(limits, "limits")), type, limits, Format.JSON);
  }

  /**
   * Returns an XML codec for any type Jackson can map (records included), with DTDs, entity
   * expansion and external entities off; the root element is the type's simple name.
   */
  public static <T> Codec<T> xml(Class<T> type, CodecLimits limits) {
    return new JacksonCodec<>(JacksonMappers.xml(Objects.requireNonNull(limits, "limits")), type, limits, Format.XML);
  }
}
