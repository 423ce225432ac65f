package dev.trestle.codec;

/** Keeps a parser's message short: some quote the whole offending token, which may be megabytes long. */
final class Messages {

  private Messages() {}

  private static final int MAX = 300;

  /** Returns {@code error}'s message cut to a few hundred characters. */
  static String brief(Throwable error) {
    String message = String.valueOf(error.getMessage());
    return message.length() <= MAX ? message : message.substring(0, MAX) + "... (" + message.length() + " characters)";
  }
}
