package dev.trestle.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * The RFC 8259 gate in front of protobuf-java-util's {@code JsonFormat}, which reads JSON through a
 * lenient Gson reader (comments, single quotes, unquoted names, {@code NaN}, trailing data) and
 * parses every number, quoted or not, through {@code BigDecimal} (quadratic in its length).
 *
 * <p>One streaming pass of a Jackson parser with every leniency off and duplicate names rejected,
 * under the codec's depth, string and number limits, that must find exactly one value. It walks
 * the message's descriptors alongside, so a string given for a numeric field (which
 * {@code JsonFormat} accepts and parses as a number) is held to {@code maxNumberLength} as well.
 * Stateless after construction and thread-safe.
 */
final class StrictJson {

  private static final JsonReadFeature[] LENIENCIES = {
      JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
      JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_RS_CONTROL_CHAR,
      JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
      JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS, JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
      JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
      JsonReadFeature.ALLOW_MISSING_VALUES, JsonReadFeature.ALLOW_TRAILING_COMMA};

  private static final Object OPAQUE = new Object(); // a value whose shape the schema does not describe

  private final JsonFactory factory;
  private final CodecLimits limits;

  StrictJson(CodecLimits limits) {
    this.limits = limits;
    JsonFactoryBuilder builder = new JsonFactoryBuilder()
        .streamReadConstraints(JacksonMappers.constraints(limits))
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    // All off by default in Jackson 2; each is a leniency JsonFormat has. One at a time: Jackson
    // 2.20's varargs disable(first, other...) enables the features after the first.
    for (JsonReadFeature leniency : LENIENCIES) {
      builder.disable(leniency);
    }
    this.factory = builder.build();
  }

  /**
   * Throws {@link CodecException} unless {@code bytes} hold exactly one RFC 8259 JSON value within the
   * limits. With {@code root} null only the syntax and the limits are checked, not the schema.
   */
  void check(byte[] bytes, Descriptor root, String codec) {
    try (JsonParser parser = factory.createParser(bytes)) {
      ArrayDeque<Object> open = new ArrayDeque<>(); // Descriptor of an object, FieldDescriptor of an array, or OPAQUE
      FieldDescriptor named = null; // the field the last name in the innermost object named
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new CodecException(codec + ": the input holds no JSON value");
      }
      do {
        Object top = open.peek();
        FieldDescriptor field = top instanceof Descriptor ? named : top instanceof FieldDescriptor ? (FieldDescriptor) top : null;
        switch (token) {
          case FIELD_NAME:
            named = top instanceof Descriptor ? field((Descriptor) top, parser.currentName(), codec) : null;
            break;
          case START_OBJECT:
            open.push(open.isEmpty() ? (root != null ? root : OPAQUE)
                : field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()
                    ? field.getMessageType() : OPAQUE);
            named = null;
            break;
          case START_ARRAY:
            open.push(field != null && field.isRepeated() && !field.isMapField() ? field : OPAQUE);
            break;
          case END_OBJECT:
          case END_ARRAY:
            open.pop();
            named = null;
            break;
          case VALUE_STRING:
            if (field != null && numeric(field) && parser.getTextLength() > limits.maxNumberLength()) {
              throw new CodecException(codec + ": the string for numeric field " + field.getName() + " is longer than maxNumberLength "
                  + limits.maxNumberLength() + "; rejected before parsing");
            }
            break;
          default:
            break;
        }
      } while (!open.isEmpty() && (token = parser.nextToken()) != null);
      if (!open.isEmpty()) {
        throw new CodecException(codec + ": the JSON text ends inside a value");
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new CodecException(codec + ": data after the JSON value (" + trailing + " at " + parser.currentLocation().getCharOffset()
            + "); exactly one value is allowed");
      }
    } catch (StreamConstraintsException e) {
      throw new CodecException(codec + ": the input is over a limit (maxDepth " + limits.maxDepth() + ", maxNumberLength "
          + limits.maxNumberLength() + "): " + Messages.brief(e), e);
    } catch (IOException e) {
      throw new CodecException(codec + ": the input is not RFC 8259 JSON: " + Messages.brief(e), e);
    }
  }

  /**
   * Returns the field {@code name} names (proto or JSON name). An unknown name fails here, at once:
   * JsonFormat would reject it too, but only after reading its value, however long.
   */
  private static FieldDescriptor field(Descriptor message, String name, String codec) {
    if (message.getFullName().startsWith("google.protobuf.")) {
      return null; // a well-known type has a JSON form of its own (Any's "@type", Struct's free names)
    }
    FieldDescriptor field = message.findFieldByName(name);
    if (field != null) {
      return field;
    }
    for (FieldDescriptor candidate : message.getFields()) {
      if (candidate.getJsonName().equals(name)) {
        return candidate;
      }
    }
    throw new CodecException(codec + ": " + message.getFullName() + " has no field " + Messages.brief(new Exception(name)));
  }

  private static boolean numeric(FieldDescriptor field) {
    switch (field.getJavaType()) {
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
        return true;
      default:
        return false;
    }
  }
}
