package dev.trestle.core.micrometer;

import dev.trestle.core.internal.Arguments;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;

/**
 * Binds a {@link Retry}'s counters to a {@link MeterRegistry}. The meters read
 * {@link Retry#metrics()} when scraped; the retry's call path is unchanged.
 *
 * <table>
 *   <caption>Meters (tag {@code name} = the retry's name)</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>value</th></tr>
 *   <tr><td>{@code trestle.retry.calls}</td><td>function counter</td><td>{@code kind}:
 *       successful_without_retry, successful_with_retry, failed_without_retry,
 *       failed_with_retry</td><td>calls ended, by outcome</td></tr>
 *   <tr><td>{@code trestle.retry.budget.denied}</td><td>function counter</td><td></td><td>retries
 *       the retry budget denied</td></tr>
 * </table>
 *
 * <p>{@code trestle.retry.calls} and its kinds are Resilience4j's with the prefix {@code trestle.}.
 * Immutable and thread-safe; the meters hold the retry weakly.
 */
public final class RetryMeters implements MeterBinder {

  private final Retry retry;
  private final Tags tags;

  /** A binder for {@code retry}, tagged with its name. */
  public RetryMeters(Retry retry) {
    this(retry, Tags.empty());
  }

  /**
   * A binder for {@code retry}, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   */
  public RetryMeters(Retry retry, Iterable<Tag> tags) {
    this.retry = Arguments.requireNonNull(retry, "retry");
    this.tags = Tags.of(Arguments.requireNonNull(tags, "tags")).and("name", retry.config().name());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    calls(registry, "successful_without_retry", RetryMetrics::succeededWithoutRetry);
    calls(registry, "successful_with_retry", RetryMetrics::succeededAfterRetry);
    calls(registry, "failed_without_retry", RetryMetrics::failedWithoutRetry);
    calls(registry, "failed_with_retry", RetryMetrics::failedAfterRetry);
    FunctionCounter.builder("trestle.retry.budget.denied", retry, r -> r.metrics().retriesDeniedByBudget())
        .tags(tags).description("Retries the retry budget denied").register(registry);
  }

  private void calls(MeterRegistry registry, String kind, ToLongFunction<RetryMetrics> count) {
    FunctionCounter.builder("trestle.retry.calls", retry, r -> count.applyAsLong(r.metrics()))
        .tags(tags).tag("kind", kind).description("Calls ended, by outcome").register(registry);
  }
}
