package dev.trestle.tck.breaker;

import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.breaker.CircuitBreakerConfig.WindowType;
import dev.trestle.core.breaker.CircuitBreakerListener;
import dev.trestle.core.breaker.CircuitState;
import dev.trestle.tck.ConformanceKit.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The BREAKER rules about waits, permissions, the decorators' timing and outcomes, and what a
 * breaker tells about itself (2.5, 3.8, 4.5, 6.7, 6.8, 7.6, 7.7). Kept out of
 * {@link CircuitBreakerTck} so that the kit stays readable; each is run from the kit's test method
 * of the same rule.
 */
final class BreakerProtocolRules {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final long FAST = 1_000;

  private final CircuitBreakerTck kit;

  BreakerProtocolRules(CircuitBreakerTck kit) {
    this.kit = kit;
  }

  /**
   * BREAKER-2.5: the wait in OPEN, and maxWaitInHalfOpen where declared, run from the moment the
   * breaker opened or turned HALF_OPEN on a ticker far from zero, not from the ticker's zero.
   */
  void waitsRunFromTheirStart() {
    String rule = "BREAKER-2.5";
    kit.ticker.advance(BreakerWindowRules.FAR_FROM_ZERO);
    CircuitBreaker breaker = kit.breaker(kit.defaults());
    open(breaker, rule);
    kit.ticker.advance(CircuitBreakerTck.WAIT_IN_OPEN.minusNanos(1));
    kit.check(!breaker.tryAcquirePermission(), rule, "a rejection 1 ns before the wait in OPEN ends, counted from the "
        + "opening at " + BreakerWindowRules.FAR_FROM_ZERO + " on the ticker", "permitted in " + breaker.state());
    kit.ticker.advance(Duration.ofNanos(2));
    kit.check(breaker.tryAcquirePermission(), rule, "a trial call 1 ns after the wait has passed (the exact end is 2.2's)",
        "rejected in " + breaker.state());
    if (!kit.has(CircuitBreakerFeature.MAX_WAIT_IN_HALF_OPEN)) {
      return;
    }
    kit.ticker.advance(BreakerWindowRules.FAR_FROM_ZERO);
    Duration maxWait = Duration.ofSeconds(30);
    CircuitBreaker halfOpen = kit.breaker(kit.defaults().maxWaitInHalfOpen(maxWait));
    open(halfOpen, rule);
    kit.ticker.advance(CircuitBreakerTck.WAIT_IN_OPEN.plusNanos(1));
    kit.check(halfOpen.tryAcquirePermission(), rule, "the first trial call once the wait in OPEN has passed",
        "rejected in " + halfOpen.state());
    kit.ticker.advance(maxWait.minusNanos(1));
    kit.check(halfOpen.tryAcquirePermission() && halfOpen.state() == CircuitState.HALF_OPEN, rule,
        "a second trial call 1 ns before maxWaitInHalfOpen (" + maxWait + ") has passed, counted from the turn to HALF_OPEN",
        halfOpen.state());
    kit.ticker.advance(Duration.ofNanos(1));
    kit.check(!halfOpen.tryAcquirePermission() && halfOpen.state() == CircuitState.OPEN, rule,
        "a rejection and OPEN once maxWaitInHalfOpen has passed without a verdict", halfOpen.state());
  }

