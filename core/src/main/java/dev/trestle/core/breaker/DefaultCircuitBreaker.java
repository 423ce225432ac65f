package dev.trestle.core.breaker;

import dev.trestle.core.internal.FlightRecorderGate;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The circuit breaker: one immutable-shaped state object per state, swapped by compare-and-set, so a
 * transition happens once however many threads see its trigger.
 */
final class DefaultCircuitBreaker implements CircuitBreaker {

  private final CircuitBreakerConfig config;
  private final AtomicReference<State> state;
  private final AtomicLong notPermitted = new AtomicLong();

  DefaultCircuitBreaker(CircuitBreakerConfig config) {
    this.config = config;
    this.state = new AtomicReference<>(new Closed(config.waitInOpenNanos));
  }

  private long now() {
    return config.ticker.read();
  }

  // ---- states ----

  private abstract class State {
    abstract CircuitState kind();

    abstract boolean tryAcquire();

    void release() {}

    abstract void record(int code);

    CircuitBreakerMetrics metrics() {
      return new CircuitBreakerMetrics(kind(), 0, 0, 0, -1, -1, notPermitted.get());
    }
  }

  /** CLOSED and METRICS_ONLY: a window of outcomes; CLOSED opens on a threshold. */
  private final class Closed extends State {
    final Window window = Window.of(config);
    final long nextWaitNanos;
    final boolean metricsOnly;

    Closed(long nextWaitNanos) {
      this(nextWaitNanos, false);
    }

    Closed(long nextWaitNanos, boolean metricsOnly) {
      this.nextWaitNanos = nextWaitNanos;
      this.metricsOnly = metricsOnly;
    }

    @Override
    CircuitState kind() {
      return metricsOnly ? CircuitState.METRICS_ONLY : CircuitState.CLOSED;
    }

    @Override
    boolean tryAcquire() {
      return true;
    }

    @Override
    void record(int code) {
      // A count window needs no time: the closed success path reads the ticker only to time the call.
      boolean timed = window.readsTime();
      long now = timed ? now() : 0L;
      if (!window.record(code, now) || metricsOnly) {
        return;
      }
      int calls = window.calls(now);
      if (calls >= config.minimumNumberOfCalls && exceeds(window.failures(now), window.slowCalls(now), calls)) {
        transition(this, new Open(timed ? now : now(), nextWaitNanos));
      }
    }

    @Override
    CircuitBreakerMetrics metrics() {
      return snapshot(kind(), window.calls(now()), window.failures(now()), window.slowCalls(now()), config.minimumNumberOfCalls);
    }
  }

  private final class Open extends State {
    final long sinceNanos;
    final long waitNanos;

    Open(long sinceNanos, long waitNanos) {
      this.sinceNanos = sinceNanos;
      this.waitNanos = waitNanos;
    }

    long remaining(long now) {
      return waitNanos - (now - sinceNanos);
    }

    @Override
    CircuitState kind() {
      return CircuitState.OPEN;
    }

    @Override
    boolean tryAcquire() {
      long now = now();
      if (remaining(now) > 0) {
        return false;
      }
      transition(this, new HalfOpen(now, waitNanos));
      return state.get().tryAcquire();
    }

    @Override
    void record(int code) {
      // a call permitted before the breaker opened: its outcome no longer matters
    }
  }

  private final class HalfOpen extends State {
    final long sinceNanos;
    final long lastWaitNanos;
    final AtomicInteger permits = new AtomicInteger(config.permittedCallsInHalfOpen);
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger slow = new AtomicInteger();

    HalfOpen(long sinceNanos, long lastWaitNanos) {
      this.sinceNanos = sinceNanos;
      this.lastWaitNanos = lastWaitNanos;
    }

    @Override
    CircuitState kind() {
      return CircuitState.HALF_OPEN;
    }

    private boolean overdue(long now) {
      return config.maxWaitInHalfOpenNanos > 0 && now - sinceNanos >= config.maxWaitInHalfOpenNanos;
    }

