package dev.trestle.codec;

/**
 * Thrown by a {@link Codec} when a value cannot be encoded or bytes cannot be decoded: malformed,
 * truncated or hostile input, an input over a {@link CodecLimits} limit, or a failing stream. It
 * always keeps the underlying cause, so the parser's own diagnosis is never lost.
 */
public class CodecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message and the underlying cause (may be null). */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception with a message and no underlying cause. */
  public CodecException(String message) {
    super(message);
  }
}
