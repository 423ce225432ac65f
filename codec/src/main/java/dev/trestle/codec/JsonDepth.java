package dev.trestle.codec;

/** Measures how deep a JSON text nests, skipping string contents; stops counting past a bound. */
final class JsonDepth {

  private JsonDepth() {}

  /** Returns the deepest nesting of {@code text}, or {@code bound + 1} as soon as it passes {@code bound}. */
  static int of(CharSequence text, int bound) {
    int depth = 0;
    int deepest = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++; // the escaped character cannot end the string
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
        if (depth > bound) {
          return bound + 1;
        }
        deepest = Math.max(deepest, depth);
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return deepest;
  }
}
