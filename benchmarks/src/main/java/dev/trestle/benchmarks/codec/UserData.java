package dev.trestle.benchmarks.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecException;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Codecs;
import dev.trestle.codec.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's own data as a codec of one format and the values it encodes, for
 * {@link UserDataBenchmark}: JSON lines of a record or POJO class (JSON and XML through Trestle's
 * codecs of that class), or of a Protobuf message given by its generated class or a descriptor set
 * (Protobuf and Protobuf JSON through {@code Codecs.protobuf}/{@code protobufJson}, JSON and XML
 * as the lines' JSON trees, as {@link WireSizes} measures them). Immutable.
 *
 * @param codec the codec of the chosen format
 * @param values the values, one per non-blank line
 */
record UserData(Codec<Object> codec, Object[] values) {

  /**
   * Loads {@code jsonLines} for {@code format}.
   *
   * @param className a record, POJO or generated message class on the class path, or blank
   * @param descriptorSet a descriptor set file, used with {@code message} when {@code className} is blank
   * @throws IllegalArgumentException if the arguments do not name a type, or the format needs a schema the type lacks
   * @throws CodecException if a line is not a value of the type, naming the line
   */
  static UserData load(Path jsonLines, String className, Path descriptorSet, String message, String format) {
    Format chosen = format(format);
    List<String> lines;
    try {
      lines = Files.readAllLines(jsonLines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --json-lines " + jsonLines, e);
    }
    CodecLimits limits = CodecLimits.defaults();
    Descriptor protoType = null;
    Class<?> type = null;
    if (className != null && !className.isBlank()) {
      try {
        type = Class.forName(className);
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException("className " + className + " is not on the class path: run with "
            + "-cp benchmarks.jar:YOUR_CLASSES org.openjdk.jmh.Main", e);
      }
      if (Message.class.isAssignableFrom(type)) {
        protoType = WireSizes.ofJsonLinesDescriptor(type);
      }
    } else if (descriptorSet != null && message != null && !message.isBlank()) {
      try {
        protoType = WireSizes.findMessage(Files.readAllBytes(descriptorSet), message);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read descriptorSet " + descriptorSet, e);
      }
    } else {
      throw new IllegalArgumentException("give className, or descriptorSet and message");
    }
    if (protoType == null) {
      if (chosen == Format.PROTOBUF || chosen == Format.PROTOBUF_JSON) {
        throw new IllegalArgumentException(className + " has no Protobuf schema: run with -p format=json,xml");
      }
      return decodeAll(lines, cast(Codecs.of(chosen, type, limits)), cast(Codecs.json(type, limits)));
    }
    Codec<Object> protoJson = cast(Codecs.protobufJson(protoType, limits));
    switch (chosen) {
      case PROTOBUF: return decodeAll(lines, cast(Codecs.protobuf(protoType, limits)), protoJson);
      case PROTOBUF_JSON: return decodeAll(lines, protoJson, protoJson);
      default: return decodeAll(lines, cast(Codecs.of(chosen, JsonNode.class, limits)), cast(Codecs.json(JsonNode.class, limits)));
    }
  }

  private static UserData decodeAll(List<String> lines, Codec<Object> codec, Codec<Object> reader) {
    List<Object> values = new ArrayList<>();
    int number = 0;
    for (String line : lines) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        values.add(reader.decode(line.getBytes(StandardCharsets.UTF_8)));
      } catch (CodecException e) {
        throw new CodecException("line " + number + " is not a value of the type: " + e.getMessage(), e);
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("jsonLines holds no value");
    }
    return new UserData(codec, values.toArray());
  }

  private static Format format(String name) {
    for (Format format : Format.values()) {
      if (format.codecName().equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("format must be json, xml, protobuf or protobuf-json but was \"" + name + "\"");
  }

  @SuppressWarnings("unchecked")
  private static Codec<Object> cast(Codec<?> codec) {
    return (Codec<Object>) codec;
  }
}
