package dev.trestle.cache.twolevel;

import dev.trestle.core.internal.Arguments;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Turns the values of a {@link TwoLevelCache} into the bytes Redis holds, and back.
 *
 * <p>{@link #decode} must return a value equal to the one encoded, and {@link #encode} must be
 * deterministic (equal values give equal bytes): the conditional writes of
 * {@code asMap()} ({@code replace(k, old, new)}, {@code remove(k, v)}) compare encoded bytes in Redis.
 * A codec of Trestle's codec module fits in one line, without the cache depending on that module:
 *
 * <pre>{@code
 * Codec<Order> protobuf = Codecs.of(Format.PROTOBUF, Dataset.ORDER);
 * ValueCodec<Order> values = ValueCodec.of(protobuf::encode, protobuf::decode);
 * }</pre>
 *
 * <p>An exception thrown by a codec reaches the caller of the cache unchanged. Implementations
 * must be thread-safe.
 *
 * @param <V> the value type
 */
public interface ValueCodec<V> {

  /** Returns the bytes of {@code value}, never null. */
  byte[] encode(V value);

  /** Returns the value of {@code bytes}, as {@link #encode} wrote them; never null. */
  V decode(byte[] bytes);

  /**
   * Returns a codec from two functions, for example a Trestle {@code Codec}'s {@code encode} and
   * {@code decode}, or Jackson's {@code writeValueAsBytes} and {@code readValue}.
   *
   * @throws NullPointerException if either is null
   */
  static <V> ValueCodec<V> of(Function<? super V, byte[]> encoder, Function<byte[], ? extends V> decoder) {
    Arguments.requireNonNull(encoder, "encoder");
    Arguments.requireNonNull(decoder, "decoder");
    return new ValueCodec<V>() {
      @Override
      public byte[] encode(V value) {
        return encoder.apply(value);
      }

      @Override
      public V decode(byte[] bytes) {
        return decoder.apply(bytes);
      }
    };
  }

  /** Returns the codec of strings as UTF-8. */
  static ValueCodec<String> utf8() {
    return of(value -> value.getBytes(StandardCharsets.UTF_8), bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  /** Returns the codec of byte arrays as themselves (each decode returns a new array). */
  static ValueCodec<byte[]> bytes() {
    return of(byte[]::clone, byte[]::clone);
  }
}
