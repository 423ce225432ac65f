package dev.trestle.tck.retry;

import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.retry.RetryMetrics;
import io.github.resilience4j.core.IntervalFunction;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Resilience4j's Retry behind Trestle's interface: maxAttempts, the interval function (fixed or
 * exponential), retryExceptions, ignoreExceptions and retryOnResult map one to one. Resilience4j
 * sleeps on the real clock (it takes no ticker or scheduler for synchronous calls), has no
 * notion of a caller's deadline, an overall limit or a retry budget, and its randomized interval
 * functions are not the AWS jitter policies, so the adapter supports fixed and exponential only.
 */
final class Resilience4jRetry implements Retry {

  private final io.github.resilience4j.retry.Retry delegate;
  private final ScheduledExecutorService scheduler;
  private final RetryConfig config;

  Resilience4jRetry(RetrySpec spec, ScheduledExecutorService scheduler) {
    io.github.resilience4j.retry.RetryConfig.Builder<Object> builder = io.github.resilience4j.retry.RetryConfig.custom()
        .maxAttempts(spec.maxAttempts())
        .intervalFunction(intervalFunction(spec.backoff()));
    if (!spec.retryExceptions().isEmpty()) {
      builder.retryExceptions(classes(spec.retryExceptions()));
    }
    if (!spec.ignoreExceptions().isEmpty()) {
      builder.ignoreExceptions(classes(spec.ignoreExceptions()));
    }
    if (spec.retryOnResult() != null) {
      builder.retryOnResult(spec.retryOnResult());
    }
    this.delegate = io.github.resilience4j.retry.Retry.of("tck", builder.build());
    this.scheduler = scheduler;
    this.config = RetryConfig.builder().maxAttempts(Math.max(1, spec.maxAttempts())).backoff(spec.backoff()).build();
  }

  private static IntervalFunction intervalFunction(Backoff backoff) {
    switch (backoff.kind()) {
      case FIXED:
        return IntervalFunction.of(backoff.base());
      case EXPONENTIAL:
        return IntervalFunction.ofExponentialBackoff(backoff.base(), backoff.multiplier(), backoff.cap());
      default:
        throw new UnsupportedOperationException("Resilience4j has no " + backoff.kind() + " interval function");
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Throwable>[] classes(java.util.List<Class<? extends Throwable>> list) {
    return list.toArray(new Class[0]);
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    if (task == null) {
      throw new NullPointerException("task");
    }
    return io.github.resilience4j.retry.Retry.decorateCallable(delegate, task).call();
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    CompletionStage<T> stage = delegate.executeCompletionStage(scheduler, () -> task.get());
    return stage.toCompletableFuture();
  }

  @Override
  public RetryConfig config() {
    return config;
  }

  @Override
  public RetryMetrics metrics() {
    io.github.resilience4j.retry.Retry.Metrics m = delegate.getMetrics();
    return new RetryMetrics(m.getNumberOfSuccessfulCallsWithoutRetryAttempt(), m.getNumberOfSuccessfulCallsWithRetryAttempt(),
        m.getNumberOfFailedCallsWithoutRetryAttempt(), m.getNumberOfFailedCallsWithRetryAttempt(), 0);
  }
}
