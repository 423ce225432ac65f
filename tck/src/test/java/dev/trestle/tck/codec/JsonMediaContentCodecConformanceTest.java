package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MediaContent;

/** The kit against Trestle's json codec of the media-content dataset. */
class JsonMediaContentCodecConformanceTest extends TrestleCodecConformance<MediaContent> {
  JsonMediaContentCodecConformanceTest() {
    super(Format.JSON, Dataset.MEDIA_CONTENT);
  }
}
