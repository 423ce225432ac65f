package dev.trestle.core.micrometer;

import dev.trestle.core.hedge.Hedge;
import dev.trestle.core.hedge.HedgeMetrics;
import dev.trestle.core.internal.Arguments;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Binds a {@link Hedge}'s counters and current delay to a {@link MeterRegistry}. The meters read
 * {@link Hedge#metrics()} when scraped; the hedge's call path is unchanged.
 *
 * <table>
 *   <caption>Meters (tag {@code name} = the hedge's name)</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>value</th></tr>
 *   <tr><td>{@code trestle.hedge.calls}</td><td>function counter</td><td></td><td>calls made through
 *       the hedge</td></tr>
 *   <tr><td>{@code trestle.hedge.hedges}</td><td>function counter</td><td>{@code kind}: sent, won,
 *       budget_denied</td><td>hedged attempts sent, calls a hedge answered, hedges the budget
 *       denied</td></tr>
 *   <tr><td>{@code trestle.hedge.delay}</td><td>time gauge</td><td></td><td>the delay a call
 *       starting now waits before its first hedge</td></tr>
 * </table>
 *
 * <p>Resilience4j has no hedge metrics to mirror. Immutable and thread-safe; the meters hold the
 * hedge weakly.
 */
public final class HedgeMeters implements MeterBinder {

  private final Hedge hedge;
  private final Tags tags;

  /** A binder for {@code hedge}, tagged with its name. */
  public HedgeMeters(Hedge hedge) {
    this(hedge, Tags.empty());
  }

  /**
   * A binder for {@code hedge}, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   */
  public HedgeMeters(Hedge hedge, Iterable<Tag> tags) {
    this.hedge = Arguments.requireNonNull(hedge, "hedge");
    this.tags = Tags.of(Arguments.requireNonNull(tags, "tags")).and("name", hedge.config().name());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("trestle.hedge.calls", hedge, h -> h.metrics().calls())
        .tags(tags).description("Calls made through the hedge").register(registry);
    hedges(registry, "sent", HedgeMetrics::hedgesSent, "Hedged attempts sent");
    hedges(registry, "won", HedgeMetrics::hedgesWon, "Calls whose answer came from a hedge");
    hedges(registry, "budget_denied", HedgeMetrics::budgetDenials, "Hedges due but denied by the budget");
    TimeGauge.builder("trestle.hedge.delay", hedge, TimeUnit.NANOSECONDS, h -> h.metrics().currentDelay().toNanos())
        .tags(tags).description("The delay before a call's first hedge").register(registry);
  }

  private void hedges(MeterRegistry registry, String kind, ToLongFunction<HedgeMetrics> count, String description) {
    FunctionCounter.builder("trestle.hedge.hedges", hedge, h -> count.applyAsLong(h.metrics()))
        .tags(tags).tag("kind", kind).description(description).register(registry);
  }
}
