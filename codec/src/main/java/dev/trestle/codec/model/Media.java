package dev.trestle.codec.model;

import java.util.List;

/**
 * A media item of the jvm-serializers benchmark. Immutable; strings and {@code player} may be
 * null (absent).
 *
 * @param uri where the media is
 * @param title its title
 * @param width width in pixels
 * @param height height in pixels
 * @param format the container format, for example {@code video/mpg4}
 * @param duration duration in milliseconds
 * @param size size in bytes
 * @param bitrate bit rate, meaningful when {@code hasBitrate}
 * @param hasBitrate whether {@code bitrate} is set
 * @param persons the people who appear in it, never null
 * @param player the player it needs
 * @param copyright the copyright notice
 */
public record Media(String uri, String title, int width, int height, String format, long duration, long size,
    int bitrate, boolean hasBitrate, List<String> persons, Player player, String copyright) {

  public Media {
    persons = Lists.copy(persons, "persons");
  }

  /** The player a media item needs. */
  public enum Player { JAVA, FLASH }
}
