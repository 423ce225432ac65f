package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MediaContent;

/** The kit against Trestle's protobuf codec of the media-content dataset. */
class ProtobufMediaContentCodecConformanceTest extends TrestleCodecConformance<MediaContent> {
  ProtobufMediaContentCodecConformanceTest() {
    super(Format.PROTOBUF, Dataset.MEDIA_CONTENT);
  }
}
