package dev.trestle.ratelimit;

/** {@link LimiterModelCheck} of {@link RateLimitAlgorithm#TOKEN_BUCKET}. */
public class TokenBucketModelCheckTest extends LimiterModelCheck {
  public TokenBucketModelCheckTest() {
    super(RateLimitAlgorithm.TOKEN_BUCKET);
  }
}
