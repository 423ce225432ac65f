/**
 * The Micrometer binders of the rate limit module: {@link dev.trestle.ratelimit.micrometer.RateLimiterMeters}
 * (a metered decorator of any {@link dev.trestle.ratelimit.RateLimiter}) and
 * {@link dev.trestle.ratelimit.micrometer.RedisRateLimiterMeters} (the Redis limiter's failures).
 * Micrometer is an optional dependency that only this package needs.
 */
package dev.trestle.ratelimit.micrometer;
