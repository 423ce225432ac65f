package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.EventLog;

/** The kit against Trestle's protobuf-json codec of the event-log dataset. */
class ProtobufJsonEventLogCodecConformanceTest extends TrestleCodecConformance<EventLog> {
  ProtobufJsonEventLogCodecConformanceTest() {
    super(Format.PROTOBUF_JSON, Dataset.EVENT_LOG);
  }
}
