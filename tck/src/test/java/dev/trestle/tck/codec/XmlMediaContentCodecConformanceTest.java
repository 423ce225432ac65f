package dev.trestle.tck.codec;

import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import dev.trestle.codec.model.MediaContent;

/** The kit against Trestle's xml codec of the media-content dataset. */
class XmlMediaContentCodecConformanceTest extends TrestleCodecConformance<MediaContent> {
  XmlMediaContentCodecConformanceTest() {
    super(Format.XML, Dataset.MEDIA_CONTENT);
  }
}