    @Override
    boolean tryAcquire() {
      long now = now();
      if (overdue(now)) {
        transition(this, new Open(now, nextWait()));
        return false;
      }
      for (int left = permits.get(); left > 0; left = permits.get()) {
        if (permits.compareAndSet(left, left - 1)) {
          return true;
        }
      }
      return false;
    }

    @Override
    void release() {
      permits.incrementAndGet();
    }

    long nextWait() {
      return (long) Math.min((double) config.maxWaitInOpenNanos, lastWaitNanos * config.waitMultiplier);
    }

    @Override
    void record(int code) {
      if (Outcomes.failures(code) == 1) {
        failures.incrementAndGet();
      }
      if (Outcomes.slow(code) == 1) {
        slow.incrementAndGet();
      }
      int done = completed.incrementAndGet();
      if (done == config.permittedCallsInHalfOpen) {
        if (exceeds(failures.get(), slow.get(), done)) {
          transition(this, new Open(now(), nextWait()));
        } else {
          transition(this, new Closed(config.waitInOpenNanos));
        }
      }
    }

    @Override
    CircuitBreakerMetrics metrics() {
      return snapshot(kind(), completed.get(), failures.get(), slow.get(), config.permittedCallsInHalfOpen);
    }
  }

  private final class Fixed extends State {
    final CircuitState kind;

    Fixed(CircuitState kind) {
      this.kind = kind;
    }

    @Override
    CircuitState kind() {
      return kind;
    }

    @Override
    boolean tryAcquire() {
      return kind == CircuitState.DISABLED;
    }

    @Override
    void record(int code) {}
  }

  // ---- decisions and transitions ----

  private boolean exceeds(int failures, int slowCalls, int calls) {
    return failures * 100f >= config.failureRateThreshold * calls || slowCalls * 100f >= config.slowCallRateThreshold * calls;
  }

  private CircuitBreakerMetrics snapshot(CircuitState kind, int calls, int failures, int slowCalls, int minimum) {
    float failureRate = calls < minimum || calls == 0 ? -1 : failures * 100f / calls;
    float slowRate = calls < minimum || calls == 0 ? -1 : slowCalls * 100f / calls;
    return new CircuitBreakerMetrics(kind, calls, failures, slowCalls, failureRate, slowRate, notPermitted.get());
  }

  private void transition(State from, State to) {
    if (state.compareAndSet(from, to)) {
      if (FlightRecorderGate.open()) {
        StateTransitionEvent.commit(config.name, from.kind(), to.kind());
      }
      for (CircuitBreakerListener listener : config.listeners) {
        try {
          listener.onStateTransition(config.name, from.kind(), to.kind());
        } catch (RuntimeException ignored) {
          // a listener must not break the call
        }
      }
    }
  }

  private void force(State to) {
    State from = state.get();
    while (!state.compareAndSet(from, to)) {
      from = state.get();
    }
    if (FlightRecorderGate.open()) {
      StateTransitionEvent.commit(config.name, from.kind(), to.kind());
    }
    for (CircuitBreakerListener listener : config.listeners) {
      try {
        listener.onStateTransition(config.name, from.kind(), to.kind());
      } catch (RuntimeException ignored) {
        // a listener must not break the call
      }
    }
  }

  // ---- protocol ----

  @Override
  public String name() {
    return config.name;
  }

  @Override
  public CircuitState state() {
    return state.get().kind();
  }

  @Override
  public CircuitBreakerConfig config() {
    return config;
  }

  @Override
  public boolean tryAcquirePermission() {
    State current = state.get();
    if (current.tryAcquire()) {
      return true;
    }
    notPermitted.incrementAndGet();
    CircuitState kind = state.get().kind();
    for (CircuitBreakerListener listener : config.listeners) {
      try {
        listener.onCallNotPermitted(config.name, kind);
      } catch (RuntimeException ignored) {
        // a listener must not break the call
      }
    }
    return false;
  }

  @Override
  public void acquirePermission() {
    if (!tryAcquirePermission()) {
      throw rejection();
    }
  }

