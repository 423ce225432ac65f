package dev.trestle.core.micrometer;

import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.internal.Arguments;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds a {@link Bulkhead}'s permits to a {@link MeterRegistry}. The meters read
 * {@link Bulkhead#metrics()} when scraped; the bulkhead's call path is unchanged.
 *
 * <table>
 *   <caption>Meters (tag {@code name} = the bulkhead's name)</caption>
 *   <tr><th>name</th><th>type</th><th>value</th></tr>
 *   <tr><td>{@code trestle.bulkhead.available.concurrent.calls}</td><td>gauge</td><td>permits free now</td></tr>
 *   <tr><td>{@code trestle.bulkhead.max.allowed.concurrent.calls}</td><td>gauge</td><td>the limit</td></tr>
 *   <tr><td>{@code trestle.bulkhead.waiting.calls}</td><td>gauge</td><td>calls waiting for a permit now</td></tr>
 *   <tr><td>{@code trestle.bulkhead.rejected.calls}</td><td>function counter</td><td>calls refused since
 *       the bulkhead was created</td></tr>
 * </table>
 *
 * <p>The first two are Resilience4j's names with the prefix {@code trestle.}. Immutable and
 * thread-safe; the meters hold the bulkhead weakly.
 */
public final class BulkheadMeters implements MeterBinder {

  private final Bulkhead bulkhead;
  private final Tags tags;

  /** A binder for {@code bulkhead}, tagged with its name. */
  public BulkheadMeters(Bulkhead bulkhead) {
    this(bulkhead, Tags.empty());
  }

  /**
   * A binder for {@code bulkhead}, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   */
  public BulkheadMeters(Bulkhead bulkhead, Iterable<Tag> tags) {
    this.bulkhead = Arguments.requireNonNull(bulkhead, "bulkhead");
    this.tags = Tags.of(Arguments.requireNonNull(tags, "tags")).and("name", bulkhead.name());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("trestle.bulkhead.available.concurrent.calls", bulkhead, b -> b.metrics().availablePermits())
        .tags(tags).description("Permits free now").register(registry);
    Gauge.builder("trestle.bulkhead.max.allowed.concurrent.calls", bulkhead, b -> b.metrics().maxConcurrentCalls())
        .tags(tags).description("The limit on concurrent calls").register(registry);
    Gauge.builder("trestle.bulkhead.waiting.calls", bulkhead, b -> b.metrics().waitingCalls())
        .tags(tags).description("Calls waiting for a permit now").register(registry);
    FunctionCounter.builder("trestle.bulkhead.rejected.calls", bulkhead, b -> b.metrics().rejectedCalls())
        .tags(tags).description("Calls refused since the bulkhead was created").register(registry);
  }
}
