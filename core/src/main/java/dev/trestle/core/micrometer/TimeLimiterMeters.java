package dev.trestle.core.micrometer;

import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Counts the outcomes of a {@link TimeLimiter}'s calls in a {@link MeterRegistry}, through a
 * metered decorator in the manner of Micrometer's {@code ExecutorServiceMetrics.monitor}: a time
 * limiter keeps no counters of its own, so the calls to count must go through the limiter that
 * {@link #monitor} returns. A limiter that is not monitored pays nothing.
 *
 * <table>
 *   <caption>Meters (tag {@code name} = the name given to {@code monitor})</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>value</th></tr>
 *   <tr><td>{@code trestle.timelimiter.calls}</td><td>counter</td><td>{@code kind}: successful,
 *       failed, timeout</td><td>calls ended, by outcome: returned a value, threw (or completed
 *       exceptionally) with anything but a timeout, or ended with a
 *       {@link DeadlineExceededException}</td></tr>
 * </table>
 *
 * <p>The name and kinds are Resilience4j's with the prefix {@code trestle.}. A
 * {@link DeadlineExceededException} thrown by the task itself (a nested deadline) counts as a timeout
 * too; an asynchronous call cancelled by its caller is not counted.
 */
public final class TimeLimiterMeters {

  private TimeLimiterMeters() {}

  /**
   * Returns a limiter that makes its calls through {@code limiter} and counts their outcomes in
   * {@code registry}. The counters are registered now. The returned limiter is thread-safe and keeps
   * every guarantee of {@code limiter}: values and exceptions reach the caller unchanged.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static TimeLimiter monitor(MeterRegistry registry, TimeLimiter limiter, String name, Iterable<Tag> tags) {
    Arguments.requireNonNull(registry, "registry");
    Arguments.requireNonNull(limiter, "limiter");
    Arguments.requireNonBlank(name, "name");
    Tags all = Tags.of(Arguments.requireNonNull(tags, "tags")).and("name", name);
    return new Monitored(limiter, counter(registry, all, "successful"), counter(registry, all, "failed"),
        counter(registry, all, "timeout"));
  }

  /** As {@link #monitor(MeterRegistry, TimeLimiter, String, Iterable)} with no extra tags. */
  public static TimeLimiter monitor(MeterRegistry registry, TimeLimiter limiter, String name) {
    return monitor(registry, limiter, name, Tags.empty());
  }

  private static Counter counter(MeterRegistry registry, Tags tags, String kind) {
    return Counter.builder("trestle.timelimiter.calls").tags(tags).tag("kind", kind)
        .description("Calls ended, by outcome").register(registry);
  }

  private static final class Monitored implements TimeLimiter {
    private final TimeLimiter limiter;
    private final Counter successful;
    private final Counter failed;
    private final Counter timeout;

    Monitored(TimeLimiter limiter, Counter successful, Counter failed, Counter timeout) {
      this.limiter = limiter;
      this.successful = successful;
      this.failed = failed;
      this.timeout = timeout;
    }

    @Override
    public <T> T call(Callable<T> task) throws Exception {
      try {
        T value = limiter.call(task);
        successful.increment();
        return value;
      } catch (Exception | Error e) {
        record(e);
        throw e;
      }
    }

    @Override
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
      CompletableFuture<T> result = limiter.callAsync(task);
      result.whenComplete((value, failure) -> {
        if (failure == null) {
          successful.increment();
        } else {
          record(failure);
        }
      });
      return result;
    }

    private void record(Throwable failure) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof DeadlineExceededException) {
        timeout.increment();
      } else if (!(cause instanceof CancellationException)) {
        failed.increment();
      }
    }

    @Override
    public TimeLimiterConfig config() {
      return limiter.config();
    }

    @Override
    public String toString() {
      return "Monitored" + limiter;
    }
  }
}
