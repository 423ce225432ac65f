package dev.trestle.ratelimit;

/** {@link LimiterModelCheck} of {@link RateLimitAlgorithm#GCRA}. */
public class GcraModelCheckTest extends LimiterModelCheck {
  public GcraModelCheckTest() {
    super(RateLimitAlgorithm.GCRA);
  }
}
