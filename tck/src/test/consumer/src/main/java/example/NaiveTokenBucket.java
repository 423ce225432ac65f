package example;

import dev.trestle.core.Ticker;
import dev.trestle.ratelimit.RateLimitAlgorithm;
import dev.trestle.ratelimit.RateLimitDecision;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterConfig;
import dev.trestle.ratelimit.Sleeper;
import java.time.Duration;

/**
 * A naive token bucket: {@code burst} tokens, refilled at {@code permits} per {@code period}, under
 * one lock. Thread-safe (every method is synchronized, and a waiting caller sleeps outside the lock).
 */
public final class NaiveTokenBucket implements RateLimiter {

  private final RateLimiterConfig config;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private final double tokensPerNano;
  private final long burst;
  private double tokens;
  private long last;

  public NaiveTokenBucket(long permits, Duration period, long burst, Ticker ticker, Sleeper sleeper) {
    this.config = RateLimiterConfig.builder().algorithm(RateLimitAlgorithm.TOKEN_BUCKET)
        .limit(permits, period).burst(burst).ticker(ticker).sleeper(sleeper).build();
    this.ticker = ticker;
    this.sleeper = sleeper;
    this.tokensPerNano = (double) permits / period.toNanos();
    this.burst = burst;
    this.tokens = burst;
    this.last = ticker.read();
  }

  @Override
  public RateLimiterConfig config() {
    return config;
  }

  @Override
  public boolean tryAcquire() {
    return tryAcquire(1);
  }

  @Override
  public synchronized boolean tryAcquire(long permits) {
    check(permits);
    refill();
    if (tokens < permits) {
      return false;
    }
    tokens -= permits;
    return true;
  }

  @Override
  public boolean tryAcquire(long permits, Duration maxWait) throws InterruptedException {
    check(permits);
    long waitNanos;
    synchronized (this) {
      refill();
      if (tokens >= permits) {
        tokens -= permits;
        return true;
      }
      waitNanos = (long) Math.ceil((permits - tokens) / tokensPerNano);
      if (waitNanos > maxWait.toNanos()) {
        return false;
      }
      tokens -= permits; // reserve: the tokens are owed until the wait is over
    }
    sleeper.sleep(waitNanos);
    return true;
  }

  @Override
  public synchronized RateLimitDecision probe(long permits) {
    check(permits);
    refill();
    if (tokens >= permits) {
      return RateLimitDecision.allowed((long) Math.floor(tokens));
    }
    return RateLimitDecision.denied((long) Math.max(0, Math.floor(tokens)),
        (long) Math.ceil((permits - tokens) / tokensPerNano));
  }

  private void check(long permits) {
    if (permits < 1 || permits > burst) {
      throw new IllegalArgumentException("permits must be in 1.." + burst + ", was " + permits);
    }
  }

  private void refill() {
    long now = ticker.read();
    tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
    last = now;
  }
}
