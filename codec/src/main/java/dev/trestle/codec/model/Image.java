package dev.trestle.codec.model;

/**
 * An image of the jvm-serializers benchmark. Immutable; strings and {@code size} may be null
 * (absent).
 *
 * @param uri where the image is
 * @param title its title
 * @param width width in pixels
 * @param height height in pixels
 * @param size its size class
 */
public record Image(String uri, String title, int width, int height, Size size) {

  /** The size class of an image. */
  public enum Size { SMALL, LARGE }
}
