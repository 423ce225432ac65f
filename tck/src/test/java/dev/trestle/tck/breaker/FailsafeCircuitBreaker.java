package dev.trestle.tck.breaker;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.trestle.core.breaker.CallNotPermittedException;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.breaker.CircuitBreakerListener;
import dev.trestle.core.breaker.CircuitBreakerMetrics;
import dev.trestle.core.breaker.CircuitState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Failsafe 3.x's circuit breaker behind Trestle's interface. A count-based window of N calls with a
 * failure-rate threshold maps to Failsafe's {@code withFailureThreshold(ceil(rate x N), N)}; the
 * HALF_OPEN verdict maps to {@code withSuccessThreshold}, the successes that keep the trial failure
 * rate below the threshold; recorded exceptions and results to {@code handle}/{@code handleResultIf}.
 * Failsafe has no ignored exceptions, slow calls, time source, released permissions, special states
 * or rejection events; its decorators run through {@code Failsafe.with(breaker)}, and its rejection
 * ({@link CircuitBreakerOpenException}) is translated to Trestle's.
 */
final class FailsafeCircuitBreaker implements CircuitBreaker {

  private final CircuitBreakerConfig config;
  private final dev.failsafe.CircuitBreaker<Object> delegate;
  private final FailsafeExecutor<Object> executor;

  FailsafeCircuitBreaker(CircuitBreakerConfig config) {
    this.config = config;
    int window = config.windowSize();
    int failures = (int) Math.ceil(config.failureRateThreshold() * window / 100.0);
    int trials = config.permittedCallsInHalfOpen();
    int trialFailuresThatReopen = (int) Math.ceil(config.failureRateThreshold() * trials / 100.0);
    List<Class<? extends Throwable>> recorded = new ArrayList<>(config.recordExceptions());
    if (recorded.isEmpty()) {
      recorded.add(Throwable.class);
    }
    dev.failsafe.CircuitBreakerBuilder<Object> builder = dev.failsafe.CircuitBreaker.builder()
        .withFailureThreshold(failures, window)
        .withSuccessThreshold(trials - trialFailuresThatReopen + 1, trials)
        .withDelay(config.waitInOpen())
        .handle(recorded)
        .handleResultIf(result -> config.recordResult().test(result));
    for (CircuitBreakerListener listener : config.listeners()) {
      builder.onOpen(event -> listener.onStateTransition(config.name(), state(event.getPreviousState()), CircuitState.OPEN));
      builder.onHalfOpen(event -> listener.onStateTransition(config.name(), state(event.getPreviousState()), CircuitState.HALF_OPEN));
      builder.onClose(event -> listener.onStateTransition(config.name(), state(event.getPreviousState()), CircuitState.CLOSED));
    }
    delegate = builder.build();
    executor = Failsafe.with(delegate);
  }

  private static CircuitState state(dev.failsafe.CircuitBreaker.State state) {
    return CircuitState.valueOf(state.name());
  }

  private CallNotPermittedException rejection() {
    return new CallNotPermittedException(config.name(), state(), null);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public CircuitState state() {
    return state(delegate.getState());
  }

  @Override
  public CircuitBreakerConfig config() {
    return config;
  }

  @Override
  public boolean tryAcquirePermission() {
    return delegate.tryAcquirePermit();
  }

  @Override
  public void acquirePermission() {
    if (!delegate.tryAcquirePermit()) {
      throw rejection();
    }
  }

  @Override
  public void releasePermission() {
    throw new UnsupportedOperationException("Failsafe's circuit breaker cannot give back a permission");
  }

  @Override
  public void onSuccess(long durationNanos) {
    delegate.recordSuccess();
  }

  @Override
  public void onError(long durationNanos, Throwable error) {
    delegate.recordException(error);
  }

  @Override
  public void onResult(long durationNanos, Object result) {
    delegate.recordResult(result);
  }

  @Override
  public void transitionToClosed() {
    delegate.close();
  }

  @Override
  public void transitionToOpen() {
    delegate.open();
  }

  @Override
  public void transitionToDisabled() {
    throw new UnsupportedOperationException("Failsafe has no DISABLED state");
  }

  @Override
  public void transitionToForcedOpen() {
    throw new UnsupportedOperationException("Failsafe has no FORCED_OPEN state");
  }

  @Override
  public void transitionToMetricsOnly() {
    throw new UnsupportedOperationException("Failsafe has no METRICS_ONLY state");
  }

  @Override
  public CircuitBreakerMetrics metrics() {
    int calls = delegate.getExecutionCount();
    int failed = (int) delegate.getFailureCount();
    return CircuitBreakerMetrics.of(state(), calls, failed, 0, delegate.getFailureRate(), -1, 0);
  }

  @Override
  public <T> T call(Callable<T> callable) throws Exception {
    try {
      return executor.get(callable::call);
    } catch (CircuitBreakerOpenException e) {
      throw rejection();
    }
  }

  @Override
  public <T> T get(Supplier<T> supplier) {
    try {
      return executor.get(supplier::get);
    } catch (CircuitBreakerOpenException e) {
      throw rejection();
    }
  }

  @Override
  public void run(Runnable runnable) {
    try {
      executor.run(runnable::run);
    } catch (CircuitBreakerOpenException e) {
      throw rejection();
    }
  }

  @Override
  public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
    CompletableFuture<T> result = new CompletableFuture<>();
    executor.getStageAsync(supplier::get).whenComplete((value, error) -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof CircuitBreakerOpenException) {
        result.completeExceptionally(rejection());
      } else if (cause != null) {
        result.completeExceptionally(cause);
      } else {
        result.complete(value);
      }
    });
    return result;
  }
}
