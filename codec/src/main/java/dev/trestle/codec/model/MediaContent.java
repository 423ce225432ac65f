package dev.trestle.codec.model;

import java.util.List;

/**
 * The object of the jvm-serializers benchmark (eishay/jvm-serializers): one media item and the
 * images that illustrate it. Immutable; {@code media} may be null (absent).
 *
 * @param media the media item, or null
 * @param images the images, never null
 */
public record MediaContent(Media media, List<Image> images) {
  public MediaContent {
    images = Lists.copy(images, "images");
  }
}
