/**
 * Codecs that encode one data model as JSON, XML, Protocol Buffers and Protobuf's JSON mapping
 * ({@link dev.trestle.codec.Codec}, {@link dev.trestle.codec.Codecs}) and the sample datasets
 * ({@link dev.trestle.codec.Dataset}).
 */
package dev.trestle.codec;
