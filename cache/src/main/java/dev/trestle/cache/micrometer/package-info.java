/**
 * The Micrometer binder of the cache module, {@link dev.trestle.cache.micrometer.CacheMeters}.
 * Micrometer is an optional dependency that only this package needs.
 */
package dev.trestle.cache.micrometer;
