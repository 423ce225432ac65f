package dev.trestle.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Protocol Buffers binary over the generated classes. Decoding sets the input's size limit and
 * recursion limit from {@link CodecLimits}, so a huge length prefix or deeply nested (unknown)
 * groups fail at once; encoding is deterministic (protobuf's deterministic serialization).
 * Unknown fields (written by a newer schema) are skipped as they are read, as Protocol Buffers
 * specifies, and never kept: the records have no place for them. An enum number the schema does not
 * know is an error. Strings are checked as UTF-8 by protobuf-java (proto3 {@code string}); encoding
 * rejects text holding an unpaired surrogate, which protobuf-java would write as '?'.
 */
final class ProtobufCodec<T, M extends Message> implements Codec<T> {

  private final ProtoMapping<T, M> mapping;
  private final CodecLimits limits;
  private final Parser<M> parser;

  ProtobufCodec(ProtoMapping<T, M> mapping, CodecLimits limits) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    // Unknown fields are dropped as they are read instead of collected: the records have no place
    // for them, and 16 MiB of one-byte fields would otherwise build a list of 8 million of them.
    this.parser = DiscardUnknownFieldsParser.wrap(mapping.parser());
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public byte[] encode(T value) {
    M message = message(value);
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    coded.useDeterministicSerialization();
    try {
      message.writeTo(coded);
      coded.checkNoSpaceLeft();
    } catch (IOException | RuntimeException e) {
      throw new CodecException(name() + ": cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public void encode(T value, OutputStream out) {
    Objects.requireNonNull(out, "out");
    M message = message(value);
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    coded.useDeterministicSerialization();
    try {
      message.writeTo(coded);
      coded.flush();
      out.flush();
    } catch (IOException | RuntimeException e) {
      throw new CodecException(name() + ": cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private M message(T value) {
    Objects.requireNonNull(value, "value");
    try {
      return mapping.toMessage(value);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException(name() + ": cannot map " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T decode(byte[] bytes) {
    BoundedInput.check(bytes, limits, name());
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    in.setRecursionLimit(limits.maxDepth());
    in.setSizeLimit(limits.maxInputBytes());
    M message;
    try {
      message = parser.parseFrom(in, ExtensionRegistryLite.getEmptyRegistry());
      in.checkLastTagWas(0);
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
    return Format.PROTOBUF.mediaType();
  }

  @Override
  public String name() {
    return Format.PROTOBUF.codecName();
  }

  @Override
  public boolean deterministic() {
    return true;
  }

  @Override
  public String toString() {
    return "ProtobufCodec{" + mapping.defaultInstance().getDescriptorForType().getFullName() + ", " + limits + "}";
  }
}
