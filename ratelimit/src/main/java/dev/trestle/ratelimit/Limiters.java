package dev.trestle.ratelimit;

/** Creates the limiter of a config's algorithm. */
final class Limiters {

  private Limiters() {}

  static AbstractLimiter create(RateLimiterConfig config) {
    switch (config.algorithm) {
      case TOKEN_BUCKET:
        return new TokenBucket(config);
      case GCRA:
      case LEAKY_BUCKET: // the same decision: see Gcra
        return new Gcra(config);
      case LEAKY_BUCKET_SHAPER:
        return new LeakyBucketShaper(config);
      case FIXED_WINDOW:
        return new FixedWindow(config);
      case SLIDING_WINDOW_LOG:
        return new SlidingWindowLog(config);
      case SLIDING_WINDOW_COUNTER:
        return new SlidingWindowCounter(config);
      default:
        throw new IllegalArgumentException("unknown algorithm " + config.algorithm);
    }
  }
}
