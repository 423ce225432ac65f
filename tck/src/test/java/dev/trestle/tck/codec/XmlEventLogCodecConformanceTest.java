package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.EventLog;

/** The kit against Trestle's xml codec of the event-log dataset. */
class XmlEventLogCodecConformanceTest extends TrestleCodecConformance<EventLog> {
  XmlEventLogCodecConformanceTest() {
    super(Format.XML, Dataset.EVENT_LOG);
  }
}
