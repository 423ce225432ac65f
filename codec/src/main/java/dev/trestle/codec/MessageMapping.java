package dev.trestle.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Objects;

/**
 * The mapping of a user's own Protobuf message type: the message is its own value. Encoding a
 * message of another type than the codec's fails, naming both types.
 */
final class MessageMapping<M extends Message> implements ProtoMapping<M, M> {

  private final M defaultInstance;
  private final Parser<M> parser;

  @SuppressWarnings("unchecked")
  MessageMapping(M defaultInstance) {
    this.defaultInstance = Objects.requireNonNull(defaultInstance, "defaultInstance");
    this.parser = (Parser<M>) defaultInstance.getParserForType();
  }

  @Override
  public M toMessage(M value) {
    Descriptor expected = defaultInstance.getDescriptorForType();
    Descriptor actual = value.getDescriptorForType();
    if (actual != expected && !actual.toProto().equals(expected.toProto())) {
      throw new IllegalArgumentException("the codec is for " + expected.getFullName() + " but the value is a "
          + actual.getFullName());
    }
    return value;
  }

  @Override
  public M fromMessage(M message) {
    return message;
  }

  @Override
  public Parser<M> parser() {
    return parser;
  }

  @Override
  public M defaultInstance() {
    return defaultInstance;
  }
}
