/**
 * Codecs that encode one data model as JSON, XML, Protocol Buffers and Protobuf's JSON mapping
 * ({@link dev.trestle.codec.Codec}, {@link dev.trestle.codec.Codecs}), the sample datasets
 * ({@link dev.trestle.codec.Dataset}) and the wire-size comparison
 * ({@link dev.trestle.codec.WireSizes}).
 */
package dev.trestle.codec;
