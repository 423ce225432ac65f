package dev.trestle.tck.codec;

/** The optional capabilities a codec under {@link CodecTck} may declare. */
public enum CodecFeature {
  /** Equal values always encode to identical bytes, across calls and instances (rule CODEC-6.1). */
  DETERMINISTIC,
  /** The codec enforces the {@code maxInputBytes} of the limits it is built with (rule CODEC-4.5). */
  INPUT_LIMIT
}
