package dev.trestle.tck.breaker;

import dev.trestle.core.breaker.CallNotPermittedException;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.breaker.CircuitBreakerConfig.WindowType;
import dev.trestle.core.breaker.CircuitBreakerListener;
import dev.trestle.core.breaker.CircuitBreakerMetrics;
import dev.trestle.core.breaker.CircuitState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A plain, lock-based circuit breaker written from the kit's rules, with at most one deliberate
 * fault. Without a fault it passes every rule; each fault must be caught by the rule it breaks.
 */
final class FaultyCircuitBreaker implements CircuitBreaker {

  /** The faults, each named for what it does wrong. */
  enum Fault {
    STARTS_OPEN,
    NEVER_OPENS,
    OPENS_BELOW_MINIMUM,
    OPENS_ONLY_ABOVE_THRESHOLD,
    OPENS_BELOW_THRESHOLD,
    CUMULATIVE_WINDOW,
    FORGETS_WINDOW_WHEN_FULL,
    WINDOW_ONE_TOO_LARGE,
    TIME_WINDOW_NEVER_EXPIRES,
    IGNORES_SLOW_CALLS,
    SLOW_ONLY_ABOVE_DURATION,
    PERMITS_WHILE_OPEN,
    RUNS_REJECTED_TASK,
    HALF_WAIT_IN_OPEN,
    VAGUE_REJECTION,
    UNLIMITED_HALF_OPEN,
    RACY_HALF_OPEN,
    KEEPS_WINDOW_ON_CLOSE,
    CLOSES_ON_FIRST_SUCCESS,
    REOPENS_WITHOUT_WAIT,
    RELEASE_LOSES_PERMIT,
    IGNORES_MAX_WAIT_IN_HALF_OPEN,
    NO_WAIT_BACKOFF,
    COUNTS_IGNORED_AS_FAILURE,
    COUNTS_IGNORED_AS_SUCCESS,
    RECORD_WINS_OVER_IGNORE,
    RECORDS_UNLISTED,
    IGNORES_RESULT,
    DISABLED_OPENS,
    FORCED_OPEN_EXPIRES,
    METRICS_ONLY_OPENS,
    EXPLICIT_CLOSE_KEEPS_WINDOW,
    WRAPS_EXCEPTION,
    RUN_SWALLOWS_EXCEPTION,
    ASYNC_RECORDS_AT_START,
    ACCEPTS_NULL,
    RATE_BELOW_MINIMUM,
    ANNOUNCES_OPEN_AGAIN,
    SILENT_REJECTIONS,
    RACY_COUNTERS,
    /** The decorators catch Exception only: an Error escapes unrecorded, its permission never given back. */
    ERROR_NOT_RECORDED,
    /** callAsync records only through the stage: a supplier that throws is never recorded. */
    ASYNC_SUPPLIER_THROW_UNRECORDED,
    /** Reads waitInOpen in whole milliseconds. */
    WAIT_TO_MILLIS,
    /** The decorators count a rejection again when they throw it: tryAcquirePermission already counted it. */
    DECORATORS_COUNT_REJECTION_TWICE,
    /** Only a failure or a slow call can open it: the success that fills the window to the minimum decides nothing. */
    SUCCESS_NEVER_DECIDES,
    /** A count-based window counts slow calls since it was last emptied, not among its last N calls. */
    SLOW_CALLS_NEVER_LEAVE_COUNT_WINDOW,
    /** onError and onResult count a call as slow only when longer than slowCallDuration (onSuccess is right). */
    SLOW_BOUNDARY_ONLY_FOR_SUCCESS,
    /** A time-based window keeps each second one second too long. */
    TIME_WINDOW_ONE_SECOND_LONG,
    /** A time-based window counts no slow calls. */
    TIME_WINDOW_IGNORES_SLOW_CALLS,
    /** Opening from CLOSED starts the wait at the ticker's zero instead of now. */
    OPENS_FROM_TICKER_ZERO,
    /** The call that turns the breaker HALF_OPEN is permitted without taking a trial permission. */
    FIRST_TRIAL_FREE,
    /** A call that ends with an ignored exception keeps its permission. */
    IGNORED_TRIAL_KEEPS_PERMISSION,
    /** The decorators report every call as taking no time. */
    DECORATORS_UNTIMED,
    /** callAsync fails the result of a supplier that returned null but records nothing. */
    NULL_STAGE_UNRECORDED,
    /** metrics() never reports a slow-call rate (always -1). */
    SLOW_RATE_UNKNOWN,
    /** name() is not the config's name. */
    WRONG_NAME,
    /** Explicit transitions are not reported to the listeners. */
    SILENT_EXPLICIT_TRANSITIONS,
    /** The call that turns the breaker HALF_OPEN is granted even when the permissions were taken as the turn was announced. */
    TURNING_CALL_ALWAYS_GRANTED
  }

