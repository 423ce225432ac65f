package dev.trestle.core.micrometer;

import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerMetrics;
import dev.trestle.core.breaker.CircuitState;
import dev.trestle.core.internal.Arguments;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link CircuitBreaker}'s state and window to a {@link MeterRegistry}. The meters read
 * {@link CircuitBreaker#metrics()} when scraped; the breaker's call path is unchanged.
 *
 * <table>
 *   <caption>Meters (tag {@code name} = the breaker's name)</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>value</th></tr>
 *   <tr><td>{@code trestle.circuitbreaker.state}</td><td>gauge</td><td>{@code state}: closed, open,
 *       half_open, disabled, forced_open, metrics_only</td><td>1 for the current state, else 0</td></tr>
 *   <tr><td>{@code trestle.circuitbreaker.buffered.calls}</td><td>gauge</td><td>{@code kind}:
 *       successful, failed</td><td>calls in the window</td></tr>
 *   <tr><td>{@code trestle.circuitbreaker.slow.calls}</td><td>gauge</td><td></td><td>slow calls in the
 *       window</td></tr>
 *   <tr><td>{@code trestle.circuitbreaker.failure.rate}</td><td>gauge</td><td></td><td>percent, -1
 *       below the minimum number of calls</td></tr>
 *   <tr><td>{@code trestle.circuitbreaker.slow.call.rate}</td><td>gauge</td><td></td><td>percent, -1
 *       below the minimum number of calls</td></tr>
 *   <tr><td>{@code trestle.circuitbreaker.not.permitted.calls}</td><td>function counter</td><td>{@code
 *       kind}: not_permitted</td><td>calls rejected since the breaker was created</td></tr>
 * </table>
 *
 * <p>The names are Resilience4j's with the prefix {@code trestle.}. Resilience4j's cumulative
 * {@code calls} timer has no counterpart: Trestle's breaker keeps its window, not a running count,
 * so that a successful call in CLOSED stays free of shared writes.
 *
 * <p>Immutable and thread-safe; the gauges hold the breaker weakly, as Micrometer's own binders do.
 */
public final class CircuitBreakerMeters implements MeterBinder {

  private final CircuitBreaker breaker;
  private final Tags tags;

  /** A binder for {@code breaker}, tagged with its name. */
  public CircuitBreakerMeters(CircuitBreaker breaker) {
    this(breaker, Tags.empty());
  }

  /**
   * A binder for {@code breaker}, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   */
  public CircuitBreakerMeters(CircuitBreaker breaker, Iterable<Tag> tags) {
    this.breaker = Arguments.requireNonNull(breaker, "breaker");
    this.tags = Tags.of(Arguments.requireNonNull(tags, "tags")).and("name", breaker.name());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (CircuitState state : CircuitState.values()) {
      Gauge.builder("trestle.circuitbreaker.state", breaker, b -> b.state() == state ? 1 : 0)
          .tags(tags).tag("state", state.name().toLowerCase(Locale.ROOT))
          .description("1 if the breaker is in this state, else 0").register(registry);
    }
    gauge(registry, "trestle.circuitbreaker.buffered.calls", "successful", m -> m.successfulCalls(),
        "Successful calls in the window");
    gauge(registry, "trestle.circuitbreaker.buffered.calls", "failed", m -> m.failedCalls(), "Failed calls in the window");
    gauge(registry, "trestle.circuitbreaker.slow.calls", null, m -> m.slowCalls(), "Slow calls in the window");
    gauge(registry, "trestle.circuitbreaker.failure.rate", null, m -> m.failureRate(),
        "Failure rate in percent, -1 below the minimum number of calls");
    gauge(registry, "trestle.circuitbreaker.slow.call.rate", null, m -> m.slowCallRate(),
        "Slow-call rate in percent, -1 below the minimum number of calls");
    FunctionCounter.builder("trestle.circuitbreaker.not.permitted.calls", breaker, b -> b.metrics().notPermittedCalls())
        .tags(tags).tag("kind", "not_permitted").description("Calls the breaker rejected").register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String kind, ToDoubleFunction<CircuitBreakerMetrics> value,
      String description) {
    Gauge.Builder<CircuitBreaker> builder = Gauge.builder(name, breaker, b -> value.applyAsDouble(b.metrics()))
        .tags(tags).description(description);
    if (kind != null) {
      builder.tag("kind", kind);
    }
    builder.register(registry);
  }
}
