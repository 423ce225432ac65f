package dev.trestle.benchmarks.codec;

import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.trestle.codec.Codec;
import dev.trestle.codec.CodecException;
import dev.trestle.codec.CodecLimits;
import dev.trestle.codec.Codecs;
import dev.trestle.codec.Dataset;
import dev.trestle.codec.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLOutputFactory;

/**
 * Measures how many bytes the same messages take in each format, raw and gzip-compressed: for a
 * {@link Dataset} through Trestle's codecs, and for the user's own data given as JSON lines plus a
 * Protobuf descriptor set ({@code protoc --include_imports --descriptor_set_out=FILE}) and the
 * message's name. Deterministic: the same input always gives the same table. Thread-safe.
 */
public final class WireSizes {

  private WireSizes() {}

  /** Returns the sizes of {@code samples} in every {@link Format}, with the default limits. */
  public static <T> SizeTable of(Dataset<T> dataset, List<T> samples) {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(samples, "samples");
    List<WireSize> rows = new ArrayList<>();
    for (Format format : Format.values()) {
      Codec<T> codec = Codecs.of(format, dataset);
      List<byte[]> encoded = new ArrayList<>(samples.size());
      for (T sample : samples) {
        encoded.add(codec.encode(sample));
      }
      rows.add(measure(format.codecName(), encoded));
    }
    return table(dataset.name(), rows);
  }

  /**
   * Returns the sizes of the user's messages: each non-blank line of {@code jsonLines} is one
   * message of type {@code messageName} (a full name such as {@code shop.Order}, or a simple name
   * if it is unique in the set) in Protobuf's JSON mapping, parsed with {@code JsonFormat} against
   * {@code descriptorSet}. Rows: {@code json} (the line re-encoded compactly by Jackson), {@code xml}
   * (the same tree through Jackson's XML module, root element the message's simple name),
   * {@code protobuf} and {@code protobuf-json} (compact {@code JsonFormat}).
   *
   * @throws IllegalArgumentException if the descriptor set does not parse or lacks the message
   * @throws CodecException if a line is not a valid message, naming the line
   */
  public static SizeTable ofJsonLines(List<String> jsonLines, byte[] descriptorSet, String messageName) {
    Objects.requireNonNull(jsonLines, "jsonLines");
    return ofJsonLines(jsonLines, findMessage(descriptorSet, messageName));
  }

  /**
   * As {@link #ofJsonLines(List, byte[], String)}, for the message type {@code type} (from a
   * descriptor set, or {@code MyMessage.getDescriptor()} of a generated class).
   *
   * @throws CodecException if a line is not a valid message, naming the line
   */
  public static SizeTable ofJsonLines(List<String> jsonLines, Descriptor type) {
    Objects.requireNonNull(jsonLines, "jsonLines");
    Objects.requireNonNull(type, "type");
    ObjectMapper json = jsonMapper(CodecLimits.defaults());
    XmlMapper xml = xmlMapper();
    JsonFormat.Parser parser = JsonFormat.parser();
    JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
    List<byte[]> jsonBytes = new ArrayList<>();
    List<byte[]> xmlBytes = new ArrayList<>();
    List<byte[]> protoBytes = new ArrayList<>();
    List<byte[]> protoJsonBytes = new ArrayList<>();
    int lineNumber = 0;
    for (String line : jsonLines) {
      lineNumber++;
      if (line == null || line.isBlank()) {
        continue;
      }
      try {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        parser.merge(line, builder);
        DynamicMessage message = builder.build();
        JsonNode tree = json.readTree(line);
        jsonBytes.add(json.writeValueAsBytes(tree));
        xmlBytes.add(xml.writer().withRootName(type.getName()).writeValueAsBytes(tree));
        protoBytes.add(message.toByteArray());
        protoJsonBytes.add(printer.print(message).getBytes(StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        throw new CodecException("line " + lineNumber + " is not a " + type.getFullName() + " in Protobuf's JSON mapping: "
            + e.getMessage(), e);
      }
    }
    List<WireSize> rows = List.of(measure(Format.JSON.codecName(), jsonBytes), measure(Format.XML.codecName(), xmlBytes),
        measure(Format.PROTOBUF.codecName(), protoBytes), measure(Format.PROTOBUF_JSON.codecName(), protoJsonBytes));
    return table(type.getFullName(), rows);
  }

  /**
   * Returns the sizes of the user's own records or POJOs: each non-blank line of {@code jsonLines}
   * is one value of {@code type} in JSON, decoded by Trestle's JSON codec for {@code type}, then
   * encoded by its JSON and XML codecs (rows {@code json} and {@code xml}: a type without a
   * Protobuf schema has no Protobuf rows). A generated Protobuf message class gets the four rows of
   * {@link #ofJsonLines(List, Descriptor)} instead, its lines read in Protobuf's JSON mapping.
   *
   * @throws CodecException if a line is not a valid value, naming the line
   */
  public static <T> SizeTable ofJsonLines(List<String> jsonLines, Class<T> type) {
    Objects.requireNonNull(jsonLines, "jsonLines");
    Objects.requireNonNull(type, "type");
    if (Message.class.isAssignableFrom(type)) {
      return ofJsonLines(jsonLines, ofJsonLinesDescriptor(type));
    }
    Codec<T> json = Codecs.json(type, CodecLimits.defaults());
    Codec<T> xml = Codecs.xml(type, CodecLimits.defaults());
    List<byte[]> jsonBytes = new ArrayList<>();
    List<byte[]> xmlBytes = new ArrayList<>();
    int lineNumber = 0;
    for (String line : jsonLines) {
      lineNumber++;
      if (line == null || line.isBlank()) {
        continue;
      }
      T value;
      try {
        value = json.decode(line.getBytes(StandardCharsets.UTF_8));
      } catch (CodecException e) {
        throw new CodecException("line " + lineNumber + " is not a " + type.getName() + " in JSON: " + e.getMessage(), e);
      }
      jsonBytes.add(json.encode(value));
      xmlBytes.add(xml.encode(value));
    }
    return table(type.getName(), List.of(measure(Format.JSON.codecName(), jsonBytes), measure(Format.XML.codecName(), xmlBytes)));
  }

  /** The descriptor of a generated message class, through its static {@code getDescriptor()}. */
  static Descriptor ofJsonLinesDescriptor(Class<?> type) {
    try {
      return (Descriptor) type.getMethod("getDescriptor").invoke(null);
    } catch (ReflectiveOperationException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("type " + type.getName() + " is a Protobuf message but has no static "
          + "getDescriptor(): pass a class generated by protoc, or a descriptor set and the message's name", e);
    }
  }

  /**
   * The JSON mapper for the user's lines: the codec's default limits on what it reads (the lines
   * are outside input), trailing tokens refused, and a character outside the BMP written as its
   * 4-byte UTF-8 rather than a 12-byte pair of escaped surrogates, as the codec's JSON does.
   */
  private static ObjectMapper jsonMapper(CodecLimits limits) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxInputBytes())
            .maxNameLength(Math.min(limits.maxInputBytes(), StreamReadConstraints.DEFAULT_MAX_NAME_LEN))
            .build())
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .build();
    return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /**
   * The XML mapper that writes the trees (it never reads): Woodstox, failing on a character XML 1.0
   * cannot carry instead of writing a document no parser accepts, as the codec's XML does.
   */
  private static XmlMapper xmlMapper() {
    XMLOutputFactory output = new WstxOutputFactory();
    output.setProperty(WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER, InvalidCharHandler.FailingHandler.getInstance());
    return new XmlMapper(XmlFactory.builder().xmlOutputFactory(output).build());
  }

