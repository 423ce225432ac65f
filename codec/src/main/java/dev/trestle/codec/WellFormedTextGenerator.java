package dev.trestle.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDecorator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.nio.CharBuffer;

/**
 * Refuses to write a string holding an unpaired surrogate. Jackson's UTF-8 writer would merge a
 * lone high surrogate with the character after it (or escape it as {@code \}{@code uD800}), so
 * {@code decode(encode(v))} would not equal {@code v}; the encode fails with
 * {@link CodecException} instead.
 */
final class WellFormedTextGenerator extends JsonGeneratorDelegate {

  /** Decorates every generator of a factory. */
  static final JsonGeneratorDecorator DECORATOR = new JsonGeneratorDecorator() {
    @Override
    public JsonGenerator decorate(JsonFactory factory, JsonGenerator generator) {
      return new WellFormedTextGenerator(generator);
    }
  };

  private WellFormedTextGenerator(JsonGenerator delegate) {
    super(delegate, false);
  }

  private static void check(CharSequence text) {
    int at = Utf8.unpairedSurrogate(text);
    if (at >= 0) {
      throw Utf8.unpaired("json", "a string", text, at);
    }
  }

  @Override
  public void writeString(String text) throws IOException {
    if (text != null) {
      check(text);
    }
    super.writeString(text);
  }

  @Override
  public void writeString(char[] text, int offset, int length) throws IOException {
    check(CharBuffer.wrap(text, offset, length));
    super.writeString(text, offset, length);
  }

  @Override
  public void writeString(SerializableString text) throws IOException {
    check(text.getValue());
    super.writeString(text);
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    check(name);
    super.writeFieldName(name);
  }

  @Override
  public void writeFieldName(SerializableString name) throws IOException {
    check(name.getValue());
    super.writeFieldName(name);
  }
}
