package dev.trestle.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/** Reads a stream to its end into memory, refusing to hold more than the input limit. */
final class BoundedInput {

  private BoundedInput() {}

  static byte[] readAll(InputStream in, CodecLimits limits, String codec) {
    Objects.requireNonNull(in, "in");
    int max = limits.maxInputBytes();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.min(max, 8192));
    byte[] chunk = new byte[8192];
    try {
      while (true) {
        // read at most one byte past the limit: enough to tell that the input is too long
        int room = max + 1 - buffer.size();
        int read = in.read(chunk, 0, Math.min(chunk.length, room));
        if (read < 0) {
          return buffer.toByteArray();
        }
        buffer.write(chunk, 0, read);
        if (buffer.size() > max) {
          throw tooLong(codec, limits, "a stream");
        }
      }
    } catch (IOException e) {
      throw new CodecException(codec + ": cannot read the input stream: " + e.getMessage(), e);
    }
  }

  static byte[] check(byte[] bytes, CodecLimits limits, String codec) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > limits.maxInputBytes()) {
      throw tooLong(codec, limits, bytes.length + " bytes");
    }
    return bytes;
  }

  static CodecException tooLong(String codec, CodecLimits limits, String what) {
    return new CodecException(codec + ": input of " + what + " is over maxInputBytes " + limits.maxInputBytes()
        + "; rejected without reading further");
  }

  /** A printable head of {@code bytes} for messages, never the whole input. */
  static String head(byte[] bytes) {
    return bytes.length + " bytes" + (bytes.length == 0 ? "" : " starting " + Arrays.toString(
        Arrays.copyOf(bytes, Math.min(8, bytes.length))));
  }
}