  /**
   * BREAKER-3.8: the call that turns an OPEN breaker HALF_OPEN takes one of its trial permissions:
   * of the first N + 1 requests after the wait, exactly N are granted; with LISTENER, also when the N
   * are taken by requests made as the transition is announced, before the turning request's own.
   */
  void firstTrialPermissionCounts() {
    String rule = "BREAKER-3.8";
    CircuitBreaker breaker = kit.breaker(kit.defaults());
    open(breaker, rule);
    kit.ticker.advance(CircuitBreakerTck.WAIT_IN_OPEN.plusNanos(1));
    List<Boolean> granted = new ArrayList<>();
    for (int i = 0; i <= CircuitBreakerTck.TRIALS; i++) {
      granted.add(breaker.tryAcquirePermission());
    }
    List<Boolean> expected = new ArrayList<>();
    for (int i = 0; i < CircuitBreakerTck.TRIALS; i++) {
      expected.add(true);
    }
    expected.add(false);
    kit.check(granted.equals(expected), rule, "of " + (CircuitBreakerTck.TRIALS + 1) + " requests after the wait in OPEN, "
        + "the first " + CircuitBreakerTck.TRIALS + " granted (the first one turns the breaker HALF_OPEN) and the next refused "
        + expected, granted);
    if (!kit.has(CircuitBreakerFeature.LISTENER)) {
      return;
    }
    // The same count when other calls take the trial permissions the moment the breaker turns
    // HALF_OPEN, before the request that turned it gets its own: the listener told of the
    // transition takes them, on the turning call's thread, so the interleaving is certain.
    List<Boolean> taken = new ArrayList<>();
    CircuitBreaker[] racing = new CircuitBreaker[1];
    racing[0] = kit.breaker(kit.defaults().listener(new CircuitBreakerListener() {
      @Override
      public void onStateTransition(String name, CircuitState from, CircuitState to) {
        if (to == CircuitState.HALF_OPEN) {
          for (int i = 0; i < CircuitBreakerTck.TRIALS; i++) {
            taken.add(racing[0].tryAcquirePermission());
          }
        }
      }
    }));
    open(racing[0], rule);
    kit.ticker.advance(CircuitBreakerTck.WAIT_IN_OPEN.plusNanos(1));
    boolean turning = racing[0].tryAcquirePermission();
    int total = (turning ? 1 : 0) + (int) taken.stream().filter(Boolean::booleanValue).count();
    kit.check(taken.size() == CircuitBreakerTck.TRIALS && total == CircuitBreakerTck.TRIALS, rule,
        CircuitBreakerTck.TRIALS + " permissions granted in all when " + CircuitBreakerTck.TRIALS + " requests made from the "
            + "listener told of OPEN->HALF_OPEN race the request that turned the breaker", "the turning request "
            + (turning ? "granted" : "refused") + ", the listener's " + taken);
  }

  /**
   * BREAKER-4.5: a trial call of HALF_OPEN that ends with an ignored exception gives its permission
   * back and decides nothing.
   */
  void ignoredTrialCallReleasesItsPermission() {
    String rule = "BREAKER-4.5";
    CircuitBreaker breaker = kit.breaker(kit.defaults().ignoreExceptions(IllegalArgumentException.class));
    open(breaker, rule);
    kit.ticker.advance(CircuitBreakerTck.WAIT_IN_OPEN.plusNanos(1));
    for (int round = 1; round <= 2; round++) {
      for (int i = 0; i < CircuitBreakerTck.TRIALS; i++) {
        kit.check(breaker.tryAcquirePermission(), rule, "trial permission " + (i + 1) + " of " + CircuitBreakerTck.TRIALS
            + (round == 1 ? "" : " again, after every trial call ended with an ignored exception"), "rejected in " + breaker.state());
      }
      for (int i = 0; i < CircuitBreakerTck.TRIALS; i++) {
        breaker.onError(FAST, new IllegalArgumentException("ignored"));
      }
      kit.check(breaker.state() == CircuitState.HALF_OPEN, rule,
          "HALF_OPEN after " + CircuitBreakerTck.TRIALS + " trial calls that ended with an ignored exception", breaker.state());
    }
  }

  /**
   * BREAKER-6.7: call, get, run and callAsync time each call on the breaker's ticker, from the start
   * of the task to its end (the completion of its stage).
   */
  void decoratorsTimeTheCall() {
    String rule = "BREAKER-6.7";
    kit.ticker.advance(BreakerWindowRules.FAR_FROM_ZERO);
    List<String> decorators = new ArrayList<>(List.of("call", "get", "run"));
    if (kit.has(CircuitBreakerFeature.ASYNC)) {
      decorators.add("callAsync");
    }
    CircuitBreakerConfig.Builder config = kit.defaults().slidingWindow(WindowType.COUNT_BASED, 4).minimumNumberOfCalls(4)
        .failureRateThreshold(100).slowCallRateThreshold(25).slowCallDuration(Duration.ofSeconds(1));
    for (String decorator : decorators) {
      for (long taking : new long[] {SECOND - 1, 2 * SECOND}) {
        CircuitBreaker breaker = kit.breaker(config);
        for (int i = 0; i < 4; i++) {
          decorate(rule, breaker, decorator, taking, i % 2 == 1);
        }
        boolean slow = taking >= SECOND;
        kit.check(breaker.state() == (slow ? CircuitState.OPEN : CircuitState.CLOSED), rule, (slow ? "OPEN" : "CLOSED")
            + " after 4 calls through " + decorator + " (2 returning, 2 throwing) whose tasks each took " + taking
            + " ns on the ticker (slowCallDuration 1 s, slow-call threshold 25%)", breaker.state());
      }
    }
  }