  private static final long SECOND = 1_000_000_000L;

  private final Fault fault;
  private final CircuitBreakerConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  /** Outcome entries: {time, failure 0/1, slow 0/1}. */
  private final Deque<long[]> window = new ArrayDeque<>();
  private CircuitState state = CircuitState.CLOSED;
  private long openedAt;
  private long waitNanos;
  private long halfOpenedAt;
  private int trialPermits;
  private int trialsDone;
  private int trialFailures;
  private int trialSlow;
  private volatile int racyPermits;
  private long notPermitted;
  private int racyCalls;
  private int racyFailures;
  private int slowSinceEmptied;

  FaultyCircuitBreaker(Fault fault, CircuitBreakerConfig config) {
    this.fault = fault;
    this.config = config;
    this.waitNanos = config.waitInOpen().toNanos();
    if (fault == Fault.STARTS_OPEN) {
      state = CircuitState.OPEN;
      openedAt = now();
    }
  }

  private boolean is(Fault f) {
    return fault == f;
  }

  private long now() {
    return config.ticker().read();
  }

  // ---- window ----

  private void evict(long now) {
    if (config.windowType() == WindowType.COUNT_BASED) {
      int size = config.windowSize() + (is(Fault.WINDOW_ONE_TOO_LARGE) ? 1 : 0);
      if (is(Fault.CUMULATIVE_WINDOW)) {
        return;
      }
      if (is(Fault.FORGETS_WINDOW_WHEN_FULL)) {
        if (window.size() > size) {
          long[] last = window.peekLast();
          window.clear();
          window.add(last);
        }
        return;
      }
      while (window.size() > size) {
        window.removeFirst();
      }
    } else if (!is(Fault.TIME_WINDOW_NEVER_EXPIRES)) {
      long epoch = Math.floorDiv(now, SECOND);
      long last = epoch - config.windowSize() - (is(Fault.TIME_WINDOW_ONE_SECOND_LONG) ? 1 : 0);
      while (!window.isEmpty() && Math.floorDiv(window.peekFirst()[0], SECOND) <= last) {
        window.removeFirst();
      }
    }
  }

  private int failures() {
    int n = 0;
    for (long[] entry : window) {
      n += (int) entry[1];
    }
    return n;
  }

  private int slowCalls() {
    if (is(Fault.SLOW_CALLS_NEVER_LEAVE_COUNT_WINDOW) && config.windowType() == WindowType.COUNT_BASED) {
      return slowSinceEmptied;
    }
    if (is(Fault.TIME_WINDOW_IGNORES_SLOW_CALLS) && config.windowType() == WindowType.TIME_BASED) {
      return 0;
    }
    int n = 0;
    for (long[] entry : window) {
      n += (int) entry[2];
    }
    return n;
  }

  private boolean exceeds(int failures, int slow, int calls) {
    float threshold = config.failureRateThreshold() - (is(Fault.OPENS_BELOW_THRESHOLD) ? 15 : 0);
    boolean failing = is(Fault.OPENS_ONLY_ABOVE_THRESHOLD)
        ? failures * 100f > threshold * calls : failures * 100f >= threshold * calls;
    boolean slowing = !is(Fault.IGNORES_SLOW_CALLS) && slow * 100f >= config.slowCallRateThreshold() * calls;
    return failing || slowing;
  }

  // ---- transitions ----

  private void moveTo(CircuitState to) {
    CircuitState from = state;
    state = to;
    announce(from, to);
  }

  /** An explicit transition: announced like the others unless the fault silences it. */
  private void force(CircuitState to) {
    CircuitState from = state;
    state = to;
    if (!is(Fault.SILENT_EXPLICIT_TRANSITIONS)) {
      announce(from, to);
    }
  }

  private void announce(CircuitState from, CircuitState to) {
    for (CircuitBreakerListener listener : config.listeners()) {
      listener.onStateTransition(config.name(), from, to);
    }
  }

  private void open(long now, long wait) {
    openedAt = now;
    waitNanos = wait;
    moveTo(CircuitState.OPEN);
  }

  private void close() {
    emptyWindow();
    waitNanos = config.waitInOpen().toNanos();
    moveTo(CircuitState.CLOSED);
  }

