package dev.trestle.ratelimit;

import java.time.Duration;

/**
 * The limiter {@link RateLimiter#listening} returns: decides through the limiter it wraps and then
 * tells the listener. The wrapped limiter's own path is untouched, so a limiter without a listener
 * pays nothing. Thread-safe as the wrapped limiter is.
 */
final class ListeningRateLimiter implements RateLimiter {

  private final RateLimiter limiter;
  private final RateLimiterListener listener;

  ListeningRateLimiter(RateLimiter limiter, RateLimiterListener listener) {
    this.limiter = limiter;
    this.listener = listener;
  }

  private boolean tell(boolean permitted, long permits) {
    try {
      if (permitted) {
        listener.onPermitted(permits);
      } else {
        listener.onRejected(permits);
      }
    } catch (RuntimeException | Error ignored) {
      // A listener's failure must not change the decision or lose the permits it took.
    }
    return permitted;
  }

  @Override
  public RateLimiterConfig config() {
    return limiter.config();
  }

  @Override
  public boolean tryAcquire() {
    return tell(limiter.tryAcquire(), 1);
  }

  @Override
  public boolean tryAcquire(long permits) {
    return tell(limiter.tryAcquire(permits), permits);
  }

  @Override
  public boolean tryAcquire(long permits, Duration maxWait) throws InterruptedException {
    return tell(limiter.tryAcquire(permits, maxWait), permits);
  }

  @Override
  public RateLimitDecision probe(long permits) {
    RateLimitDecision decision = limiter.probe(permits);
    tell(decision.allowed(), permits);
    return decision;
  }

  @Override
  public String toString() {
    return limiter + " (listening)";
  }
}
