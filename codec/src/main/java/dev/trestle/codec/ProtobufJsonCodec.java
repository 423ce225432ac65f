package dev.trestle.codec;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Protocol Buffers' canonical JSON mapping (protobuf-java-util's {@code JsonFormat}) over the
 * generated classes: compact output, fields in field-number order, 64-bit integers as strings.
 *
 * <p>{@code JsonFormat} alone is lenient (comments, single quotes, trailing data, {@code NaN}) and
 * quadratic on long numbers, so decoding first screens the bytes ({@link JsonScreen}: well-formed
 * UTF-8, paired surrogate escapes, number tokens within {@code maxNumberLength}) and reads them
 * once as strict RFC 8259 JSON ({@link StrictJson}: duplicate names, depth and numbers given as
 * strings checked too); only then does {@code JsonFormat} build the message. Unknown fields are
 * rejected. Encoding rejects text holding an unpaired surrogate.
 */
final class ProtobufJsonCodec<T, M extends Message> implements Codec<T> {

  private final ProtoMapping<T, M> mapping;
  private final CodecLimits limits;
  // map entries sorted by key, so that equal messages print equal bytes (the sample models have no maps)
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace().sortingMapKeys();
  private final JsonFormat.Parser parser;
  private final StrictJson strict;
  // reads the JSON tree only to find negative zeros, after JsonFormat has accepted the text
  private static final com.fasterxml.jackson.databind.ObjectMapper TREE_READER = new com.fasterxml.jackson.databind.ObjectMapper();

  ProtobufJsonCodec(ProtoMapping<T, M> mapping, CodecLimits limits) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.parser = JsonFormat.parser();
    this.strict = new StrictJson(limits);
  }

  @Override
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    try {
      return printer.print(mapping.toMessage(value)).getBytes(StandardCharsets.UTF_8);
    } catch (CodecException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CodecException(name() + ": cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void encode(T value, OutputStream out) {
    Objects.requireNonNull(out, "out");
    byte[] bytes = encode(value);
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new CodecException(name() + ": cannot write to the output stream: " + e.getMessage(), e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T decode(byte[] bytes) {
    BoundedInput.check(bytes, limits, name());
    JsonScreen.check(bytes, limits, name());
    strict.check(bytes, mapping.defaultInstance().getDescriptorForType(), name());
    String text = new String(bytes, StandardCharsets.UTF_8); // well-formed: screened above
    M message;
    try {
      Message.Builder builder = mapping.defaultInstance().newBuilderForType();
      parser.merge(text, builder);
      if (NegativeZeros.mayHold(text)) {
        NegativeZeros.restore(builder, TREE_READER.readTree(text));
      }
      message = (M) builder.build();
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new CodecException(name() + ": cannot decode " + BoundedInput.head(bytes) + ": " + Messages.brief(e), e);
    }
    return mapping.toRecord(message, name());
  }

  @Override
  public T decode(InputStream in) {
    return decode(BoundedInput.readAll(in, limits, name()));
  }

  @Override
  public String mediaType() {
    return Format.PROTOBUF_JSON.mediaType();
  }

  @Override
  public String name() {
    return Format.PROTOBUF_JSON.codecName();
  }

  @Override
  public boolean deterministic() {
    return true;
  }

  @Override
  public String toString() {
    return "ProtobufJsonCodec{" + mapping.defaultInstance().getDescriptorForType().getFullName() + ", " + limits + "}";
  }
}
