package dev.trestle.ratelimit.micrometer;

import dev.trestle.ratelimit.RedisRateLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds a {@link RedisRateLimiter}'s failures to a {@link MeterRegistry}: read from
 * {@link RedisRateLimiter#failures()} when scraped, so the limiter's path is unchanged.
 *
 * <table>
 *   <caption>Meters (tag {@code name} = the name given to the binder)</caption>
 *   <tr><th>name</th><th>type</th><th>value</th></tr>
 *   <tr><td>{@code trestle.ratelimiter.redis.failures}</td><td>function counter</td><td>decisions
 *       made by the configured failure mode because Redis could not answer</td></tr>
 * </table>
 *
 * <p>Its decisions are counted by {@link RateLimiterMeters#monitor} on {@code limiter.forKey(key)}.
 * Immutable and thread-safe; the counter holds the limiter weakly.
 */
public final class RedisRateLimiterMeters implements MeterBinder {

  private final RedisRateLimiter limiter;
  private final Tags tags;

  /**
   * A binder for {@code limiter}, tagged {@code name} and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public RedisRateLimiterMeters(RedisRateLimiter limiter, String name, Iterable<Tag> tags) {
    if (limiter == null || name == null || tags == null) {
      throw new NullPointerException((limiter == null ? "limiter" : name == null ? "name" : "tags") + " must not be null");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
    }
    this.limiter = limiter;
    this.tags = Tags.of(tags).and("name", name);
  }

  /** As {@link #RedisRateLimiterMeters(RedisRateLimiter, String, Iterable)} with no extra tags. */
  public RedisRateLimiterMeters(RedisRateLimiter limiter, String name) {
    this(limiter, name, Tags.empty());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("trestle.ratelimiter.redis.failures", limiter, RedisRateLimiter::failures).tags(tags)
        .description("Decisions made by the failure mode because Redis could not answer").register(registry);
  }
}
