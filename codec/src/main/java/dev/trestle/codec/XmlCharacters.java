package dev.trestle.codec;

/**
 * Checks the character references Woodstox writes for characters it will not write raw: one that
 * names a character XML 1.0 does not allow (U+FFFE, U+FFFF, most controls) would make a document
 * no parser accepts, so the encode fails instead.
 */
final class XmlCharacters {

  private XmlCharacters() {}

  /** Returns the first disallowed code point referenced in {@code xml}, or -1 if there is none. */
  static int firstDisallowedReference(byte[] xml) {
    for (int i = 0; i + 3 < xml.length; i++) {
      if (xml[i] != '&' || xml[i + 1] != '#') {
        continue;
      }
      int j = i + 2;
      int radix = 10;
      if (xml[j] == 'x') {
        radix = 16;
        j++;
      }
      long code = 0;
      int digits = 0;
      while (j < xml.length && xml[j] != ';' && digits < 9) {
        int digit = Character.digit(xml[j], radix);
        if (digit < 0) {
          break;
        }
        code = code * radix + digit;
        digits++;
        j++;
      }
      if (digits > 0 && !allowed(code)) {
        return (int) Math.min(code, Integer.MAX_VALUE);
      }
    }
    return -1;
  }

  static boolean allowed(long c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