  /**
   * BREAKER-6.8: callAsync records a stage that completes normally as a success; a supplier that
   * returns null fails the result with NullPointerException and is a failed call; the stage's own
   * exception is classified, a CompletionException unwrapped to its cause; and the supplier's time
   * counts when it throws or returns null.
   */
  void callAsyncOutcomes() {
    String rule = "BREAKER-6.8";
    CircuitBreaker successes = kit.breaker(kit.defaults());
    for (int i = 0; i < 5; i++) {
      settle(rule, successes.callAsync(() -> CompletableFuture.completedFuture("ok")), "a stage completed normally");
    }
    for (int i = 0; i < 5; i++) {
      CompletableFuture<String> failing = new CompletableFuture<>();
      CompletionStage<String> result = successes.callAsync(() -> failing);
      failing.completeExceptionally(new CircuitBreakerTck.KitFailure());
      settle(rule, result, "a stage completed with a failure");
    }
    kit.check(successes.state() == CircuitState.OPEN, rule, "OPEN after 5 stages completed normally and 5 with a failure "
        + "(10 calls, the minimum, at 50%): the normal completions count as calls", successes.state());
    CircuitBreaker nulls = kit.breaker(kit.defaults());
    for (int i = 0; i < 10 && nulls.state() == CircuitState.CLOSED; i++) {
      Outcome<CompletionStage<Object>> started = kit.outcomeOfCall(() -> nulls.callAsync(() -> null));
      Object outcome = started.failed() ? started : settle(rule, started.value(), "a supplier that returned null");
      Throwable failure = started.failed() ? started.failure() : ((Outcome<?>) outcome).failure();
      kit.check(cause(failure) instanceof NullPointerException, rule,
          "NullPointerException (thrown by callAsync or failing its result) for a supplier that returned null", outcome);
    }
    kit.check(nulls.state() == CircuitState.OPEN, rule, "OPEN after 10 suppliers that returned null (each a failed call)",
        nulls.state());
    if (kit.has(CircuitBreakerFeature.IGNORE_EXCEPTIONS)) {
      CircuitBreaker ignoring = kit.breaker(kit.defaults().ignoreExceptions(IllegalArgumentException.class));
      for (int i = 0; i < 10; i++) {
        Throwable wrapped = new CompletionException(new IllegalArgumentException("ignored"));
        settle(rule, ignoring.callAsync(() -> CompletableFuture.failedFuture(wrapped)), "a stage failed with a CompletionException");
      }
      kit.check(ignoring.state() == CircuitState.CLOSED, rule, "CLOSED after 10 stages failed with a CompletionException "
          + "around an ignored exception (the cause is classified)", ignoring.state());
      for (int i = 0; i < 10 && ignoring.state() == CircuitState.CLOSED; i++) {
        Throwable own = new IllegalStateException("the stage's own", new IllegalArgumentException("an ignored cause"));
        settle(rule, ignoring.callAsync(() -> CompletableFuture.failedFuture(own)), "a stage failed with its own exception");
      }
      kit.check(ignoring.state() == CircuitState.OPEN, rule, "OPEN after 10 stages failed with an exception that is not "
          + "ignored (only its cause is)", ignoring.state());
    }
    if (kit.has(CircuitBreakerFeature.SLOW_CALLS) && kit.has(CircuitBreakerFeature.MANUAL_TICKER)) {
      kit.ticker.advance(BreakerWindowRules.FAR_FROM_ZERO);
      CircuitBreaker timed = kit.breaker(kit.defaults().slidingWindow(WindowType.COUNT_BASED, 4).minimumNumberOfCalls(4)
          .failureRateThreshold(100).slowCallRateThreshold(25).slowCallDuration(Duration.ofSeconds(1)));
      settle(rule, timed.callAsync(() -> {
        kit.ticker.advance(Duration.ofNanos(SECOND - 1));
        throw new CircuitBreakerTck.KitFailure();
      }), "a supplier that threw");
      settle(rule, timed.callAsync(() -> {
        kit.ticker.advance(Duration.ofNanos(SECOND - 1));
        return null;
      }), "a supplier that returned null");
      for (int i = 0; i < 2; i++) {
        settle(rule, timed.callAsync(() -> CompletableFuture.completedFuture("ok")), "a stage completed normally");
      }
      kit.check(timed.state() == CircuitState.CLOSED, rule, "CLOSED after a supplier that threw and one that returned null, "
          + "each after 1 s - 1 ns on the ticker, and 2 fast stages (slowCallDuration 1 s, slow-call threshold 25%: none slow)",
          timed.state());
    }
  }

