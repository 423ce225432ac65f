package dev.trestle.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.regex.Pattern;

/**
 * Puts back the sign of {@code -0.0} that protobuf-java-util's {@code JsonFormat} drops (it parses
 * doubles through {@code BigDecimal}). Only texts holding a negative-zero literal are walked.
 */
final class NegativeZeros {

  private NegativeZeros() {}

  private static final Pattern LITERAL = Pattern.compile("-0(?:\\.0*)?(?:[eE][+-]?\\d+)?(?![\\d.eE])");

  static boolean mayHold(String json) {
    return json.contains("-0") && LITERAL.matcher(json).find();
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
        if (field.isRepeated()) {
          for (int i = 0; i < value.size() && i < builder.getRepeatedFieldCount(field); i++) {
            restore(builder.getRepeatedFieldBuilder(field, i), value.get(i));
          }
        } else if (builder.hasField(field)) {
          restore(builder.getFieldBuilder(field), value);
        }
      }
    }
  }

  private static boolean negativeZero(com.fasterxml.jackson.databind.JsonNode value) {
    return value != null && value.isNumber() && value.doubleValue() == 0 && value.asText().startsWith("-");
  }
}
