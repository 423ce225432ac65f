package dev.trestle.tck.breaker;

import dev.trestle.core.breaker.CallNotPermittedException;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitState;
import dev.trestle.tck.ConformanceKit.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The BREAKER rules about exception paths, exact waits and exact counts (2.4, 6.5, 6.6, 7.4), kept
 * out of {@link CircuitBreakerTck} so that the kit stays readable; each is run from the kit's test
 * method of the same rule, through the kit's package-private bridges.
 */
final class BreakerExceptionPathRules {

  /** A wait in OPEN with a sub-millisecond part: 1.5 ms and 250 ns. */
  static final Duration PRECISE_WAIT = Duration.ofNanos(1_500_250);

  private final CircuitBreakerTck kit;

  BreakerExceptionPathRules(CircuitBreakerTck kit) {
    this.kit = kit;
  }

  /** BREAKER-2.4: a sub-millisecond waitInOpen is kept to the nanosecond. */
  void subMillisecondWaitInOpen() {
    String rule = "BREAKER-2.4";
    CircuitBreaker breaker = kit.newCircuitBreaker(kit.defaults().waitInOpen(PRECISE_WAIT).build());
    openWithFailures(breaker, rule);
    kit.ticker.advance(PRECISE_WAIT.minusNanos(1));
    kit.check(!breaker.tryAcquirePermission(), rule, "a rejection 1 ns before the " + PRECISE_WAIT.toNanos() + " ns wait ends",
        "a permitted call in " + breaker.state());
    kit.ticker.advance(Duration.ofNanos(2));
    kit.check(breaker.tryAcquirePermission(), rule, "a trial call 1 ns after the " + PRECISE_WAIT.toNanos() + " ns wait ended",
        "rejected in " + breaker.state());
    kit.check(breaker.state() == CircuitState.HALF_OPEN, rule, "HALF_OPEN", breaker.state());
  }

  /** BREAKER-6.5: an Error thrown through call, get or run reaches the caller unchanged and is recorded as a failure. */
  void errorsAreRecorded() {
    String rule = "BREAKER-6.5";
    Map<String, Function<CircuitBreaker, Callable<Object>>> operations = new LinkedHashMap<>();
    AssertionError error = new AssertionError("the task's own error");
    operations.put("call", breaker -> () -> breaker.call(() -> {
      throw error;
    }));
    operations.put("get", breaker -> () -> breaker.get(() -> {
      throw error;
    }));
    operations.put("run", breaker -> () -> {
      breaker.run(() -> {
        throw error;
      });
      return null;
    });
    for (Map.Entry<String, Function<CircuitBreaker, Callable<Object>>> operation : operations.entrySet()) {
      CircuitBreaker breaker = kit.newCircuitBreaker(kit.defaults().build());
      for (int i = 0; i < 10 && breaker.state() != CircuitState.OPEN; i++) {
        Outcome<Object> outcome = kit.outcomeOfCall(operation.getValue().apply(breaker));
        kit.check(outcome.failure() == error, rule, operation.getKey() + " throwing the task's own " + error
            + " (call " + (i + 1) + " of 10)", outcome + " in " + breaker.state());
      }
      kit.check(breaker.state() == CircuitState.OPEN, rule,
          "OPEN within 10 calls through " + operation.getKey() + " that threw an Error (each a failure)", breaker.state());
    }
  }