  private CallNotPermittedException rejection() {
    State current = state.get();
    Duration retryAfter = null;
    if (current instanceof Open) {
      retryAfter = Duration.ofNanos(Math.max(0, ((Open) current).remaining(now())));
    }
    return new CallNotPermittedException(config.name, current.kind(), retryAfter);
  }

  @Override
  public void releasePermission() {
    state.get().release();
  }

  @Override
  public void onSuccess(long durationNanos) {
    state.get().record(Outcomes.code(false, durationNanos >= config.slowCallNanos));
  }

  @Override
  public void onError(long durationNanos, Throwable error) {
    if (error == null) {
      throw new NullPointerException("error must not be null");
    }
    int kind = config.classify(error);
    if (kind == 0) {
      releasePermission();
      return;
    }
    state.get().record(Outcomes.code(kind == 2, durationNanos >= config.slowCallNanos));
  }

  @Override
  public void onResult(long durationNanos, Object result) {
    boolean failure = config.recordResult != CircuitBreakerConfig.NO_RESULT_IS_A_FAILURE && config.recordResult.test(result);
    state.get().record(Outcomes.code(failure, durationNanos >= config.slowCallNanos));
  }

  @Override
  public void transitionToClosed() {
    force(new Closed(config.waitInOpenNanos));
  }

  @Override
  public void transitionToOpen() {
    force(new Open(now(), config.waitInOpenNanos));
  }

  @Override
  public void transitionToDisabled() {
    force(new Fixed(CircuitState.DISABLED));
  }

  @Override
  public void transitionToForcedOpen() {
    force(new Fixed(CircuitState.FORCED_OPEN));
  }

  @Override
  public void transitionToMetricsOnly() {
    force(new Closed(config.waitInOpenNanos, true));
  }

  @Override
  public CircuitBreakerMetrics metrics() {
    return state.get().metrics();
  }

  // ---- decorators ----

  @Override
  public <T> T call(Callable<T> callable) throws Exception {
    if (callable == null) {
      throw new NullPointerException("callable must not be null");
    }
    acquirePermission();
    long start = now();
    T result;
    try {
      result = callable.call();
    } catch (Throwable error) {
      onError(now() - start, error);
      throw error;
    }
    onResult(now() - start, result);
    return result;
  }

  @Override
  public <T> T get(Supplier<T> supplier) {
    if (supplier == null) {
      throw new NullPointerException("supplier must not be null");
    }
    acquirePermission();
    long start = now();
    T result;
    try {
      result = supplier.get();
    } catch (Throwable error) {
      onError(now() - start, error);
      throw error;
    }
    onResult(now() - start, result);
    return result;
  }

  @Override
  public void run(Runnable runnable) {
    if (runnable == null) {
      throw new NullPointerException("runnable must not be null");
    }
    acquirePermission();
    long start = now();
    try {
      runnable.run();
    } catch (Throwable error) {
      onError(now() - start, error);
      throw error;
    }
    onSuccess(now() - start);
  }

  @Override
  public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
    if (supplier == null) {
      throw new NullPointerException("supplier must not be null");
    }
    if (!tryAcquirePermission()) {
      CompletableFuture<T> rejected = new CompletableFuture<>();
      rejected.completeExceptionally(rejection());
      return rejected;
    }
    long start = now();
    CompletionStage<T> stage;
    try {
      stage = supplier.get();
    } catch (Throwable error) {
      onError(now() - start, error);
      CompletableFuture<T> failed = new CompletableFuture<>();
      failed.completeExceptionally(error);
      return failed;
    }
    if (stage == null) {
      onError(now() - start, new NullPointerException("the supplier returned a null stage"));
      CompletableFuture<T> failed = new CompletableFuture<>();
      failed.completeExceptionally(new NullPointerException("the supplier returned a null stage"));
      return failed;
    }
    return stage.whenComplete((result, error) -> {
      if (error != null) {
        onError(now() - start, error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error);
      } else {
        onResult(now() - start, result);
      }
    });
  }

  @Override
  public String toString() {
    return "CircuitBreaker[" + config.name + ", " + state() + "]";
  }
}