  /** BREAKER-7.6: name() is the config's name and config() the config the breaker was built from. */
  void nameAndConfig() {
    String rule = "BREAKER-7.6";
    CircuitBreakerConfig config = kit.defaults().name("orders-db").build();
    CircuitBreaker breaker = kit.implementationFor(config);
    kit.check("orders-db".equals(breaker.name()), rule, "name() \"orders-db\", the config's name", breaker.name());
    kit.check(breaker.config() == config, rule, "config() returning the config the breaker was built from", breaker.config());
  }

  /** BREAKER-7.7: explicit transitions are reported to the listeners as the automatic ones are. */
  void explicitTransitionsAreReported() {
    String rule = "BREAKER-7.7";
    Queue<String> events = new ConcurrentLinkedQueue<>();
    CircuitBreaker breaker = kit.breaker(kit.defaults().listener(new CircuitBreakerListener() {
      @Override
      public void onStateTransition(String name, CircuitState from, CircuitState to) {
        events.add(from + "->" + to);
      }
    }));
    List<String> expected = new ArrayList<>(List.of("CLOSED->OPEN", "OPEN->CLOSED"));
    breaker.transitionToOpen();
    breaker.transitionToClosed();
    if (kit.has(CircuitBreakerFeature.SPECIAL_STATES)) {
      breaker.transitionToDisabled();
      breaker.transitionToForcedOpen();
      breaker.transitionToMetricsOnly();
      breaker.transitionToClosed();
      expected.addAll(List.of("CLOSED->DISABLED", "DISABLED->FORCED_OPEN", "FORCED_OPEN->METRICS_ONLY", "METRICS_ONLY->CLOSED"));
    }
    kit.check(expected.equals(new ArrayList<>(events)), rule, "the explicit transitions reported in order " + expected,
        events);
  }

  // ---- helpers ----

  private void open(CircuitBreaker breaker, String rule) {
    for (int i = 0; i < 10 && breaker.state() != CircuitState.OPEN; i++) {
      kit.check(breaker.tryAcquirePermission(), rule, "a permitted call (" + (i + 1) + " of 10 failures)", "rejected in "
          + breaker.state());
      breaker.onError(FAST, new CircuitBreakerTck.KitFailure());
    }
    kit.check(breaker.state() == CircuitState.OPEN, rule, "OPEN after 10 failures (threshold 50%)", breaker.state());
  }

  /** One call through {@code decorator} whose task takes {@code nanos} on the ticker, then returns or throws. */
  private void decorate(String rule, CircuitBreaker breaker, String decorator, long nanos, boolean throwing) {
    RuntimeException failure = new CircuitBreakerTck.KitFailure();
    Duration taking = Duration.ofNanos(nanos);
    Outcome<Object> outcome;
    switch (decorator) {
      case "call":
        outcome = kit.outcomeOfCall(() -> breaker.call(() -> {
          kit.ticker.advance(taking);
          if (throwing) {
            throw failure;
          }
          return "value";
        }));
        break;
      case "get":
        outcome = kit.outcomeOfCall(() -> breaker.get(() -> {
          kit.ticker.advance(taking);
          if (throwing) {
            throw failure;
          }
          return "value";
        }));
        break;
      case "run":
        outcome = kit.outcomeOfCall(() -> {
          breaker.run(() -> {
            kit.ticker.advance(taking);
            if (throwing) {
              throw failure;
            }
          });
          return "value";
        });
        break;
      default:
        CompletableFuture<Object> stage = new CompletableFuture<>();
        CompletionStage<Object> result = breaker.callAsync(() -> stage);
        kit.ticker.advance(taking);
        if (throwing) {
          stage.completeExceptionally(failure);
        } else {
          stage.complete("value");
        }
        outcome = settle(rule, result, "a stage completed through callAsync");
    }
    boolean transparent = throwing ? cause(outcome.failure()) == failure : "value".equals(outcome.value());
    kit.check(transparent, rule, decorator + (throwing ? " throwing the task's own failure" : " returning the task's value"),
        outcome);
  }

  private <T> Outcome<T> settle(String rule, CompletionStage<T> result, String what) {
    kit.check(result != null, rule, "a stage from callAsync for " + what, "null");
    return kit.settle(result, rule, "the result of callAsync for " + what);
  }

  private static Throwable cause(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