  /** BREAKER-6.6: a callAsync supplier that throws is a failed call, recorded, its exception passed on. */
  void asyncSupplierThatThrowsIsRecorded() {
    String rule = "BREAKER-6.6";
    CircuitBreaker breaker = kit.newCircuitBreaker(kit.defaults().build());
    for (int i = 0; i < 10 && breaker.state() != CircuitState.OPEN; i++) {
      RuntimeException exception = new IllegalStateException("the supplier's own failure " + (i + 1));
      AssertionError error = new AssertionError("the supplier's own error " + (i + 1));
      Throwable own = i % 2 == 0 ? exception : error;
      Outcome<Object> outcome = kit.outcomeOfCall(() -> {
        CompletionStage<Object> stage = breaker.callAsync(() -> {
          if (own instanceof Error) {
            throw (Error) own;
          }
          throw (RuntimeException) own;
        });
        return stage.toCompletableFuture().join();
      });
      Throwable failure = outcome.failure() instanceof CompletionException ? outcome.failure().getCause() : outcome.failure();
      kit.check(failure == own, rule, "the supplier's own " + own + " (thrown by callAsync or failing its stage)", outcome);
    }
    kit.check(breaker.state() == CircuitState.OPEN, rule,
        "OPEN within 10 callAsync calls whose supplier threw (each a failure)", breaker.state());
  }

  /** BREAKER-7.4: notPermittedCalls counts each rejection once through every operation; the window counts every variant's calls. */
  void countsAreExact() {
    String rule = "BREAKER-7.4";
    CircuitBreaker breaker = kit.newCircuitBreaker(kit.defaults().minimumNumberOfCalls(10).build());
    List<Callable<Object>> mixed = List.of(
        () -> breaker.call(() -> "ok"),
        () -> breaker.get(() -> "ok"),
        () -> {
          breaker.run(() -> { });
          return null;
        },
        () -> breaker.call(() -> {
          throw new java.io.IOException("call failed");
        }),
        () -> breaker.get(() -> {
          throw new IllegalArgumentException("get failed");
        }),
        () -> {
          breaker.run(() -> {
            throw new IllegalStateException("run failed");
          });
          return null;
        });
    for (Callable<Object> call : mixed) {
      kit.outcomeOfCall(call);
    }
    var mid = breaker.metrics();
    kit.check(mid.bufferedCalls() == 6 && mid.failedCalls() == 3 && mid.successfulCalls() == 3, rule,
        "6 calls in the window, 3 failed (one through each of call, get and run), 3 successful", mid);
    for (int i = 0; i < 4; i++) {
      kit.outcomeOfCall(() -> breaker.call(() -> {
        throw new java.io.IOException("failure");
      }));
    }
    kit.check(breaker.state() == CircuitState.OPEN, rule, "OPEN after 7 failures in 10 calls", breaker.state());
    long before = breaker.metrics().notPermittedCalls();
    List<Callable<Object>> rejected = new ArrayList<>(List.of(
        () -> breaker.tryAcquirePermission(),
        () -> {
          breaker.acquirePermission();
          return null;
        },
        () -> breaker.call(() -> "ran"),
        () -> breaker.get(() -> "ran"),
        () -> {
          breaker.run(() -> { });
          return null;
        }));
    if (kit.has(CircuitBreakerFeature.ASYNC)) {
      rejected.add(() -> breaker.callAsync(() -> java.util.concurrent.CompletableFuture.completedFuture("ran"))
          .toCompletableFuture().join());
    }
    for (Callable<Object> call : rejected) {
      Outcome<Object> outcome = kit.outcomeOfCall(call);
      Throwable failure = outcome.failure() instanceof CompletionException ? outcome.failure().getCause() : outcome.failure();
      kit.check(Boolean.FALSE.equals(outcome.value()) || failure instanceof CallNotPermittedException, rule,
          "a rejection while OPEN", outcome);
    }
    long counted = breaker.metrics().notPermittedCalls() - before;
    kit.check(counted == rejected.size(), rule, rejected.size() + " more notPermittedCalls after " + rejected.size()
        + " rejections, one through each operation", counted + " more");
  }

  private void openWithFailures(CircuitBreaker breaker, String rule) {
    for (int i = 0; i < 10; i++) {
      kit.check(breaker.tryAcquirePermission(), rule, "a permitted call (" + (i + 1) + " of 10 failures)", "rejected in " + breaker.state());
      breaker.onError(1_000, new CircuitBreakerTck.KitFailure());
    }
    kit.check(breaker.state() == CircuitState.OPEN, rule, "OPEN after 10 failures", breaker.state());
  }
}