  private static SizeTable table(String name, List<WireSize> rows) {
    List<WireSize> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong(WireSize::rawBytes));
    return new SizeTable(name, sorted);
  }

  static WireSize measure(String format, List<byte[]> messages) {
    long raw = 0;
    long gzip = 0;
    for (byte[] message : messages) {
      raw += message.length;
      gzip += gzip(message).length;
    }
    return new WireSize(format, messages.size(), raw, gzip);
  }

  /** Returns {@code bytes} gzip-compressed at the default level (6). */
  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 32);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("gzip into memory failed", e); // a ByteArrayOutputStream does not throw
    }
    return out.toByteArray();
  }

  static Descriptor findMessage(byte[] descriptorSet, String messageName) {
    Objects.requireNonNull(descriptorSet, "descriptorSet");
    Objects.requireNonNull(messageName, "messageName");
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(descriptorSet);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("descriptorSet is not a FileDescriptorSet (protoc --descriptor_set_out): "
          + e.getMessage(), e);
    }
    Map<String, FileDescriptorProto> protos = new HashMap<>();
    for (FileDescriptorProto file : set.getFileList()) {
      protos.put(file.getName(), file);
    }
    Map<String, FileDescriptor> built = new HashMap<>();
    List<Descriptor> matches = new ArrayList<>();
    for (FileDescriptorProto file : set.getFileList()) {
      for (Descriptor message : build(file.getName(), protos, built, 0).getMessageTypes()) {
        if (message.getFullName().equals(messageName) || message.getName().equals(messageName)) {
          matches.add(message);
        }
      }
    }
    List<String> exact = matches.stream().map(Descriptor::getFullName).filter(messageName::equals).toList();
    if (exact.size() == 1 || matches.size() == 1) {
      return exact.size() == 1 ? matches.stream().filter(m -> m.getFullName().equals(messageName)).findFirst().orElseThrow()
          : matches.get(0);
    }
    List<String> known = new ArrayList<>();
    built.values().forEach(f -> f.getMessageTypes().forEach(m -> known.add(m.getFullName())));
    known.sort(null);
    throw new IllegalArgumentException("messageName must name one top-level message of the descriptor set "
        + (matches.isEmpty() ? "" : "unambiguously ") + "but was \"" + messageName + "\"; the set holds " + known);
  }

  private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos, Map<String, FileDescriptor> built,
      int depth) {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      throw new IllegalArgumentException("descriptorSet lacks " + name + ", which another file imports: generate it with "
          + "protoc --include_imports");
    }
    if (depth > protos.size()) {
      throw new IllegalArgumentException("descriptorSet has an import cycle through " + name);
    }
    List<FileDescriptor> dependencies = new ArrayList<>();
    for (String dependency : proto.getDependencyList()) {
      dependencies.add(build(dependency, protos, built, depth + 1));
    }
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies.toArray(new FileDescriptor[0]));
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException("descriptorSet's " + name + " is not valid: " + e.getMessage(), e);
    }
  }
}
