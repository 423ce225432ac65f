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
 * </ul>
 */
public final class CodecLimits {

  /** Default {@code maxInputBytes}: 16 MiB. */
  public static final int DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;
  /** Default {@code maxDepth}. */
  public static final int DEFAULT_MAX_DEPTH = 64;
  /** The smallest {@code maxDepth} that still holds every model of the codec module. */
  public static final int MIN_DEPTH = 8;

  private static final CodecLimits DEFAULTS = builder().build();

  private final int maxInputBytes;
  private final int maxDepth;

  private CodecLimits(Builder builder) {
    this.maxInputBytes = builder.maxInputBytes;
    this.maxDepth = builder.maxDepth;
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

  @Override
  public String toString() {
    return "CodecLimits{maxInputBytes=" + maxInputBytes + ", maxDepth=" + maxDepth + "}";
  }

  /** Builds {@link CodecLimits}; validates each setting as it is set. Not thread-safe. */
  public static final class Builder {
    private int maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
    private int maxDepth = DEFAULT_MAX_DEPTH;

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

    /** Returns the limits. */
    public CodecLimits build() {
      return new CodecLimits(this);
    }
  }
}
