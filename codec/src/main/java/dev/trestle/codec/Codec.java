package dev.trestle.codec;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns values of type {@code T} into bytes of one wire format and back.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code decode(encode(v))} equals {@code v} for every value of the codec's model, including
 *       absent ({@code null}) versus empty strings, empty lists, any Unicode text (surrogate pairs
 *       included) and extreme numbers.
 *   <li>The {@code byte[]} and stream methods agree: {@link #encode(Object, OutputStream)} writes
 *       exactly the bytes {@link #encode(Object)} returns, and {@link #decode(InputStream)} reads the
 *       stream to its end and returns what {@link #decode(byte[])} returns for those bytes. Neither
 *       stream method closes the stream.
 *   <li>Any input that is not a valid encoding - truncated, random, over the codec's
 *       {@link CodecLimits}, or hostile (deep nesting, huge length prefixes, XML entities) - makes
 *       decoding throw {@link CodecException} with the cause, never another exception type, and
 *       fails within the limits' memory bound instead of after reading or expanding it all.
 *   <li>A {@code null} value, array or stream throws {@link NullPointerException} naming it.
 * </ul>
 *
 * <p>Codecs are immutable and thread-safe: one instance may be shared by any number of threads.
 *
 * @param <T> the type of the values
 */
public interface Codec<T> {

  /** Returns the encoding of {@code value}. */
  byte[] encode(T value);

  /** Writes the encoding of {@code value} to {@code out}, flushes it and leaves it open. */
  void encode(T value, OutputStream out);

  /** Returns the value {@code bytes} encode. */
  T decode(byte[] bytes);

  /** Reads {@code in} to its end, leaves it open, and returns the value it encodes. */
  T decode(InputStream in);

  /** Returns the media type of the encoding, for example {@code application/json}. */
  String mediaType();

  /** Returns a short name for the codec, unique among a module's codecs, for example {@code protobuf}. */
  String name();

  /**
   * Returns whether equal values always encode to identical bytes, across calls and instances
   * with the same limits.
   */
  boolean deterministic();
}
