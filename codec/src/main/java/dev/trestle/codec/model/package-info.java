/**
 * The domain records every Trestle codec maps to: the {@code MediaContent} object of the JVM
 * serializer benchmarks, a numeric-heavy {@link dev.trestle.codec.model.Order}, a string-heavy
 * {@link dev.trestle.codec.model.EventLog} and a {@link dev.trestle.codec.model.MetricsBatch} of
 * numeric series.
 *
 * <p>Conventions shared by all records: a {@code null} string or enum means the field is absent
 * and stays distinct from an empty string in every format; a list is never {@code null} (a null
 * list is taken as empty) and never holds {@code null}; lists are copied, so every record is
 * immutable and safe to share between threads.
 */
package dev.trestle.codec.model;
