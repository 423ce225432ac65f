/**
 * Trestle codec: one data model encoded as JSON (Jackson), XML (Jackson over Woodstox), Protocol
 * Buffers (protobuf-java) and Protobuf's JSON mapping, safe by default. The wire-size comparison
 * of the formats is a tool of the benchmarks module.
 *
 * <p>Exports the API and the model; the generated Protobuf classes stay internal.
 */
module dev.trestle.codec {
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.xml;
  requires com.ctc.wstx;
  requires java.xml;
  // Codecs.protobuf and protobufJson take the application's own message types and descriptors.
  requires transitive com.google.protobuf;
  requires com.google.protobuf.util;

  exports dev.trestle.codec;
  exports dev.trestle.codec.model;

  // Jackson maps the records reflectively.
  opens dev.trestle.codec.model to com.fasterxml.jackson.databind;
}
