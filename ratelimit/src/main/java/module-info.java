/**
 * Trestle rate limiting: exact local rate limiters (token bucket, GCRA, leaky bucket, fixed and
 * sliding windows), a keyed limiter in bounded memory, and a limiter shared through Redis.
 * Admission by concurrency: {@code ConcurrencyLimiter}, with a fixed or an adaptive limit.
 *
 * <p>Exports only the API package; implementation classes are package-private. Jedis is optional:
 * only {@code RedisRateLimiter} needs it at run time.
 */
module dev.trestle.ratelimit {
  requires transitive dev.trestle.core;
  requires static redis.clients.jedis;
  requires static micrometer.core;
  requires jdk.jfr;
  requires org.slf4j;

  exports dev.trestle.ratelimit;
  exports dev.trestle.ratelimit.micrometer;
}
