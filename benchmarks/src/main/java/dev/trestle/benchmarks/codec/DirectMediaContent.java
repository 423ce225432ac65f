package dev.trestle.benchmarks.codec;

import dev.trestle.codec.model.Image;
import dev.trestle.codec.model.Media;
import dev.trestle.codec.model.MediaContent;
import dev.trestle.codec.proto.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * MediaContent mapped to the generated protobuf-java classes by hand, the way code that calls
 * protobuf-java directly does it: the baseline of {@link OverheadBenchmark}. It uses the codec
 * module's generated classes (not exported API) only so that both sides run the same generated
 * code.
 */
final class DirectMediaContent {

  private DirectMediaContent() {}

  static Wire.MediaContent toMessage(MediaContent value) {
    Wire.MediaContent.Builder b = Wire.MediaContent.newBuilder();
    Media m = value.media();
    if (m != null) {
      Wire.Media.Builder mb = Wire.Media.newBuilder().setWidth(m.width()).setHeight(m.height()).setDuration(m.duration())
          .setSize(m.size()).setBitrate(m.bitrate()).setHasBitrate(m.hasBitrate()).addAllPersons(m.persons());
      if (m.uri() != null) mb.setUri(m.uri());
      if (m.title() != null) mb.setTitle(m.title());
      if (m.format() != null) mb.setFormat(m.format());
      if (m.copyright() != null) mb.setCopyright(m.copyright());
      if (m.player() != null) mb.setPlayer(m.player() == Media.Player.JAVA ? Wire.Media.Player.JAVA : Wire.Media.Player.FLASH);
      b.setMedia(mb);
    }
    for (Image i : value.images()) {
      Wire.Image.Builder ib = Wire.Image.newBuilder().setWidth(i.width()).setHeight(i.height());
      if (i.uri() != null) ib.setUri(i.uri());
      if (i.title() != null) ib.setTitle(i.title());
      if (i.size() != null) ib.setSize(i.size() == Image.Size.SMALL ? Wire.Image.Size.SMALL : Wire.Image.Size.LARGE);
      b.addImages(ib);
    }
    return b.build();
  }

  static MediaContent fromMessage(Wire.MediaContent message) {
    Media media = null;
    if (message.hasMedia()) {
      Wire.Media m = message.getMedia();
      media = new Media(m.hasUri() ? m.getUri() : null, m.hasTitle() ? m.getTitle() : null, m.getWidth(), m.getHeight(),
          m.hasFormat() ? m.getFormat() : null, m.getDuration(), m.getSize(), m.getBitrate(), m.getHasBitrate(),
          m.getPersonsList(), m.getPlayer() == Wire.Media.Player.JAVA ? Media.Player.JAVA
              : m.getPlayer() == Wire.Media.Player.FLASH ? Media.Player.FLASH : null,
          m.hasCopyright() ? m.getCopyright() : null);
    }
    List<Image> images = new ArrayList<>(message.getImagesCount());
    for (Wire.Image i : message.getImagesList()) {
      images.add(new Image(i.hasUri() ? i.getUri() : null, i.hasTitle() ? i.getTitle() : null, i.getWidth(), i.getHeight(),
          i.getSize() == Wire.Image.Size.SMALL ? Image.Size.SMALL : i.getSize() == Wire.Image.Size.LARGE ? Image.Size.LARGE : null));
    }
    return new MediaContent(media, images);
  }
}
