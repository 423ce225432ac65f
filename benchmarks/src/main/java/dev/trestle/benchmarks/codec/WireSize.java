package dev.trestle.benchmarks.codec;

/**
 * How many bytes a set of messages takes in one format: raw, and gzip-compressed one message at
 * a time (as each would travel as its own HTTP body or queue record). Immutable.
 *
 * @param format the format's codec name, for example {@code protobuf}
 * @param messages how many messages were encoded
 * @param rawBytes their total encoded size
 * @param gzipBytes the total size of each message gzip-compressed on its own (level 6, with gzip's
 *     18-byte header and trailer)
 */
public record WireSize(String format, int messages, long rawBytes, long gzipBytes) {

  /** Returns the mean raw size of one message, in bytes. */
  public double rawPerMessage() {
    return messages == 0 ? 0 : (double) rawBytes / messages;
  }

  /** Returns the mean gzip-compressed size of one message, in bytes. */
  public double gzipPerMessage() {
    return messages == 0 ? 0 : (double) gzipBytes / messages;
  }
}
