package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MediaContent;

/** The kit against Trestle's protobuf-json codec of the media-content dataset. */
class ProtobufJsonMediaContentCodecConformanceTest extends TrestleCodecConformance<MediaContent> {
  ProtobufJsonMediaContentCodecConformanceTest() {
    super(Format.PROTOBUF_JSON, Dataset.MEDIA_CONTENT);
  }
}
