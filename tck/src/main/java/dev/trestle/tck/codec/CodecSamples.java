package dev.trestle.tck.codec;

import java.util.List;

/**
 * The values {@link CodecTck} encodes: generated samples and edge values of the codec's type.
 * {@link ModelSamples} supplies them for Trestle's datasets; implement it for your own type.
 *
 * @param <T> the codec's value type
 */
public interface CodecSamples<T> {

  /** Returns {@code count} realistic values generated from {@code seed}, the same for the same seed. */
  List<T> generated(long seed, int count);

  /**
   * Returns values in which absent fields, empty strings and empty lists occur, in pairs that
   * differ only in that one field is absent in one and empty in the other.
   */
  List<T> emptyAndAbsent();

  /** Returns a value that carries {@code text} unchanged in one of its string fields. */
  T withText(String text);

  /** Returns values holding the extremes of each numeric type: min, max, zero, -0.0, NaN, infinities. */
  List<T> extremeNumbers();
}
