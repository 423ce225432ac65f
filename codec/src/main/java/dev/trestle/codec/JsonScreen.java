package dev.trestle.codec;

/**
 * One linear pass over JSON bytes before any parser reads them, for what parsers are too lenient or
 * too slow on: the bytes must be well-formed UTF-8 ({@link Utf8}), every {@code \}{@code u} escape
 * of a surrogate must be half of a high-low pair, and no run of number characters
 * ({@code 0-9 + - . e E}) outside strings may be longer than {@code maxNumberLength}. It stops at
 * the first fault, so a 16 MiB number fails after {@code maxNumberLength} bytes. Everything else
 * (syntax, depth) is left to the parser.
 */
final class JsonScreen {

  private JsonScreen() {}

  private static final boolean[] NUMBER = new boolean[128];

  static {
    for (char c : "0123456789+-.eE".toCharArray()) {
      NUMBER[c] = true;
    }
  }

  static void check(byte[] bytes, CodecLimits limits, String codec) {
    int maxNumber = limits.maxNumberLength();
    boolean inString = false;
    boolean pendingHigh = false; // inside a string, just after a \\u escape of a high surrogate
    int run = 0;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i];
      if (b < 0) {
        int length = Utf8.sequenceLength(bytes, i);
        if (length < 0) {
          throw Utf8.illFormed(codec, bytes, i);
        }
        if (pendingHigh) {
          throw loneSurrogate(codec, i);
        }
        i += length - 1;
        run = 0;
      } else if (!inString) {
        if (NUMBER[b]) {
          if (++run > maxNumber) {
            throw new CodecException(codec + ": a number token at byte " + (i - run + 1) + " is longer than maxNumberLength "
                + maxNumber + "; rejected before parsing");
          }
        } else {
          run = 0;
          inString = b == '"';
        }
      } else if (b == '\\' && i + 1 < bytes.length) {
        i++;
        if (bytes[i] == 'u' && i + 4 < bytes.length) {
          int unit = hex4(bytes, i + 1);
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (pendingHigh) {
              throw loneSurrogate(codec, i - 1);
            }
            pendingHigh = true;
            i += 4;
            continue;
          }
          if (unit >= 0xDC00 && unit <= 0xDFFF) {
            if (!pendingHigh) {
              throw loneSurrogate(codec, i - 1);
            }
            pendingHigh = false;
            i += 4;
            continue;
          }
        }
        if (pendingHigh) {
          throw loneSurrogate(codec, i - 1);
        }
      } else {
        if (pendingHigh) {
          throw loneSurrogate(codec, i);
        }
        inString = b != '"';
      }
    }
  }

  /** Returns the value of four hex digits at {@code at}, or -1 if they are not four hex digits. */
  private static int hex4(byte[] bytes, int at) {
    int value = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = Character.digit(bytes[i], 16);
      if (digit < 0) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }

  private static CodecException loneSurrogate(String codec, int at) {
    return new CodecException(codec + ": an escaped surrogate near byte " + at
        + " is not half of a high-low pair (\\uD800-\\uDBFF then \\uDC00-\\uDFFF); unpaired surrogates are rejected, never replaced");
  }
}
