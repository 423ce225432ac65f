package dev.trestle.codec;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;

/** Maps a domain record to its generated Protobuf message and back. */
interface ProtoMapping<T, M extends Message> {

  M toMessage(T value);

  /** @throws CodecException if the message holds what the record cannot (an unknown enum number) */
  T fromMessage(M message);

  Parser<M> parser();

  M defaultInstance();
}
