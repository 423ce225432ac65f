/**
 * Micrometer binders for core's blocks: {@link dev.trestle.core.micrometer.CircuitBreakerMeters},
 * {@link dev.trestle.core.micrometer.BulkheadMeters}, {@link dev.trestle.core.micrometer.RetryMeters},
 * {@link dev.trestle.core.micrometer.HedgeMeters} and the metered decorator of
 * {@link dev.trestle.core.micrometer.TimeLimiterMeters}.
 *
 * <p>Micrometer ({@code io.micrometer:micrometer-core}) is an optional dependency: only this package
 * needs it, and an application that does not use it pays nothing. The binders of the blocks that
 * keep counters read the block's {@code metrics()} snapshot when the registry is scraped, so binding
 * them changes nothing on the call path. Meter names follow Micrometer's conventions (dot-separated,
 * lower case, base units) and mirror Resilience4j's where it has one, under the prefix
 * {@code trestle.} instead of {@code resilience4j.}; every meter carries the tag {@code name} with
 * the block's name, plus the tags given to the binder.
 */
package dev.trestle.core.micrometer;
