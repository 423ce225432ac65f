package dev.trestle.codec.model;

/**
 * A name-value label of a {@link Series}. Immutable; either may be null (absent).
 *
 * @param name the label's name
 * @param value its value
 */
public record Label(String name, String value) {}
