package dev.trestle.tck.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds the inputs of rules CODEC-8.x from a codec's own encoding: long numbers, planted syntax defects. */
final class HostileTexts {

  private HostileTexts() {}

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** "1" followed by {@code length - 1} zeros. */
  static String digits(int length) {
    return "1" + "0".repeat(length - 1);
  }

  /** Returns {@code own} with each of its first {@code most} runs of ASCII digits replaced by {@code digits}, one run per copy. */
  static List<byte[]> withLongNumbers(byte[] own, String digits, int most) {
    List<byte[]> out = new ArrayList<>();
    byte[] replacement = utf8(digits);
    for (int i = 0; i < own.length && out.size() < most; i++) {
      if (own[i] < '0' || own[i] > '9') {
        continue;
      }
      int end = i;
      while (end < own.length && own[end] >= '0' && own[end] <= '9') {
        end++;
      }
      byte[] copy = new byte[own.length - (end - i) + replacement.length];
      System.arraycopy(own, 0, copy, 0, i);
      System.arraycopy(replacement, 0, copy, i, replacement.length);
      System.arraycopy(own, end, copy, i + replacement.length, own.length - end);
      out.add(copy);
      i = end;
    }
    return out;
  }

  /** Each kind of JSON syntax error, planted into {@code own}, a JSON object the codec wrote. */
  static List<String> invalidJson(String own) {
    List<String> out = new ArrayList<>(List.of(own + "}", own + own, own + " {}", own + " x", own + " /* c */",
        own.replaceFirst("\\{", "{/* c */"), own.replaceFirst("\\{", "{// c\n"), own.replaceFirst("\\{", "{# c\n"),
        own.replaceFirst("\":", "\"="), own.replaceFirst("\":", "\"=>"), own.replaceFirst("\":", "\" "),
        own.replaceFirst("^\\{\"([A-Za-z0-9_]+)\"", "{'$1'"), own.replaceFirst("^\\{\"([A-Za-z0-9_]+)\"", "{$1"),
        own.replaceFirst("}$", ",}"), own.replaceFirst("^\\{", "{,")));
    int comma = own.indexOf(",\"");
    if (comma > 0) {
      out.add(own.substring(0, comma) + ";" + own.substring(comma + 1));
      out.add(own.substring(0, comma) + own.substring(comma + 1)); // a missing comma
      out.add(own.replaceFirst("^\\{", "{" + own.substring(1, comma) + ",")); // the first member twice
    }
    java.util.regex.Matcher number = java.util.regex.Pattern.compile(":(\\d+)([,}\\]])").matcher(own);
    if (number.find()) {
      String head = own.substring(0, number.start(1));
      String tail = own.substring(number.end(1));
      for (String bad : List.of("0" + number.group(1), "+" + number.group(1), number.group(1) + ".", "." + number.group(1),
          "NaN", "Infinity", "-Infinity", "True", "NULL", "0x1", "\uFF11")) {
        out.add(head + bad + tail);
      }
    }
    return out;
  }

  /** JSON texts (of JSONTestSuite's n_ kinds) that are not JSON at all, whatever the schema. */
  static final List<String> NOT_JSON = List.of("", " ", "{", "[", "{}}", "{} {}", "{\"a\" 1}", "{\"a\":}", "{'a':1}", "{a:1}",
      "{\"a\":1,}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":NaN}", "{\"a\":True}", "{\"a\":\"\u0001\"}",
      "{\"a\":\"\\'\"}", "{\"a\":\"\\x41\"}", "{/**/}", "{\"a\":[1,]}", "{\"a\":1}x", "{\"a\":'b'}");

  /** Each kind of XML well-formedness error, planted into {@code own}, a document holding {@code marker}. */
  static List<String> invalidXml(String own, String marker) {
    int close = own.lastIndexOf("</");
    List<String> out = new ArrayList<>(List.of(own + own, own + "text after the root", own + "<after/>",
        own.replace(marker, "a & b"), own.replace(marker, "a < b"), own.replace(marker, "<open>"), own.replace(marker, "</close>"),
        own.substring(0, own.length() - 1), own.replace(marker, "&undeclared;"), own.replace(marker, "&#xZZ;")));
    if (close > 0) {
      out.add(own.substring(0, close) + "</Mismatched>");
      out.add(own.substring(0, close));
    }
    return out;
  }

  /** Returns {@code own} with the first occurrence of the bytes of {@code marker} overwritten by {@code with} (as long). */
  static byte[] overwrite(byte[] own, String marker, byte[] with) {
    byte[] mark = utf8(marker);
    for (int i = 0; i + mark.length <= own.length; i++) {
      if (java.util.Arrays.equals(own, i, i + mark.length, mark, 0, mark.length)) {
        byte[] out = own.clone();
        System.arraycopy(with, 0, out, i, with.length);
        return out;
      }
    }
    return null;
  }

  /** Returns the index of the first surrogate in {@code text} that is not half of a high-low pair, or -1. */
  static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
