package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.EventLog;

/** The kit against Trestle's protobuf codec of the event-log dataset. */
class ProtobufEventLogCodecConformanceTest extends TrestleCodecConformance<EventLog> {
  ProtobufEventLogCodecConformanceTest() {
    super(Format.PROTOBUF, Dataset.EVENT_LOG);
  }
}
