package dev.trestle.tck.timeout;

import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.core.timeout.TimeLimiterConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Resilience4j's TimeLimiter behind Trestle's interface. Resilience4j limits a Future the caller
 * has already started, so the adapter submits the task to an executor first, as its documentation
 * shows; its {@code TimeoutException} becomes Trestle's {@link DeadlineExceededException}.
 * Resilience4j reads no injectable clock and knows nothing of Trestle's deadlines.
 */
final class Resilience4jTimeLimiter implements TimeLimiter {

  private final io.github.resilience4j.timelimiter.TimeLimiter delegate;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final TimeLimiterConfig config;

  Resilience4jTimeLimiter(TimeLimiterSpec spec, ExecutorService executor, ScheduledExecutorService scheduler) {
    this.delegate = io.github.resilience4j.timelimiter.TimeLimiter.of(
        io.github.resilience4j.timelimiter.TimeLimiterConfig.custom()
            .timeoutDuration(spec.timeout())
            .cancelRunningFuture(spec.interruptOnTimeout())
            .build());
    this.executor = executor;
    this.scheduler = scheduler;
    this.config = TimeLimiterConfig.builder().timeout(spec.timeout()).interruptOnTimeout(spec.interruptOnTimeout()).build();
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    if (task == null) {
      throw new NullPointerException("task");
    }
    long limit = config.timeout().toNanos();
    try {
      return delegate.executeFutureSupplier(() -> executor.submit(task));
    } catch (TimeoutException timeout) {
      throw new DeadlineExceededException(limit, limit, "Resilience4j TimeoutException");
    }
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    long limit = config.timeout().toNanos();
    CompletableFuture<T> result = new CompletableFuture<>();
    delegate.executeCompletionStage(scheduler, task::get).whenComplete((value, failure) -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof TimeoutException) {
        result.completeExceptionally(new DeadlineExceededException(limit, limit, "Resilience4j TimeoutException"));
      } else if (cause != null) {
        result.completeExceptionally(cause);
      } else {
        result.complete(value);
      }
    });
    return result;
  }

  @Override
  public TimeLimiterConfig config() {
    return config;
  }
}
