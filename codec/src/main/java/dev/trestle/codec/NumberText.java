package dev.trestle.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Numbers written as text: {@code "id": "123…"} in JSON, and every number in XML, where a number is
 * always element text. Jackson checks {@code maxNumberLength} only on number tokens, so such text
 * was read whole, copied into a {@code String} and handed to a number parser before it failed: a
 * 16 MiB digit string took hundreds of milliseconds (issue 16). This module puts a length check in
 * front of every numeric field's deserializer: text longer than {@code maxNumberLength} fails from
 * its length alone, before it is copied or parsed. Stateless and thread-safe.
 */
final class NumberText {

  private NumberText() {}

  private static final List<Class<?>> TYPES = List.of(
      Integer.class, int.class, Long.class, long.class, Short.class, short.class, Byte.class, byte.class,
      Double.class, double.class, Float.class, float.class, BigInteger.class, BigDecimal.class);

  /** Returns the module that bounds numbers given as text to {@code limits.maxNumberLength()}. */
  static SimpleModule module(CodecLimits limits) {
    SimpleModule module = new SimpleModule("trestle-number-text");
    for (Class<?> type : TYPES) {
      add(module, type, limits.maxNumberLength());
    }
    return module;
  }

  @SuppressWarnings("unchecked")
  private static <T> void add(SimpleModule module, Class<T> type, int maxLength) {
    JsonDeserializer<T> standard = (JsonDeserializer<T>) NumberDeserializers.find(type, type.getName());
    module.addDeserializer(type, new Bounded<>(type, standard, maxLength));
  }

  /** The standard deserializer of one numeric type, behind a length check on text. */
  private static final class Bounded<T> extends StdDeserializer<T> {
    private final JsonDeserializer<T> standard;
    private final int maxLength;

    Bounded(Class<T> type, JsonDeserializer<T> standard, int maxLength) {
      super(type);
      this.standard = standard;
      this.maxLength = maxLength;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.hasToken(JsonToken.VALUE_STRING) && parser.getTextLength() > maxLength) {
        throw new StreamConstraintsException("the text for a " + handledType().getSimpleName() + " field is "
            + parser.getTextLength() + " characters, longer than maxNumberLength " + maxLength + "; rejected before parsing");
      }
      return standard.deserialize(parser, context);
    }

    @Override
    public T getNullValue(DeserializationContext context) throws com.fasterxml.jackson.databind.JsonMappingException {
      return standard.getNullValue(context);
    }

    @Override
    public Object getEmptyValue(DeserializationContext context) throws com.fasterxml.jackson.databind.JsonMappingException {
      return standard.getEmptyValue(context);
    }

    @Override
    public com.fasterxml.jackson.databind.type.LogicalType logicalType() {
      return standard.logicalType();
    }
  }
}
