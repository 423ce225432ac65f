package dev.trestle.codec;

/**
 * The limits a codec enforces on its input, so that a hostile input fails fast with bounded
 * memory. Immutable and thread-safe; build with {@link #builder()} or take {@link #defaults()}.
 *
 * <ul>
 *   <li>{@code maxInputBytes} (default {@value #DEFAULT_MAX_INPUT_BYTES}): the largest encoding
 *       decoded; a longer array is rejected before parsing and a longer stream as soon as the limit
 *       is passed, without reading further. It also bounds any one string or length prefix.
 *   <li>{@code maxDepth} (default {@value #DEFAULT_MAX_DEPTH}): the deepest nesting of objects,
 *       arrays, elements or messages accepted.
 *   <li>{@code maxNumberLength} (default {@value #DEFAULT_MAX_NUMBER_LENGTH}): the longest number
 *       token, in characters (sign, digits, point and exponent), a text format accepts; a longer one
 *       fails before any parser reads it, so no number parse (some are quadratic in the number's
 *       length) ever sees more. Protobuf-JSON applies it to numbers written as strings too, where
 *       the field is numeric. The longest number any model writes is 24 characters.
 * </ul>
 */
public final class CodecLimits {

  /** Default {@code maxInputBytes}: 16 MiB. */
  public static final int DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;
  /** Default {@code maxDepth}. */
  public static final int DEFAULT_MAX_DEPTH = 64;
  /** The smallest {@code maxDepth} that still holds every model of the codec module. */
  public static final int MIN_DEPTH = 8;
  /** Default {@code maxNumberLength}: as long as Jackson's default, and far past any number a model holds. */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 1000;
  /** The smallest {@code maxNumberLength}: room for every double and long any model writes. */
  public static final int MIN_NUMBER_LENGTH = 32;
  /** The largest {@code maxNumberLength}. */
  public static final int MAX_NUMBER_LENGTH = 100_000;

  private static final CodecLimits DEFAULTS = builder().build();

  private final int maxInputBytes;
  private final int maxDepth;
  private final int maxNumberLength;

  private CodecLimits(Builder builder) {
    this.maxInputBytes = builder.maxInputBytes;
    this.maxDepth = builder.maxDepth;
    this.maxNumberLength = builder.maxNumberLength;
  }

  /** Returns the default limits. */
  public static CodecLimits defaults() {
    return DEFAULTS;
  }

  /** Returns a builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the largest encoding, in bytes, that is decoded. */
  public int maxInputBytes() {
    return maxInputBytes;
  }

  /** Returns the deepest nesting accepted. */
  public int maxDepth() {
    return maxDepth;
  }

  /** Returns the longest number token, in characters, a text format accepts. */
  public int maxNumberLength() {
    return maxNumberLength;
  }

  @Override
  public String toString() {
    return "CodecLimits{maxInputBytes=" + maxInputBytes + ", maxDepth=" + maxDepth + ", maxNumberLength=" + maxNumberLength + "}";
  }

  /** Builds {@link CodecLimits}; validates each setting as it is set. Not thread-safe. */
  public static final class Builder {
    private int maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;

    private Builder() {}

    /** Sets the largest encoding decoded, in bytes: at least 1. */
    public Builder maxInputBytes(int maxInputBytes) {
      if (maxInputBytes < 1) {
        throw new IllegalArgumentException("maxInputBytes must be at least 1 but was " + maxInputBytes);
      }
      this.maxInputBytes = maxInputBytes;
      return this;
    }

    /** Sets the deepest nesting accepted: from 8 ({@link CodecLimits#MIN_DEPTH}) to 10000. */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < MIN_DEPTH || maxDepth > 10_000) {
        throw new IllegalArgumentException("maxDepth must be in [" + MIN_DEPTH + ", 10000] but was " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Sets the longest number token a text format accepts, in characters: from 32
     * ({@link CodecLimits#MIN_NUMBER_LENGTH}) to 100000 ({@link CodecLimits#MAX_NUMBER_LENGTH}).
     */
    public Builder maxNumberLength(int maxNumberLength) {
      if (maxNumberLength < MIN_NUMBER_LENGTH || maxNumberLength > MAX_NUMBER_LENGTH) {
        throw new IllegalArgumentException("maxNumberLength must be in [" + MIN_NUMBER_LENGTH + ", " + MAX_NUMBER_LENGTH
            + "] characters but was " + maxNumberLength);
      }
      this.maxNumberLength = maxNumberLength;
      return this;
    }

    /** Returns the limits. */
    public CodecLimits build() {
      return new CodecLimits(this);
    }
  }
}