  private void emptyWindow() {
    if (!is(Fault.KEEPS_WINDOW_ON_CLOSE)) {
      window.clear();
      slowSinceEmptied = 0;
    }
  }

  private void halfOpen(long now) {
    halfOpenedAt = now;
    trialPermits = config.permittedCallsInHalfOpen();
    racyPermits = trialPermits;
    trialsDone = 0;
    trialFailures = 0;
    trialSlow = 0;
    moveTo(CircuitState.HALF_OPEN);
  }

  private long nextWait() {
    if (is(Fault.NO_WAIT_BACKOFF)) {
      return config.waitInOpen().toNanos();
    }
    return (long) Math.min((double) config.maxWaitInOpen().toNanos(), waitNanos * config.waitMultiplier());
  }

  private long effectiveWait() {
    if (is(Fault.WAIT_TO_MILLIS)) {
      return java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(waitNanos));
    }
    return is(Fault.HALF_WAIT_IN_OPEN) ? waitNanos / 2 : waitNanos;
  }

  // ---- protocol ----

  @Override
  public String name() {
    return is(Fault.WRONG_NAME) ? toString() : config.name();
  }

  @Override
  public CircuitState state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CircuitBreakerConfig config() {
    return config;
  }

  @Override
  public boolean tryAcquirePermission() {
    if (is(Fault.RACY_HALF_OPEN) && state() == CircuitState.HALF_OPEN) {
      // check, then act: two threads can both see the last permit
      int left = racyPermits;
      Thread.yield();
      if (left > 0) {
        racyPermits = left - 1;
        return true;
      }
      return rejected();
    }
    lock.lock();
    try {
      long now = now();
      switch (state) {
        case CLOSED:
        case DISABLED:
        case METRICS_ONLY:
          return true;
        case FORCED_OPEN:
          if (is(Fault.FORCED_OPEN_EXPIRES) && now - openedAt >= waitNanos) {
            halfOpen(now);
            trialPermits--;
            return true;
          }
          return rejected();
        case OPEN:
          if (is(Fault.PERMITS_WHILE_OPEN)) {
            return true;
          }
          if (now - openedAt < effectiveWait()) {
            return rejected();
          }
          halfOpen(now);
          if (is(Fault.FIRST_TRIAL_FREE)) {
            return true;
          }
          if (is(Fault.TURNING_CALL_ALWAYS_GRANTED)) {
            if (trialPermits > 0) {
              trialPermits--;
              racyPermits = trialPermits;
            }
            return true;
          }
          // fall through to take the first trial permission
        case HALF_OPEN:
        default:
          if (config.maxWaitInHalfOpen().toNanos() > 0 && !is(Fault.IGNORES_MAX_WAIT_IN_HALF_OPEN)
              && now - halfOpenedAt >= config.maxWaitInHalfOpen().toNanos()) {
            open(now, nextWait());
            return rejected();
          }
          if (trialPermits > 0 || is(Fault.UNLIMITED_HALF_OPEN)) {
            trialPermits--;
            racyPermits = trialPermits;
            return true;
          }
          return rejected();
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean rejected() {
    CircuitState now;
    lock.lock();
    try {
      notPermitted++;
      now = state;
    } finally {
      lock.unlock();
    }
    if (!is(Fault.SILENT_REJECTIONS)) {
      for (CircuitBreakerListener listener : config.listeners()) {
        listener.onCallNotPermitted(config.name(), now);
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
    lock.lock();
    try {
      Duration retryAfter = null;
      if (state == CircuitState.OPEN && !is(Fault.VAGUE_REJECTION)) {
        retryAfter = Duration.ofNanos(Math.max(0, effectiveWait() - (now() - openedAt)));
      }
      return new CallNotPermittedException(config.name(), state, retryAfter);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void releasePermission() {
    lock.lock();
    try {
      if (state == CircuitState.HALF_OPEN && !is(Fault.RELEASE_LOSES_PERMIT)) {
        trialPermits++;
        racyPermits++;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onSuccess(long durationNanos) {
    record(false, durationNanos);
  }

  @Override
  public void onError(long durationNanos, Throwable error) {
    if (error == null && !is(Fault.ACCEPTS_NULL)) {
      throw new NullPointerException("error must not be null");
    }
    Optional<Boolean> failure = classify(error);
    if (failure.isEmpty()) {
      if (!is(Fault.IGNORED_TRIAL_KEEPS_PERMISSION)) {
        releasePermission();
      }
      return;
    }
    record(failure.get(), is(Fault.SLOW_BOUNDARY_ONLY_FOR_SUCCESS) ? durationNanos - 1 : durationNanos);
  }

  private Optional<Boolean> classify(Throwable error) {
    if (is(Fault.COUNTS_IGNORED_AS_FAILURE) || is(Fault.COUNTS_IGNORED_AS_SUCCESS)) {
      for (Class<? extends Throwable> ignored : config.ignoreExceptions()) {
        if (ignored.isInstance(error)) {
          return Optional.of(is(Fault.COUNTS_IGNORED_AS_FAILURE));
        }
      }
    }
    if (is(Fault.RECORD_WINS_OVER_IGNORE)) {
      for (Class<? extends Throwable> recorded : config.recordExceptions()) {
        if (recorded.isInstance(error)) {
          return Optional.of(true);
        }
      }
    }
    if (is(Fault.RECORDS_UNLISTED)) {
      return Optional.of(true);
    }
    return config.isFailure(error);
  }

  @Override
  public void onResult(long durationNanos, Object result) {
    record(!is(Fault.IGNORES_RESULT) && config.recordResult().test(result),
        is(Fault.SLOW_BOUNDARY_ONLY_FOR_SUCCESS) ? durationNanos - 1 : durationNanos);
  }

  private void record(boolean failure, long durationNanos) {
    long slowFrom = config.slowCallDuration().toNanos();
    boolean slow = is(Fault.SLOW_ONLY_ABOVE_DURATION) ? durationNanos > slowFrom : durationNanos >= slowFrom;
    if (is(Fault.RACY_COUNTERS)) {
      int calls = racyCalls;
      Thread.yield();
      racyCalls = calls + 1;
      if (failure) {
        int failures = racyFailures;
        Thread.yield();
        racyFailures = failures + 1;
      }
    }
    lock.lock();
    try {
      long now = now();
      switch (state) {
        case CLOSED:
        case METRICS_ONLY:
          window.addLast(new long[] {now, failure ? 1 : 0, slow ? 1 : 0});
          slowSinceEmptied += slow ? 1 : 0;
          evict(now);
          if (state == CircuitState.METRICS_ONLY && !is(Fault.METRICS_ONLY_OPENS) || is(Fault.NEVER_OPENS)) {
            return;
          }
          int calls = window.size();
          boolean decides = !(is(Fault.SUCCESS_NEVER_DECIDES) && !failure && !slow);
          if (decides && (calls >= config.minimumNumberOfCalls() || is(Fault.OPENS_BELOW_MINIMUM))
              && exceeds(failures(), slowCalls(), calls)) {
            open(is(Fault.OPENS_FROM_TICKER_ZERO) ? 0 : now, waitNanos);
          }
          return;
        case DISABLED:
          if (is(Fault.DISABLED_OPENS)) {
            window.addLast(new long[] {now, failure ? 1 : 0, slow ? 1 : 0});
            evict(now);
            if (window.size() >= config.minimumNumberOfCalls() && exceeds(failures(), slowCalls(), window.size())) {
              open(now, waitNanos);
            }
          }
          return;
        case HALF_OPEN:
          trialsDone++;
          trialFailures += failure ? 1 : 0;
          trialSlow += slow ? 1 : 0;
          if (is(Fault.CLOSES_ON_FIRST_SUCCESS) && !failure) {
            close();
          } else if (trialsDone == config.permittedCallsInHalfOpen()) {
            if (exceeds(trialFailures, trialSlow, trialsDone)) {
              open(is(Fault.REOPENS_WITHOUT_WAIT) ? openedAt : now, nextWait());
            } else {
              close();
            }
          }
          return;
        case OPEN:
          if (is(Fault.ANNOUNCES_OPEN_AGAIN) && failure) {
            announce(CircuitState.CLOSED, CircuitState.OPEN);
          }
          return;
        default:
          return;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void transitionToClosed() {
    lock.lock();
    try {
      if (!is(Fault.EXPLICIT_CLOSE_KEEPS_WINDOW)) {
        emptyWindow();
      }
      waitNanos = config.waitInOpen().toNanos();
      force(CircuitState.CLOSED);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void transitionToOpen() {
    lock.lock();
    try {
      openedAt = now();
      waitNanos = config.waitInOpen().toNanos();
      force(CircuitState.OPEN);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void transitionToDisabled() {
    lock.lock();
    try {
      force(CircuitState.DISABLED);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void transitionToForcedOpen() {
    lock.lock();
    try {
      openedAt = now();
      force(CircuitState.FORCED_OPEN);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void transitionToMetricsOnly() {
    lock.lock();
    try {
      window.clear();
      slowSinceEmptied = 0;
      force(CircuitState.METRICS_ONLY);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CircuitBreakerMetrics metrics() {
    lock.lock();
    try {
      if (state == CircuitState.HALF_OPEN) {
        boolean known = trialsDone >= config.permittedCallsInHalfOpen();
        return CircuitBreakerMetrics.of(state, trialsDone, trialFailures, trialSlow,
            known ? trialFailures * 100f / trialsDone : -1, known && !is(Fault.SLOW_RATE_UNKNOWN) ? trialSlow * 100f / trialsDone : -1,
            notPermitted);
      }
      if (state == CircuitState.CLOSED || state == CircuitState.METRICS_ONLY) {
        evict(now()); // a read moves a time-based window on
      }
      int calls = is(Fault.RACY_COUNTERS) ? racyCalls : window.size();
      int failures = Math.min(calls, is(Fault.RACY_COUNTERS) ? racyFailures : failures());
      boolean known = calls >= config.minimumNumberOfCalls() || is(Fault.RATE_BELOW_MINIMUM);
      float rate = known && calls > 0 ? failures * 100f / calls : -1;
      float slowRate = known && calls > 0 && !is(Fault.SLOW_RATE_UNKNOWN) ? slowCalls() * 100f / calls : -1;
      return CircuitBreakerMetrics.of(state, calls, failures, slowCalls(), rate, slowRate, notPermitted);
    } finally {
      lock.unlock();
    }
  }

  // ---- decorators ----

  @Override
  public <T> T call(Callable<T> callable) throws Exception {
    if (callable == null && !is(Fault.ACCEPTS_NULL)) {
      throw new NullPointerException("callable");
    }
    if (!tryAcquirePermission()) {
      if (is(Fault.RUNS_REJECTED_TASK)) {
        callable.call();
      }
      if (is(Fault.DECORATORS_COUNT_REJECTION_TWICE)) {
        lock.lock();
        try {
          notPermitted++;
        } finally {
          lock.unlock();
        }
      }
      throw rejection();
    }
    long start = now();
    T result;
    try {
      result = callable == null ? null : callable.call();
    } catch (Exception e) {
      onError(since(start), e);
      throw is(Fault.WRAPS_EXCEPTION) ? new CompletionException(e) : e;
    } catch (Error e) {
      if (!is(Fault.ERROR_NOT_RECORDED)) {
        onError(since(start), e);
      }
      throw e;
    }
    onResult(since(start), result);
    return result;
  }

  @Override
  public <T> T get(Supplier<T> supplier) {
    if (supplier == null && !is(Fault.ACCEPTS_NULL)) {
      throw new NullPointerException("supplier");
    }
    try {
      return call(supplier == null ? () -> null : supplier::get);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  @Override
  public void run(Runnable runnable) {
    if (runnable == null && !is(Fault.ACCEPTS_NULL)) {
      throw new NullPointerException("runnable");
    }
    try {
      get(() -> {
        if (runnable != null) {
          runnable.run();
        }
        return null;
      });
    } catch (CallNotPermittedException e) {
      throw e;
    } catch (RuntimeException e) {
      if (!is(Fault.RUN_SWALLOWS_EXCEPTION)) {
        throw e;
      }
    }
  }

  @Override
  public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
    if (!tryAcquirePermission()) {
      return CompletableFuture.failedFuture(rejection());
    }
    long start = now();
    CompletionStage<T> stage;
    try {
      stage = supplier.get();
    } catch (RuntimeException | Error thrown) {
      if (is(Fault.ASYNC_SUPPLIER_THROW_UNRECORDED)) {
        throw thrown;
      }
      onError(since(start), thrown);
      return CompletableFuture.failedFuture(thrown);
    }
    if (stage == null) {
      NullPointerException none = new NullPointerException("the supplier returned a null stage");
      if (is(Fault.NULL_STAGE_UNRECORDED)) {
        releasePermission();
      } else {
        onError(since(start), none);
      }
      return CompletableFuture.failedFuture(none);
    }
    if (is(Fault.ASYNC_RECORDS_AT_START)) {
      onSuccess(0);
      return stage;
    }
    return stage.whenComplete((value, error) -> {
      if (error != null) {
        onError(since(start), error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
      } else {
        onResult(since(start), value);
      }
    });
  }

  /** The time a decorated call took since {@code start}. */
  private long since(long start) {
    return is(Fault.DECORATORS_UNTIMED) ? 0 : now() - start;
  }

  @Override
  public String toString() {
    return "FaultyCircuitBreaker(" + fault + ")";
  }
}
