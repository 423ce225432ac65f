package dev.trestle.ratelimit.micrometer;

import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.RateLimiterListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * Counts a {@link RateLimiter}'s decisions in a {@link MeterRegistry}, through a metered decorator
 * in the manner of Micrometer's {@code ExecutorServiceMetrics.monitor} (a
 * {@link RateLimiter#listening listening} limiter whose listener counts): a rate limiter keeps no
 * counters of its own (its {@code tryAcquire} is one CAS and allocates nothing), so the requests to
 * count go through the limiter that {@link #monitor} returns, and a limiter that is not monitored
 * pays nothing.
 *
 * <table>
 *   <caption>Meters (tag {@code name} = the name given to {@code monitor})</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>value</th></tr>
 *   <tr><td>{@code trestle.ratelimiter.requests}</td><td>counter</td><td>{@code result}: permitted,
 *       rejected</td><td>requests decided, by decision</td></tr>
 *   <tr><td>{@code trestle.ratelimiter.permits}</td><td>counter</td><td>{@code result}: permitted,
 *       rejected</td><td>permits asked for, by decision</td></tr>
 * </table>
 *
 * <p>Resilience4j's limiter meters are gauges of its own internals (available permissions, waiting
 * threads) with no counterpart here. A request that throws (bad input, an interrupted wait) is not
 * counted. For a {@link dev.trestle.ratelimit.RedisRateLimiter}, monitor {@code forKey(key)} and bind
 * {@link RedisRateLimiterMeters} for its failures.
 */
public final class RateLimiterMeters {

  private RateLimiterMeters() {}

  /**
   * Returns a limiter that decides through {@code limiter} and counts its decisions in
   * {@code registry}, tagged {@code name} and {@code tags}; the counters are registered now. The
   * returned limiter is thread-safe and keeps every guarantee of {@code limiter}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static RateLimiter monitor(MeterRegistry registry, RateLimiter limiter, String name, Iterable<Tag> tags) {
    requireNonNull(registry, "registry");
    requireNonNull(limiter, "limiter");
    if (requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("name must not be blank, was \"" + name + "\"");
    }
    Tags all = Tags.of(requireNonNull(tags, "tags")).and("name", name);
    return RateLimiter.listening(limiter, new Counting(counter(registry, "requests", all, "permitted"),
        counter(registry, "requests", all, "rejected"), counter(registry, "permits", all, "permitted"),
        counter(registry, "permits", all, "rejected")));
  }

  /** As {@link #monitor(MeterRegistry, RateLimiter, String, Iterable)}, named by the limiter's config. */
  public static RateLimiter monitor(MeterRegistry registry, RateLimiter limiter) {
    return monitor(registry, limiter, requireNonNull(limiter, "limiter").config().name(), Tags.empty());
  }

  private static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  private static Counter counter(MeterRegistry registry, String what, Tags tags, String result) {
    return Counter.builder("trestle.ratelimiter." + what).tags(tags).tag("result", result)
        .description(what.equals("requests") ? "Requests decided, by decision" : "Permits asked for, by decision")
        .register(registry);
  }

  /** Counts each decision the listening limiter reports; Micrometer counters are thread-safe. */
  private static final class Counting implements RateLimiterListener {
    private final Counter permitted;
    private final Counter rejected;
    private final Counter permitsPermitted;
    private final Counter permitsRejected;

    Counting(Counter permitted, Counter rejected, Counter permitsPermitted, Counter permitsRejected) {
      this.permitted = permitted;
      this.rejected = rejected;
      this.permitsPermitted = permitsPermitted;
      this.permitsRejected = permitsRejected;
    }

    @Override
    public void onPermitted(long permits) {
      permitted.increment();
      permitsPermitted.increment(permits);
    }

    @Override
    public void onRejected(long permits) {
      rejected.increment();
      permitsRejected.increment(permits);
    }
  }
}
