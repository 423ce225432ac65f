package dev.trestle.codec;

/** The wire formats Trestle encodes its models in. */
public enum Format {
  /** JSON through Jackson databind. */
  JSON("json", "application/json"),
  /** XML through Jackson's XML module over Woodstox, with DTDs and external entities off. */
  XML("xml", "application/xml"),
  /** Protocol Buffers binary through protobuf-java classes generated at build time. */
  PROTOBUF("protobuf", "application/x-protobuf"),
  /** Protocol Buffers' canonical JSON mapping through protobuf-java-util's {@code JsonFormat}. */
  PROTOBUF_JSON("protobuf-json", "application/json");

  private final String codecName;
  private final String mediaType;

  Format(String codecName, String mediaType) {
    this.codecName = codecName;
    this.mediaType = mediaType;
  }

  /** Returns the name of this format's codecs, for example {@code protobuf-json}. */
  public String codecName() {
    return codecName;
  }

  /** Returns the media type of this format. */
  public String mediaType() {
    return mediaType;
  }

  /** Returns whether the format is binary rather than text. */
  public boolean binary() {
    return this == PROTOBUF;
  }
}
