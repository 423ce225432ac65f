package dev.trestle.pool.micrometer;

import dev.trestle.core.internal.Arguments;
import dev.trestle.pool.ObjectPool;
import dev.trestle.pool.PoolConfig;
import dev.trestle.pool.PoolStats;
import dev.trestle.pool.jdbc.PooledDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Binds a pool's counts and acquire waits to a {@link MeterRegistry}, with HikariCP's meter names
 * under the prefix {@code trestle.pool.connections} for a {@link PooledDataSource} and
 * {@code trestle.pool.objects} for any other {@link ObjectPool}. The meters read
 * {@link ObjectPool#stats()} when scraped; the pool's acquire path is unchanged.
 *
 * <table>
 *   <caption>Meters ({@code P} = the prefix; tag {@code pool} = the pool's name)</caption>
 *   <tr><th>name</th><th>type</th><th>value</th></tr>
 *   <tr><td>{@code P}</td><td>gauge</td><td>objects alive (HikariCP: {@code hikaricp.connections})</td></tr>
 *   <tr><td>{@code P.active}, {@code P.idle}</td><td>gauge</td><td>objects lent, objects idle</td></tr>
 *   <tr><td>{@code P.pending}</td><td>gauge</td><td>threads waiting in acquire (HikariCP's meaning)</td></tr>
 *   <tr><td>{@code P.creating}</td><td>gauge</td><td>creations in progress</td></tr>
 *   <tr><td>{@code P.max}, {@code P.min}</td><td>gauge</td><td>maxSize, minIdle</td></tr>
 *   <tr><td>{@code P.timeout}</td><td>function counter</td><td>acquires that timed out</td></tr>
 *   <tr><td>{@code P.acquired}</td><td>function counter</td><td>successful acquires</td></tr>
 *   <tr><td>{@code P.created}, {@code P.destroyed}</td><td>function counter</td><td>objects created,
 *       destroyed</td></tr>
 *   <tr><td>{@code P.creation.failures}</td><td>function counter</td><td>creations that failed</td></tr>
 *   <tr><td>{@code P.leaks}</td><td>function counter</td><td>leases reported as leaked</td></tr>
 *   <tr><td>{@code P.acquire.wait}</td><td>time gauge, tag {@code quantile}: 0.5, 0.99, 1.0</td>
 *       <td>the acquire wait at that quantile since the pool started (HikariCP's {@code acquire}
 *       is a timer; Trestle's pool keeps a fixed histogram instead, read here)</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; the meters hold the pool weakly, as Micrometer's own binders do.
 */
public final class PoolMeters implements MeterBinder {

  private static final double[] QUANTILES = {0.5, 0.99, 1.0};

  private final Object pool;
  private final Function<Object, PoolStats> stats;
  private final PoolConfig config;
  private final String prefix;
  private final Tags tags;

  /** A binder for {@code pool}, tagged with its name. */
  public PoolMeters(ObjectPool<?> pool) {
    this(pool, Tags.empty());
  }

  /**
   * A binder for {@code pool}, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   */
  public PoolMeters(ObjectPool<?> pool, Iterable<Tag> tags) {
    this(Arguments.requireNonNull(pool, "pool"), p -> ((ObjectPool<?>) p).stats(), pool.config(), "trestle.pool.objects", tags);
  }

  /** A binder for {@code dataSource}'s pool, tagged with its name. */
  public PoolMeters(PooledDataSource dataSource) {
    this(dataSource, Tags.empty());
  }

  /**
   * A binder for {@code dataSource}'s pool, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   */
  public PoolMeters(PooledDataSource dataSource, Iterable<Tag> tags) {
    this(Arguments.requireNonNull(dataSource, "dataSource"), d -> ((PooledDataSource) d).stats(), dataSource.config(),
        "trestle.pool.connections", tags);
  }

  private PoolMeters(Object pool, Function<Object, PoolStats> stats, PoolConfig config, String prefix, Iterable<Tag> tags) {
    this.pool = pool;
    this.stats = stats;
    this.config = config;
    this.prefix = prefix;
    this.tags = Tags.of(Arguments.requireNonNull(tags, "tags")).and("pool", config.name());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "", PoolStats::total, "Objects alive");
    gauge(registry, ".active", PoolStats::active, "Objects lent");
    gauge(registry, ".idle", PoolStats::idle, "Objects idle");
    gauge(registry, ".pending", PoolStats::waiting, "Threads waiting in acquire");
    gauge(registry, ".creating", PoolStats::pending, "Creations in progress");
    int max = config.maxSize();
    int min = config.minIdle();
    Gauge.builder(prefix + ".max", () -> max).tags(tags).description("maxSize").register(registry);
    Gauge.builder(prefix + ".min", () -> min).tags(tags).description("minIdle").register(registry);
    counter(registry, ".timeout", PoolStats::timeouts, "Acquires that timed out");
    counter(registry, ".acquired", PoolStats::acquires, "Successful acquires");
    counter(registry, ".created", PoolStats::created, "Objects created");
    counter(registry, ".destroyed", PoolStats::destroyed, "Objects destroyed");
    counter(registry, ".creation.failures", PoolStats::creationFailures, "Creations that failed");
    counter(registry, ".leaks", PoolStats::leaks, "Leases reported as leaked");
    for (double quantile : QUANTILES) {
      TimeGauge.builder(prefix + ".acquire.wait", pool, TimeUnit.NANOSECONDS,
              p -> stats.apply(p).waitTime(quantile).toNanos())
          .tags(tags).tag("quantile", Double.toString(quantile))
          .description("The acquire wait at this quantile since the pool started").register(registry);
    }
  }

  private void gauge(MeterRegistry registry, String suffix, ToDoubleFunction<PoolStats> value, String description) {
    Gauge.builder(prefix + suffix, pool, p -> value.applyAsDouble(stats.apply(p))).tags(tags).description(description)
        .register(registry);
  }

  private void counter(MeterRegistry registry, String suffix, ToDoubleFunction<PoolStats> value, String description) {
    FunctionCounter.builder(prefix + suffix, pool, p -> value.applyAsDouble(stats.apply(p))).tags(tags)
        .description(description).register(registry);
  }
}
