package dev.trestle.tck.breaker;

import dev.trestle.core.Ticker;
import dev.trestle.core.breaker.CallNotPermittedException;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.breaker.CircuitBreakerListener;
import dev.trestle.core.breaker.CircuitBreakerMetrics;
import dev.trestle.core.breaker.CircuitState;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Resilience4j's circuit breaker behind Trestle's interface: the config's settings mapped onto
 * Resilience4j's, its clock and timestamps read from the Trestle ticker, its own decorators for
 * call/get/run/callAsync, and its rejection translated into Trestle's exception (Resilience4j's
 * does not say when calls will be tried again, so the retry-after is left unknown).
 */
final class Resilience4jCircuitBreaker implements CircuitBreaker {

  private final CircuitBreakerConfig config;
  private final io.github.resilience4j.circuitbreaker.CircuitBreaker delegate;

  Resilience4jCircuitBreaker(CircuitBreakerConfig config) {
    this.config = config;
    Ticker ticker = config.ticker();
    io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.Builder builder =
        io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
            .failureRateThreshold(config.failureRateThreshold())
            .slowCallRateThreshold(config.slowCallRateThreshold())
            .slowCallDurationThreshold(config.slowCallDuration())
            .slidingWindow(config.windowSize(), config.minimumNumberOfCalls(),
                config.windowType() == CircuitBreakerConfig.WindowType.COUNT_BASED
                    ? io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.COUNT_BASED
                    : io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
            .permittedNumberOfCallsInHalfOpenState(config.permittedCallsInHalfOpen())
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .recordResult(config.recordResult())
            .clock(new TickerClock(ticker))
            .currentTimestampFunction(clock -> ticker.read(), TimeUnit.NANOSECONDS);
    if (config.waitMultiplier() > 1) {
      builder.waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialBackoff(
          config.waitInOpen(), config.waitMultiplier(), config.maxWaitInOpen()));
    } else {
      builder.waitDurationInOpenState(config.waitInOpen());
    }
    if (!config.maxWaitInHalfOpen().isZero()) {
      builder.maxWaitDurationInHalfOpenState(config.maxWaitInHalfOpen());
    }
    if (!config.recordExceptions().isEmpty()) {
      builder.recordExceptions(config.recordExceptions().toArray(Class[]::new));
    }
    if (!config.ignoreExceptions().isEmpty()) {
      builder.ignoreExceptions(config.ignoreExceptions().toArray(Class[]::new));
    }
    delegate = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(config.name(), builder.build());
    for (CircuitBreakerListener listener : config.listeners()) {
      delegate.getEventPublisher().onStateTransition(event -> listener.onStateTransition(config.name(),
          state(event.getStateTransition().getFromState()), state(event.getStateTransition().getToState())));
      delegate.getEventPublisher().onCallNotPermitted(event -> listener.onCallNotPermitted(config.name(), state()));
    }
  }

  private static CircuitState state(io.github.resilience4j.circuitbreaker.CircuitBreaker.State state) {
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
    return delegate.tryAcquirePermission();
  }

  @Override
  public void acquirePermission() {
    try {
      delegate.acquirePermission();
    } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException e) {
      throw rejection();
    }
  }

  @Override
  public void releasePermission() {
    delegate.releasePermission();
  }

  @Override
  public void onSuccess(long durationNanos) {
    delegate.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void onError(long durationNanos, Throwable error) {
    delegate.onError(durationNanos, TimeUnit.NANOSECONDS, error);
  }

  @Override
  public void onResult(long durationNanos, Object result) {
    delegate.onResult(durationNanos, TimeUnit.NANOSECONDS, result);
  }

  @Override
  public void transitionToClosed() {
    delegate.transitionToClosedState();
  }

  @Override
  public void transitionToOpen() {
    delegate.transitionToOpenState();
  }

  @Override
  public void transitionToDisabled() {
    delegate.transitionToDisabledState();
  }

  @Override
  public void transitionToForcedOpen() {
    delegate.transitionToForcedOpenState();
  }

  @Override
  public void transitionToMetricsOnly() {
    delegate.transitionToMetricsOnlyState();
  }

  @Override
  public CircuitBreakerMetrics metrics() {
    io.github.resilience4j.circuitbreaker.CircuitBreaker.Metrics m = delegate.getMetrics();
    return CircuitBreakerMetrics.of(state(), m.getNumberOfBufferedCalls(), m.getNumberOfFailedCalls(),
        m.getNumberOfSlowCalls(), m.getFailureRate(), m.getSlowCallRate(), m.getNumberOfNotPermittedCalls());
  }

  @Override
  public <T> T call(Callable<T> callable) throws Exception {
    try {
      return delegate.executeCallable(callable);
    } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException e) {
      throw rejection();
    }
  }

  @Override
  public <T> T get(Supplier<T> supplier) {
    try {
      return delegate.executeSupplier(supplier);
    } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException e) {
      throw rejection();
    }
  }

  @Override
  public void run(Runnable runnable) {
    try {
      delegate.executeRunnable(runnable);
    } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException e) {
      throw rejection();
    }
  }

  @Override
  public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
    @SuppressWarnings("unchecked")
    Supplier<CompletionStage<T>> cast = (Supplier<CompletionStage<T>>) supplier;
    CompletableFuture<T> result = new CompletableFuture<>();
    delegate.executeCompletionStage(cast).whenComplete((value, error) -> {
      if (error instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
        result.completeExceptionally(rejection());
      } else if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(value);
      }
    });
    return result;
  }

  /** A java.time.Clock that reads the Trestle ticker, so Resilience4j's waits follow the kit's time. */
  private static final class TickerClock extends Clock {
    private final Ticker ticker;

    TickerClock(Ticker ticker) {
      this.ticker = ticker;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(0, ticker.read());
    }
  }
}
