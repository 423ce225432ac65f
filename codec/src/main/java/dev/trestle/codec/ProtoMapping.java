package dev.trestle.codec;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;

/** Maps a domain record to its generated Protobuf message and back. */
interface ProtoMapping<T, M extends Message> {

  M toMessage(T value);

  /** @throws CodecException if the message holds what the record cannot (an unknown enum number) */
  T fromMessage(M message);

  /**
   * As {@link #fromMessage}, with any failure of the mapping turned into a {@link CodecException}
   * that names the codec {@code codecName} and keeps the cause.
   */
  default T toRecord(M message, String codecName) {
    try {
      return fromMessage(message);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException(codecName + ": the message does not map to the model: " + e.getMessage(), e);
    }
  }

  Parser<M> parser();

  M defaultInstance();
}
