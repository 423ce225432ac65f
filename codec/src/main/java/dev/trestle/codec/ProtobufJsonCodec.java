package dev.trestle.codec;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Protocol Buffers' canonical JSON mapping (protobuf-java-util's {@code JsonFormat}) over the
 * generated classes: compact output, fields in field-number order, 64-bit integers as strings.
 * Decoding rejects malformed UTF-8, unknown fields and nesting past {@code maxDepth}.
 */
final class ProtobufJsonCodec<T, M extends Message> implements Codec<T> {

  private final ProtoMapping<T, M> mapping;
  private final CodecLimits limits;
  // map entries sorted by key, so that equal messages print equal bytes (the sample models have no maps)
  private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace().sortingMapKeys();
  private final JsonFormat.Parser parser;
  // reads the JSON tree only to find negative zeros, after JsonFormat has accepted the text
  private static final com.fasterxml.jackson.databind.ObjectMapper TREE_READER = new com.fasterxml.jackson.databind.ObjectMapper();

  ProtobufJsonCodec(ProtoMapping<T, M> mapping, CodecLimits limits) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.parser = JsonFormat.parser();
  }

  @Override
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    try {
      return printer.print(mapping.toMessage(value)).getBytes(StandardCharsets.UTF_8);
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
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException(name() + ": the input is not UTF-8: " + BoundedInput.head(bytes), e);
    }
    // JsonFormat's own recursion limit (100) cannot be set, so the depth is checked before parsing.
    int depth = JsonDepth.of(text, limits.maxDepth());
    if (depth > limits.maxDepth()) {
      throw new CodecException(name() + ": input nests deeper than maxDepth " + limits.maxDepth());
    }
    M message;
    try {
      Message.Builder builder = mapping.defaultInstance().newBuilderForType();
      parser.merge(text, builder);
      if (NegativeZeros.mayHold(text)) {
        NegativeZeros.restore(builder, TREE_READER.readTree(text));
      }
      message = (M) builder.build();
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new CodecException(name() + ": cannot decode " + BoundedInput.head(bytes) + ": " + e.getMessage(), e);
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
