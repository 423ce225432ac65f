package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.EventLog;

/** The kit against Trestle's json codec of the event-log dataset. */
class JsonEventLogCodecConformanceTest extends TrestleCodecConformance<EventLog> {
  JsonEventLogCodecConformanceTest() {
    super(Format.JSON, Dataset.EVENT_LOG);
  }
}
