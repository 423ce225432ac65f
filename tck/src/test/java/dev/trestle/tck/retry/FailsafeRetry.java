package dev.trestle.tck.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.retry.RetryMetrics;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Failsafe's RetryPolicy behind Trestle's interface: withMaxAttempts, withDelay or withBackoff,
 * handle (the retry list; all exceptions when it is empty), abortOn (the ignore list) and
 * handleResultIf. Failsafe documents that a synchronous execution wraps a checked exception in
 * {@link FailsafeException}; the adapter unwraps it, as an adapter translates a peer's exception
 * convention (the same instance reaches the kit). Failsafe sleeps on the real clock, has no notion
 * of a caller's deadline or of a retry budget, and its jitter (a factor or duration around the
 * delay) is not the AWS policies, so the adapter supports fixed and exponential backoff only.
 */
final class FailsafeRetry implements Retry {

  private final RetryPolicy<Object> policy;
  private final ScheduledExecutorService scheduler;
  private final RetryConfig config;

  FailsafeRetry(RetrySpec spec, ScheduledExecutorService scheduler) {
    RetryPolicyBuilder<Object> builder = RetryPolicy.builder().withMaxAttempts(spec.maxAttempts());
    Backoff backoff = spec.backoff();
    switch (backoff.kind()) {
      case FIXED:
        builder.withDelay(backoff.base());
        break;
      case EXPONENTIAL:
        builder.withBackoff(backoff.base(), backoff.cap(), backoff.multiplier());
        break;
      default:
        throw new UnsupportedOperationException("Failsafe has no " + backoff.kind() + " backoff");
    }
    if (spec.retryExceptions().isEmpty()) {
      builder.handle(Exception.class);
    } else {
      builder.handle(spec.retryExceptions());
    }
    if (!spec.ignoreExceptions().isEmpty()) {
      builder.abortOn(spec.ignoreExceptions());
    }
    if (spec.retryOnResult() != null) {
      builder.handleResultIf(spec.retryOnResult()::test);
    }
    this.policy = builder.build();
    this.scheduler = scheduler;
    this.config = RetryConfig.builder().maxAttempts(Math.max(1, spec.maxAttempts())).backoff(spec.backoff()).build();
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    if (task == null) {
      throw new NullPointerException("task");
    }
    try {
      return Failsafe.with(policy).get(task::call);
    } catch (FailsafeException wrapped) {
      if (wrapped.getClass() == FailsafeException.class && wrapped.getCause() instanceof Exception) {
        throw (Exception) wrapped.getCause();
      }
      throw wrapped;
    }
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    return Failsafe.with(policy).with(scheduler).getStageAsync(task::get);
  }

  @Override
  public RetryConfig config() {
    return config;
  }

  @Override
  public RetryMetrics metrics() {
    return new RetryMetrics(0, 0, 0, 0, 0); // Failsafe keeps no counters; listeners would have to
  }
}
