package dev.trestle.codec;

/**
 * Well-formed Unicode, as RFC 3629 defines UTF-8 and as UTF-16 pairs surrogates. Overlong forms
 * ({@code C0 AF} for '/'), encoded surrogates ({@code ED A0 80}), code points past U+10FFFF and
 * truncated sequences are ill-formed; so is a Java string holding a surrogate that is not half of
 * a high-low pair. The codecs reject both with {@link CodecException} rather than replace them
 * with U+FFFD: a replacement would change the text silently, and two readers that repair it
 * differently would disagree on what a document says.
 */
final class Utf8 {

  private Utf8() {}

  /**
   * Returns the length of the well-formed UTF-8 sequence starting at {@code bytes[at]}, a byte of
   * 0x80 or more, or -1 if the sequence there is ill-formed.
   */
  static int sequenceLength(byte[] bytes, int at) {
    int lead = bytes[at] & 0xFF;
    int length;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) {
        low = 0xA0; // below: an overlong form of U+0000..U+07FF
      } else if (lead == 0xED) {
        high = 0x9F; // above: U+D800..U+DFFF, surrogates
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) {
        low = 0x90; // below: an overlong form of a BMP character
      } else if (lead == 0xF4) {
        high = 0x8F; // above: past U+10FFFF
      }
    } else {
      return -1; // a continuation byte, C0/C1 (always overlong) or F5..FF
    }
    if (at + length > bytes.length) {
      return -1;
    }
    int second = bytes[at + 1] & 0xFF;
    if (second < low || second > high) {
      return -1;
    }
    for (int i = 2; i < length; i++) {
      if ((bytes[at + i] & 0xC0) != 0x80) {
        return -1;
      }
    }
    return length;
  }

  /** Returns the offset of the first ill-formed UTF-8 sequence in {@code bytes}, or -1 if they are well-formed. */
  static int firstIllFormed(byte[] bytes) {
    for (int i = 0; i < bytes.length; ) {
      if (bytes[i] >= 0) {
        i++;
      } else {
        int length = sequenceLength(bytes, i);
        if (length < 0) {
          return i;
        }
        i += length;
      }
    }
    return -1;
  }

  /** Returns the index of the first surrogate in {@code text} that is not half of a high-low pair, or -1. */
  static int unpairedSurrogate(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** Throws {@link CodecException} if {@code bytes} are not well-formed UTF-8. */
  static void requireWellFormed(byte[] bytes, String codec) {
    int at = firstIllFormed(bytes);
    if (at >= 0) {
      throw illFormed(codec, bytes, at);
    }
  }

  static CodecException illFormed(String codec, byte[] bytes, int at) {
    StringBuilder seen = new StringBuilder();
    for (int i = at; i < Math.min(bytes.length, at + 4); i++) {
      seen.append(i == at ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
    }
    return new CodecException(codec + ": the input is not well-formed UTF-8 at byte " + at + " (" + seen
        + "): overlong forms, surrogates, code points past U+10FFFF and cut sequences are rejected, never replaced");
  }

  /** Returns {@code text} if it holds no unpaired surrogate, else throws {@link CodecException} naming {@code what}. */
  static String requireWellFormed(String text, String codec, String what) {
    if (text != null) {
      int at = unpairedSurrogate(text);
      if (at >= 0) {
        throw unpaired(codec, what, text, at);
      }
    }
    return text;
  }

  static CodecException unpaired(String codec, String what, CharSequence text, int at) {
    return new CodecException(codec + ": cannot encode " + what + ": it holds an unpaired surrogate U+"
        + Integer.toHexString(text.charAt(at)).toUpperCase(java.util.Locale.ROOT) + " at index " + at
        + ", which no Unicode encoding can carry; it is rejected, never replaced");
  }
}
