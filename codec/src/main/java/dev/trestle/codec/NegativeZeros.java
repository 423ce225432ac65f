package dev.trestle.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.regex.Pattern;

/**
 * Puts back the sign of {@code -0.0} that protobuf-java-util's {@code JsonFormat} drops (it parses
 * doubles through {@code BigDecimal}). Only texts holding a negative-zero number token (outside
 * strings: a UUID's "-0c43" does not count) are walked.
 */
final class NegativeZeros {

  private NegativeZeros() {}

  private static final Pattern NEGATIVE_ZERO = Pattern.compile("-0(?:\\.0*)?(?:[eE][+-]?\\d+)?");

  /** Returns whether {@code json} holds a number token (outside strings) that is a negative zero. */
  static boolean mayHold(String json) {
    if (json.indexOf("-0") < 0) {
      return false;
    }
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '-') {
        int end = i + 1;
        while (end < json.length() && "0123456789.eE+-".indexOf(json.charAt(end)) >= 0) {
          end++;
        }
        if (NEGATIVE_ZERO.matcher(json.substring(i, end)).matches()) {
          return true;
        }
        i = end - 1;
      }
    }
    return false;
  }

  /** Sets -0.0 in {@code builder} wherever {@code node}, the same message as a JSON tree, holds a negative zero. */
  static void restore(Message.Builder builder, com.fasterxml.jackson.databind.JsonNode node) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
      com.fasterxml.jackson.databind.JsonNode value = node.has(field.getJsonName()) ? node.get(field.getJsonName()) : node.get(field.getName());
      if (value == null || value.isNull()) {
        continue;
      }
      FieldDescriptor.JavaType type = field.getJavaType();
      if (type == FieldDescriptor.JavaType.DOUBLE || type == FieldDescriptor.JavaType.FLOAT) {
        if (field.isRepeated()) {
          for (int i = 0; i < value.size() && i < builder.getRepeatedFieldCount(field); i++) {
            if (negativeZero(value.get(i))) {
              builder.setRepeatedField(field, i, type == FieldDescriptor.JavaType.DOUBLE ? (Object) (-0.0) : (Object) (-0.0f));
            }
          }
        } else if (negativeZero(value)) {
          builder.setField(field, type == FieldDescriptor.JavaType.DOUBLE ? (Object) (-0.0) : (Object) (-0.0f));
        }
      } else if (type == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()) {
        // through toBuilder/setField rather than getFieldBuilder, which a DynamicMessage's builder does not support
        if (field.isRepeated()) {
          for (int i = 0; i < value.size() && i < builder.getRepeatedFieldCount(field); i++) {
            Message.Builder element = ((Message) builder.getRepeatedField(field, i)).toBuilder();
            restore(element, value.get(i));
            builder.setRepeatedField(field, i, element.build());
          }
        } else if (builder.hasField(field)) {
          Message.Builder nested = ((Message) builder.getField(field)).toBuilder();
          restore(nested, value);
          builder.setField(field, nested.build());
        }
      }
    }
  }

  private static boolean negativeZero(com.fasterxml.jackson.databind.JsonNode value) {
    return value != null && value.isNumber() && value.doubleValue() == 0 && value.asText().startsWith("-");
  }
}
