package dev.trestle.tck.breaker;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.breaker.CallNotPermittedException;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.breaker.CircuitBreakerConfig.WindowType;
import dev.trestle.core.breaker.CircuitBreakerListener;
import dev.trestle.core.breaker.CircuitBreakerMetrics;
import dev.trestle.core.breaker.CircuitState;
import dev.trestle.tck.ConformanceKit;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link CircuitBreaker}: the rules of {@code tck/RULES.md}, section
 * BREAKER, one test each.
 *
 * <p>Subclass it in your test tree and return your breaker, built from the kit's
 * {@link CircuitBreakerConfig}, from {@link #newCircuitBreaker}; declare what it supports in
 * {@link #features()}. A breaker that is not Trestle's maps the config's settings onto its own
 * (see the Resilience4j and Failsafe adapters in the kit's own tests). Rules that need time declare
 * {@link CircuitBreakerFeature#MANUAL_TICKER}: the breaker must read time only from
 * {@code config.ticker()}, which is the kit's {@link ManualTicker}.
 *
 * <p>Unless a rule says otherwise the kit's breaker has a count-based window of 10 calls, a minimum
 * of 10 calls, a failure-rate threshold of 50%, no slow-call decision (threshold 100%, 1 h), a wait
 * in OPEN of 10 s and 4 trial calls in HALF_OPEN.
 */
public abstract class CircuitBreakerTck extends ConformanceKit<CircuitBreakerFeature> {

  /** The wait in OPEN of the kit's default config. */
  protected static final Duration WAIT_IN_OPEN = Duration.ofSeconds(10);
  /** The trial calls in HALF_OPEN of the kit's default config. */
  protected static final int TRIALS = 4;
  private static final long FAST = 1_000;
  private static final Duration PAST_THE_WAIT = WAIT_IN_OPEN.plusNanos(1);

  /** The clock the kit drives; the config hands it to the breaker. */
  protected final ManualTicker ticker = new ManualTicker();
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "circuit-breaker-tck");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * Returns a new breaker with exactly the behaviour {@code config} describes. The kit calls it once
   * or a few times per rule; each breaker starts CLOSED with an empty window.
   */
  protected abstract CircuitBreaker newCircuitBreaker(CircuitBreakerConfig config);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /** The kit's default settings, for a rule to adjust. */
  protected final CircuitBreakerConfig.Builder defaults() {
    return CircuitBreakerConfig.builder()
        .name("kit")
        .ticker(ticker)
        .slidingWindow(WindowType.COUNT_BASED, 10)
        .minimumNumberOfCalls(10)
        .failureRateThreshold(50)
        .slowCallRateThreshold(100)
        .slowCallDuration(Duration.ofHours(1))
        .waitInOpen(WAIT_IN_OPEN)
        .permittedCallsInHalfOpen(TRIALS);
  }

  @Override
  protected Object sampleImplementation() {
    return newCircuitBreaker(defaults().build());
  }

  CircuitBreaker breaker(CircuitBreakerConfig.Builder config) {
    return implementationFor(config.build());
  }

  CircuitBreaker implementationFor(CircuitBreakerConfig config) {
    return implementation(newCircuitBreaker(config));
  }

  // ---- kit exceptions ----

  /** The failure the kit's calls throw. */
  static final class KitFailure extends RuntimeException {
    KitFailure() {
      super("kit failure", null, false, false);
    }
  }

  /** A base class for the precedence rules. */
  static class BaseFailure extends RuntimeException {
    BaseFailure() {
      super("base failure", null, false, false);
    }
  }

  /** A subclass of {@link BaseFailure} for the precedence rules. */
  static final class SpecialFailure extends BaseFailure {}

  // ---- helpers ----

  private void succeed(CircuitBreaker breaker, int calls, String rule) {
    for (int i = 0; i < calls; i++) {
      expect(breaker.tryAcquirePermission(), rule, "a permitted call (" + (i + 1) + " of " + calls + " successes)",
          "rejected in " + breaker.state());
      breaker.onSuccess(FAST);
    }
  }

  private void fail(CircuitBreaker breaker, int calls, String rule) {
    fail(breaker, calls, rule, new KitFailure());
  }

  private void fail(CircuitBreaker breaker, int calls, String rule, Throwable error) {
    for (int i = 0; i < calls; i++) {
      expect(breaker.tryAcquirePermission(), rule, "a permitted call (" + (i + 1) + " of " + calls + " failures)",
          "rejected in " + breaker.state());
      breaker.onError(FAST, error);
    }
  }

  private void expectState(String rule, CircuitBreaker breaker, CircuitState expected, String after) {
    CircuitState seen = breaker.state();
    if (seen != expected) {
      throw violation(rule, expected + " after " + after, seen);
    }
  }

  /** Fails calls until the breaker opens, at most {@code max}; each must be permitted. */
  private void failUntilOpen(CircuitBreaker breaker, int max, String rule, Throwable error) {
    for (int i = 0; i < max && breaker.state() != CircuitState.OPEN; i++) {
      fail(breaker, 1, rule, error);
    }
  }

  /** Opens the breaker with failures: this rule is about what happens once it is OPEN. */
  private CircuitBreaker opened(CircuitBreaker breaker, String rule) {
    failUntilOpen(breaker, 10, rule, new KitFailure());
    expectState(rule, breaker, CircuitState.OPEN, "10 failures in a window of 10 (threshold 50%)");
    return breaker;
  }

  /**
   * Opens the breaker, lets the wait pass (by 1 ns, so that only BREAKER-2.2 checks the exact
   * boundary) and takes the first trial permission.
   */
  private CircuitBreaker halfOpen(CircuitBreaker breaker, String rule) {
    opened(breaker, rule);
    ticker.advance(PAST_THE_WAIT);
    expect(breaker.tryAcquirePermission(), rule, "a trial call permitted once the wait in OPEN has passed",
        "rejected in " + breaker.state());
    expectState(rule, breaker, CircuitState.HALF_OPEN, "the first call after the wait in OPEN");
    return breaker;
  }

  private <T> T await(Future<T> future, String rule, String what) throws Exception {
    Outcome<T> outcome = awaitOutcome(future, rule, what);
    if (outcome.failed()) {
      if (outcome.failure() instanceof Exception) {
        throw (Exception) outcome.failure();
      }
      throw (Error) outcome.failure();
    }
    return outcome.value();
  }

  // ---- 1. CLOSED and the window ----

  @Test
  @DisplayName("BREAKER-1.1 a new breaker is CLOSED and permits calls")
  void newBreakerIsClosed() {
    CircuitBreaker breaker = breaker(defaults());
    expectState("BREAKER-1.1", breaker, CircuitState.CLOSED, "construction");
    succeed(breaker, 50, "BREAKER-1.1");
    expectState("BREAKER-1.1", breaker, CircuitState.CLOSED, "50 successes");
  }

  @Test
  @DisplayName("BREAKER-1.2 nothing is decided before the window holds minimumNumberOfCalls")
  void noDecisionBelowTheMinimum() {
    CircuitBreaker breaker = breaker(defaults());
    fail(breaker, 9, "BREAKER-1.2");
    expectState("BREAKER-1.2", breaker, CircuitState.CLOSED, "9 failures with a minimum of 10 calls");
    fail(breaker, 1, "BREAKER-1.2");
    expectState("BREAKER-1.2", breaker, CircuitState.OPEN, "the 10th failure (minimum 10, rate 100%)");
  }

  @Test
  @DisplayName("BREAKER-1.3 the breaker opens on the call that makes the failure rate reach the threshold")
  void opensWhenTheRateReachesTheThreshold() {
    CircuitBreaker breaker = breaker(defaults());
    succeed(breaker, 5, "BREAKER-1.3");
    fail(breaker, 4, "BREAKER-1.3");
    expectState("BREAKER-1.3", breaker, CircuitState.CLOSED, "5 successes and 4 failures (9 calls, minimum 10)");
    fail(breaker, 1, "BREAKER-1.3");
    expectState("BREAKER-1.3", breaker, CircuitState.OPEN, "5 failures in 10 calls: a rate of 50% equal to the threshold");
  }

  @Test
  @DisplayName("BREAKER-1.4 the breaker stays CLOSED while the failure rate is below the threshold")
  void staysClosedBelowTheThreshold() {
    CircuitBreaker breaker = breaker(defaults());
    for (int round = 0; round < 10; round++) {
      succeed(breaker, 6, "BREAKER-1.4");
      fail(breaker, 4, "BREAKER-1.4");
      expectState("BREAKER-1.4", breaker, CircuitState.CLOSED, "rounds of 6 successes then 4 failures (at most 40%)");
    }
  }

  @Test
  @DisplayName("BREAKER-1.5 a count-based window holds exactly the last N calls")
  void theCountWindowSlides() {
    CircuitBreaker recent = breaker(defaults());
    succeed(recent, 20, "BREAKER-1.5");
    fail(recent, 4, "BREAKER-1.5");
    expectState("BREAKER-1.5", recent, CircuitState.CLOSED, "20 successes then 4 failures (4 of the last 10)");
    fail(recent, 1, "BREAKER-1.5");
    expectState("BREAKER-1.5", recent, CircuitState.OPEN,
        "20 successes then 5 failures: 5 of the last 10 calls failed (older successes no longer count)");
    CircuitBreaker old = breaker(defaults().failureRateThreshold(40));
    fail(old, 3, "BREAKER-1.5");
    succeed(old, 10, "BREAKER-1.5");
    fail(old, 3, "BREAKER-1.5");
    expectState("BREAKER-1.5", old, CircuitState.CLOSED,
        "3 failures, 10 successes, 3 failures (threshold 40%): 3 of the last 10 failed (older failures no longer count)");
  }

  @Test
  @DisplayName("BREAKER-1.6 a time-based window holds only the calls of its last N seconds")
  void theTimeWindowSlides() {
    requireFeature(CircuitBreakerFeature.TIME_WINDOW);
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    CircuitBreaker breaker = breaker(defaults().slidingWindow(WindowType.TIME_BASED, 10).minimumNumberOfCalls(5));
    fail(breaker, 3, "BREAKER-1.6");
    expectState("BREAKER-1.6", breaker, CircuitState.CLOSED, "3 failures (minimum 5)");
    ticker.advance(Duration.ofSeconds(11));
    succeed(breaker, 3, "BREAKER-1.6");
    fail(breaker, 2, "BREAKER-1.6");
    expectState("BREAKER-1.6", breaker, CircuitState.CLOSED,
        "3 failures, 11 s, then 3 successes and 2 failures in a 10 s window (the first 3 expired: 40%)");
    fail(breaker, 1, "BREAKER-1.6");
    expectState("BREAKER-1.6", breaker, CircuitState.OPEN, "a third failure within the window (3 of 6: 50%)");
  }

  @Test
  @DisplayName("BREAKER-1.7 calls at least slowCallDuration long are slow and open the breaker at the slow-call threshold")
  void slowCallsOpenTheBreaker() {
    requireFeature(CircuitBreakerFeature.SLOW_CALLS);
    CircuitBreakerConfig.Builder config = defaults().slidingWindow(WindowType.COUNT_BASED, 4).minimumNumberOfCalls(4)
        .failureRateThreshold(100).slowCallRateThreshold(50).slowCallDuration(Duration.ofSeconds(1));
    CircuitBreaker almost = breaker(config);
    for (int i = 0; i < 4; i++) {
      expect(almost.tryAcquirePermission(), "BREAKER-1.7", "a permitted call", almost.state());
      almost.onSuccess(Duration.ofSeconds(1).toNanos() - 1);
    }
    expectState("BREAKER-1.7", almost, CircuitState.CLOSED, "4 calls of 1 s - 1 ns (slowCallDuration 1 s)");
    CircuitBreaker slow = breaker(config);
    succeed(slow, 2, "BREAKER-1.7");
    for (int i = 0; i < 2; i++) {
      expect(slow.tryAcquirePermission(), "BREAKER-1.7", "a permitted call", slow.state());
      slow.onSuccess(Duration.ofSeconds(1).toNanos());
    }
    expectState("BREAKER-1.7", slow, CircuitState.OPEN, "2 fast and 2 successful calls of exactly 1 s (slow-call threshold 50%)");
  }

  // ---- 2. OPEN ----

  @Test
  @DisplayName("BREAKER-2.1 an OPEN breaker rejects every call and never runs a rejected task")
  void openRejects() {
    CircuitBreaker breaker = opened(breaker(defaults()), "BREAKER-2.1");
    for (int i = 0; i < 100; i++) {
      expect(!breaker.tryAcquirePermission(), "BREAKER-2.1", "every permission refused while OPEN", "call " + (i + 1) + " permitted");
    }
    AtomicInteger ran = new AtomicInteger();
    Outcome<Object> outcome = outcomeOf(() -> breaker.call(() -> ran.incrementAndGet()));
    expect(outcome.failure() instanceof CallNotPermittedException, "BREAKER-2.1",
        "call() to throw CallNotPermittedException while OPEN", outcome);
    expect(ran.get() == 0, "BREAKER-2.1", "the rejected task never to run", "it ran " + ran.get() + " time(s)");
  }

  @Test
  @DisplayName("BREAKER-2.2 OPEN rejects until waitInOpen has passed on the ticker, then lets a trial call through in HALF_OPEN")
  void openWaitsOnTheTicker() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    CircuitBreaker breaker = opened(breaker(defaults()), "BREAKER-2.2");
    ticker.advance(WAIT_IN_OPEN.minusNanos(1));
    expect(!breaker.tryAcquirePermission(), "BREAKER-2.2", "rejection 1 ns before waitInOpen (" + WAIT_IN_OPEN + ") has passed",
        "permitted");
    ticker.advance(Duration.ofNanos(1));
    expect(breaker.tryAcquirePermission(), "BREAKER-2.2", "a trial call once waitInOpen has passed", "rejected in " + breaker.state());
    expectState("BREAKER-2.2", breaker, CircuitState.HALF_OPEN, "the first call after waitInOpen");
  }

  @Test
  @DisplayName("BREAKER-2.3 CallNotPermittedException names the breaker and its state and, when OPEN, the time left to wait")
  void rejectionTellsWhen() {
    requireFeature(CircuitBreakerFeature.REJECTION_DETAILS);
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    CircuitBreaker breaker = opened(breaker(defaults()), "BREAKER-2.3");
    ticker.advance(Duration.ofSeconds(4));
    Outcome<Object> outcome = outcomeOf(() -> {
      breaker.acquirePermission();
      return null;
    });
    expect(outcome.failure() instanceof CallNotPermittedException, "BREAKER-2.3", "CallNotPermittedException", outcome);
    CallNotPermittedException rejection = (CallNotPermittedException) outcome.failure();
    expectEqual("BREAKER-2.3", "the breaker's name", "kit", rejection.breakerName());
    expectEqual("BREAKER-2.3", "the state", CircuitState.OPEN, rejection.state());
    expectEqual("BREAKER-2.3", "retryAfter: 10 s wait minus 4 s passed", java.util.Optional.of(Duration.ofSeconds(6)),
        rejection.retryAfter());
  }

  // ---- 3. HALF_OPEN ----

  @Test
  @DisplayName("BREAKER-3.1 HALF_OPEN grants exactly permittedCallsInHalfOpen trial permissions however many threads race for them")
  void exactlyNTrialCalls() throws Exception {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    for (int round = 0; round < 20; round++) {
      CircuitBreaker breaker = opened(breaker(defaults()), "BREAKER-3.1");
      ticker.advance(PAST_THE_WAIT);
      int racers = 8;
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> granted = new ArrayList<>();
      for (int t = 0; t < racers; t++) {
        granted.add(threads.submit(() -> {
          start.await();
          int mine = 0;
          for (int i = 0; i < 50; i++) {
            if (breaker.tryAcquirePermission()) {
              mine++;
            }
          }
          return mine;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> future : granted) {
        total += await(future, "BREAKER-3.1", "a racing thread");
      }
      expect(total == TRIALS, "BREAKER-3.1", TRIALS + " trial permissions among " + racers + " threads x 50 requests",
          total + " (round " + (round + 1) + ")");
    }
  }

  @Test
  @DisplayName("BREAKER-3.2 successful trial calls close the breaker, and it closes with an empty window")
  void successfulTrialsClose() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    CircuitBreaker breaker = halfOpen(breaker(defaults()), "BREAKER-3.2");
    breaker.onSuccess(FAST);
    succeed(breaker, TRIALS - 1, "BREAKER-3.2");
    expectState("BREAKER-3.2", breaker, CircuitState.CLOSED, TRIALS + " successful trial calls");
    fail(breaker, 9, "BREAKER-3.2");
    expectState("BREAKER-3.2", breaker, CircuitState.CLOSED,
        "9 failures after closing (minimum 10: the failures from before opening must be gone)");
  }

  @Test
  @DisplayName("BREAKER-3.3 trial calls whose failure rate reaches the threshold open the breaker again, only once all are in")
  void failedTrialsReopen() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    CircuitBreaker breaker = halfOpen(breaker(defaults()), "BREAKER-3.3");
    breaker.onSuccess(FAST);
    succeed(breaker, 1, "BREAKER-3.3");
    fail(breaker, 1, "BREAKER-3.3");
    expectState("BREAKER-3.3", breaker, CircuitState.HALF_OPEN, "3 of " + TRIALS + " trial outcomes (2 successes, 1 failure)");
    fail(breaker, 1, "BREAKER-3.3");
    expectState("BREAKER-3.3", breaker, CircuitState.OPEN, "trial outcomes of 2 successes and 2 failures (50%)");
  }

  @Test
  @DisplayName("BREAKER-3.4 a breaker opened again from HALF_OPEN rejects calls for a full waitInOpen")
  void reopeningWaitsAgain() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    CircuitBreaker breaker = halfOpen(breaker(defaults()), "BREAKER-3.4");
    breaker.onError(FAST, new KitFailure());
    fail(breaker, TRIALS - 1, "BREAKER-3.4");
    expectState("BREAKER-3.4", breaker, CircuitState.OPEN, TRIALS + " failed trial calls");
    ticker.advance(WAIT_IN_OPEN.minusNanos(1));
    expect(!breaker.tryAcquirePermission(), "BREAKER-3.4", "rejection until a new waitInOpen has passed", "permitted");
    ticker.advance(Duration.ofNanos(2));
    expect(breaker.tryAcquirePermission(), "BREAKER-3.4", "a trial call once the new wait has passed", "rejected");
  }

  @Test
  @DisplayName("BREAKER-3.5 a released trial permission can be taken again and decides nothing")
  void releasedTrialPermissionsReturn() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    requireFeature(CircuitBreakerFeature.RELEASE_PERMISSION);
    CircuitBreaker breaker = halfOpen(breaker(defaults()), "BREAKER-3.5");
    for (int i = 1; i < TRIALS; i++) {
      expect(breaker.tryAcquirePermission(), "BREAKER-3.5", "trial permission " + (i + 1), "rejected");
    }
    for (int i = 0; i < TRIALS; i++) {
      breaker.releasePermission();
    }
    expectState("BREAKER-3.5", breaker, CircuitState.HALF_OPEN, "releasing every trial permission");
    for (int i = 0; i < TRIALS; i++) {
      expect(breaker.tryAcquirePermission(), "BREAKER-3.5", "trial permission " + (i + 1) + " again after the releases",
          "rejected in " + breaker.state());
    }
    expect(!breaker.tryAcquirePermission(), "BREAKER-3.5", "no more than " + TRIALS + " trial permissions", "one more granted");
  }

  @Test
  @DisplayName("BREAKER-3.6 HALF_OPEN without a verdict after maxWaitInHalfOpen opens again")
  void halfOpenTimesOut() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    requireFeature(CircuitBreakerFeature.MAX_WAIT_IN_HALF_OPEN);
    CircuitBreaker breaker = halfOpen(breaker(defaults().maxWaitInHalfOpen(Duration.ofSeconds(30))), "BREAKER-3.6");
    ticker.advance(Duration.ofSeconds(30));
    expect(!breaker.tryAcquirePermission(), "BREAKER-3.6", "rejection after 30 s in HALF_OPEN (maxWaitInHalfOpen 30 s)",
        "permitted in " + breaker.state());
    expectState("BREAKER-3.6", breaker, CircuitState.OPEN, "30 s in HALF_OPEN without a verdict");
  }

  @Test
  @DisplayName("BREAKER-3.7 with waitBackoff each reopening from HALF_OPEN waits multiplier times longer, up to the maximum")
  void waitBacksOff() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    requireFeature(CircuitBreakerFeature.WAIT_BACKOFF);
    CircuitBreaker breaker = breaker(defaults().waitBackoff(2, Duration.ofSeconds(30)));
    opened(breaker, "BREAKER-3.7");
    long[] expectedWaits = {10, 20, 30, 30};
    ticker.advance(PAST_THE_WAIT);
    for (int reopening = 1; reopening < expectedWaits.length; reopening++) {
      expect(breaker.tryAcquirePermission(), "BREAKER-3.7", "a trial call after the wait", "rejected");
      breaker.onError(FAST, new KitFailure());
      fail(breaker, TRIALS - 1, "BREAKER-3.7");
      expectState("BREAKER-3.7", breaker, CircuitState.OPEN, "failed trial calls");
      Duration wait = Duration.ofSeconds(expectedWaits[reopening]);
      ticker.advance(wait.minusNanos(1));
      expect(!breaker.tryAcquirePermission(), "BREAKER-3.7", "a wait of " + wait + " after reopening " + reopening,
          "permitted before it passed");
      ticker.advance(Duration.ofNanos(2));
    }
  }

  // ---- 4. What counts ----

  @Test
  @DisplayName("BREAKER-4.1 an ignored exception counts neither as a call nor as a failure")
  void ignoredExceptionsNeverCount() {
    requireFeature(CircuitBreakerFeature.IGNORE_EXCEPTIONS);
    CircuitBreaker breaker = breaker(defaults().failureRateThreshold(30).ignoreExceptions(IllegalArgumentException.class));
    fail(breaker, 20, "BREAKER-4.1", new IllegalArgumentException("ignored"));
    expectState("BREAKER-4.1", breaker, CircuitState.CLOSED, "20 ignored exceptions");
    fail(breaker, 4, "BREAKER-4.1");
    expectState("BREAKER-4.1", breaker, CircuitState.CLOSED,
        "20 ignored exceptions then 4 failures (4 calls, below the minimum of 10; threshold 30%)");
  }

  @Test
  @DisplayName("BREAKER-4.2 ignoring wins over recording: an exception matching both lists is ignored")
  void ignoreWinsOverRecord() {
    requireFeature(CircuitBreakerFeature.IGNORE_EXCEPTIONS);
    requireFeature(CircuitBreakerFeature.RECORD_EXCEPTIONS);
    CircuitBreaker breaker = breaker(defaults().recordExceptions(BaseFailure.class).ignoreExceptions(SpecialFailure.class));
    fail(breaker, 20, "BREAKER-4.2", new SpecialFailure());
    expectState("BREAKER-4.2", breaker, CircuitState.CLOSED, "20 exceptions of an ignored subclass of a recorded class");
    failUntilOpen(breaker, 10, "BREAKER-4.2", new BaseFailure());
    expectState("BREAKER-4.2", breaker, CircuitState.OPEN, "10 exceptions of the recorded class");
  }

  @Test
  @DisplayName("BREAKER-4.3 with recordExceptions, exceptions of the listed classes and their subclasses are failures and others successes")
  void recordListDecides() {
    requireFeature(CircuitBreakerFeature.RECORD_EXCEPTIONS);
    CircuitBreaker other = breaker(defaults().recordExceptions(IOException.class));
    fail(other, 20, "BREAKER-4.3", new IllegalStateException("not recorded"));
    expectState("BREAKER-4.3", other, CircuitState.CLOSED, "20 exceptions not in recordExceptions");
    CircuitBreaker subclass = breaker(defaults().recordExceptions(IOException.class));
    failUntilOpen(subclass, 10, "BREAKER-4.3", new FileNotFoundException("a subclass of IOException"));
    expectState("BREAKER-4.3", subclass, CircuitState.OPEN, "10 exceptions of a subclass of a recorded class");
  }

  @Test
  @DisplayName("BREAKER-4.4 a result matching recordResult is a failure; other results are successes")
  void resultsCanFail() {
    requireFeature(CircuitBreakerFeature.RECORD_RESULT);
    CircuitBreaker breaker = breaker(defaults().recordResult("bad"::equals));
    for (int i = 0; i < 20; i++) {
      expect(breaker.tryAcquirePermission(), "BREAKER-4.4", "a permitted call", "rejected");
      breaker.onResult(FAST, "good");
    }
    expectState("BREAKER-4.4", breaker, CircuitState.CLOSED, "20 good results");
    for (int i = 0; i < 5; i++) {
      expect(breaker.tryAcquirePermission(), "BREAKER-4.4", "a permitted call", "rejected");
      breaker.onResult(FAST, "bad");
    }
    expectState("BREAKER-4.4", breaker, CircuitState.OPEN, "5 results matching recordResult in the last 10");
  }

  // ---- 5. Special states and transitions ----

  @Test
  @DisplayName("BREAKER-5.1 DISABLED permits every call and never opens")
  void disabledPermitsAll() {
    requireFeature(CircuitBreakerFeature.SPECIAL_STATES);
    CircuitBreaker breaker = breaker(defaults());
    breaker.transitionToDisabled();
    fail(breaker, 100, "BREAKER-5.1");
    expectState("BREAKER-5.1", breaker, CircuitState.DISABLED, "100 failures");
  }

  @Test
  @DisplayName("BREAKER-5.2 FORCED_OPEN rejects every call, however long it waits")
  void forcedOpenRejectsAll() {
    requireFeature(CircuitBreakerFeature.SPECIAL_STATES);
    CircuitBreaker breaker = breaker(defaults());
    breaker.transitionToForcedOpen();
    ticker.advance(WAIT_IN_OPEN.multipliedBy(10));
    for (int i = 0; i < 20; i++) {
      expect(!breaker.tryAcquirePermission(), "BREAKER-5.2", "rejection in FORCED_OPEN", "permitted in " + breaker.state());
    }
    expectState("BREAKER-5.2", breaker, CircuitState.FORCED_OPEN, "10 x waitInOpen");
  }

  @Test
  @DisplayName("BREAKER-5.3 METRICS_ONLY permits every call, records outcomes and never opens")
  void metricsOnlyRecords() {
    requireFeature(CircuitBreakerFeature.SPECIAL_STATES);
    requireFeature(CircuitBreakerFeature.METRICS);
    CircuitBreaker breaker = breaker(defaults());
    breaker.transitionToMetricsOnly();
    fail(breaker, 20, "BREAKER-5.3");
    expectState("BREAKER-5.3", breaker, CircuitState.METRICS_ONLY, "20 failures");
    CircuitBreakerMetrics metrics = breaker.metrics();
    expect(metrics.failedCalls() == 10 && metrics.failureRate() == 100f, "BREAKER-5.3",
        "10 failed calls and a failure rate of 100% in the window", metrics);
  }

  @Test
  @DisplayName("BREAKER-5.4 transitionToClosed closes an OPEN breaker with an empty window")
  void explicitCloseEmptiesTheWindow() {
    CircuitBreaker breaker = opened(breaker(defaults()), "BREAKER-5.4");
    breaker.transitionToClosed();
    expectState("BREAKER-5.4", breaker, CircuitState.CLOSED, "transitionToClosed");
    fail(breaker, 9, "BREAKER-5.4");
    expectState("BREAKER-5.4", breaker, CircuitState.CLOSED, "9 failures after transitionToClosed (minimum 10)");
    breaker.transitionToOpen();
    expectState("BREAKER-5.4", breaker, CircuitState.OPEN, "transitionToOpen");
    expect(!breaker.tryAcquirePermission(), "BREAKER-5.4", "rejection after transitionToOpen", "permitted");
  }

  // ---- 6. Decorators ----

  @Test
  @DisplayName("BREAKER-6.1 call() returns the task's value and throws its exception unchanged, and records the outcome")
  void callIsTransparent() {
    CircuitBreaker breaker = breaker(defaults().failureRateThreshold(90));
    Object value = new Object();
    Outcome<Object> returned = outcomeOf(() -> breaker.call(() -> value));
    expect(returned.value() == value, "BREAKER-6.1", "the task's own value", returned);
    Exception thrown = new IOException("the task's own");
    for (int i = 0; i < 9; i++) {
      Outcome<Object> failed = outcomeOf(() -> breaker.call(() -> {
        throw thrown;
      }));
      expect(failed.failure() == thrown, "BREAKER-6.1", "the task's own exception instance", failed);
    }
    expectState("BREAKER-6.1", breaker, CircuitState.OPEN, "1 success and 9 failed calls through call() (threshold 90%)");
  }

  @Test
  @DisplayName("BREAKER-6.2 get() and run() are transparent the same way, and rejected ones never run the task")
  void getAndRunAreTransparent() {
    CircuitBreaker breaker = breaker(defaults().failureRateThreshold(90));
    Object value = new Object();
    Outcome<Object> got = outcomeOf(() -> breaker.get(() -> value));
    expect(got.value() == value, "BREAKER-6.2", "get() to return the supplier's value", got);
    RuntimeException thrown = new IllegalStateException("the task's own");
    for (int i = 0; i < 4; i++) { // with the last get() below: 1 success and 9 failures fill the window
      Outcome<Object> failed = outcomeOf(() -> breaker.get(() -> {
        throw thrown;
      }));
      expect(failed.failure() == thrown, "BREAKER-6.2", "get() to throw the supplier's exception instance", failed);
      Outcome<Object> ran = outcomeOf(() -> {
        breaker.run(() -> {
          throw thrown;
        });
        return null;
      });
      expect(ran.failure() == thrown, "BREAKER-6.2", "run() to throw the runnable's exception instance", ran);
    }
    Outcome<Object> last = outcomeOf(() -> breaker.get(() -> {
      throw thrown;
    }));
    expect(last.failure() == thrown, "BREAKER-6.2", "get() to throw the supplier's exception instance", last);
    expectState("BREAKER-6.2", breaker, CircuitState.OPEN, "1 success and 9 failures through get() and run() (threshold 90%)");
    AtomicInteger calls = new AtomicInteger();
    Outcome<Object> rejectedGet = outcomeOf(() -> breaker.get(calls::incrementAndGet));
    Outcome<Object> rejectedRun = outcomeOf(() -> {
      breaker.run(calls::incrementAndGet);
      return null;
    });
    expect(rejectedGet.failure() instanceof CallNotPermittedException && rejectedRun.failure() instanceof CallNotPermittedException,
        "BREAKER-6.2", "CallNotPermittedException from get() and run() while OPEN", rejectedGet + " / " + rejectedRun);
    expect(calls.get() == 0, "BREAKER-6.2", "rejected tasks never to run", "they ran " + calls.get() + " time(s)");
  }

  @Test
  @DisplayName("BREAKER-6.3 callAsync completes with the stage's outcome, records it on completion, and a rejected call never starts")
  void callAsyncRecordsOnCompletion() {
    requireFeature(CircuitBreakerFeature.ASYNC);
    CircuitBreaker breaker = breaker(defaults());
    List<CompletableFuture<String>> pending = new ArrayList<>();
    List<CompletionStage<String>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      CompletableFuture<String> stage = new CompletableFuture<>();
      pending.add(stage);
      results.add(breaker.callAsync(() -> stage));
    }
    expectState("BREAKER-6.3", breaker, CircuitState.CLOSED, "10 calls started but not completed");
    IOException failure = new IOException("async failure");
    for (CompletableFuture<String> stage : pending) {
      stage.completeExceptionally(failure);
    }
    for (CompletionStage<String> result : results) {
      Outcome<String> outcome = awaitOutcome(result.toCompletableFuture(), "BREAKER-6.3", "the result to complete");
      expect(outcome.failure() == failure, "BREAKER-6.3", "the result to fail with the stage's own exception", outcome);
    }
    expectState("BREAKER-6.3", breaker, CircuitState.OPEN, "10 async calls completed with a failure");
    AtomicInteger started = new AtomicInteger();
    CompletionStage<String> rejected = breaker.callAsync(() -> {
      started.incrementAndGet();
      return CompletableFuture.completedFuture("ran");
    });
    Outcome<String> outcome = awaitOutcome(rejected.toCompletableFuture(), "BREAKER-6.3", "the rejected result to complete");
    expect(outcome.failure() instanceof CallNotPermittedException, "BREAKER-6.3",
        "a stage failed with CallNotPermittedException while OPEN", outcome);
    expect(started.get() == 0, "BREAKER-6.3", "the rejected supplier never to run", "it ran");
  }

  @Test
  @DisplayName("BREAKER-6.4 a null task is rejected with NullPointerException by call, get and run")
  void nullsAreRejected() {
    CircuitBreaker breaker = breaker(defaults());
    List<String> accepted = new ArrayList<>();
    if (!(outcomeOf(() -> breaker.call(null)).failure() instanceof NullPointerException)) {
      accepted.add("call(null)");
    }
    if (!(outcomeOf(() -> breaker.get(null)).failure() instanceof NullPointerException)) {
      accepted.add("get(null)");
    }
    if (!(outcomeOf(() -> {
      breaker.run(null);
      return null;
    }).failure() instanceof NullPointerException)) {
      accepted.add("run(null)");
    }
    expect(accepted.isEmpty(), "BREAKER-6.4", "NullPointerException from each", "accepted " + accepted);
  }

  // ---- 7. Metrics and events ----

  @Test
  @DisplayName("BREAKER-7.1 metrics give the window's calls and failures, and a failure rate of -1 below the minimum")
  void metricsDescribeTheWindow() {
    requireFeature(CircuitBreakerFeature.METRICS);
    CircuitBreaker breaker = breaker(defaults());
    fail(breaker, 4, "BREAKER-7.1");
    CircuitBreakerMetrics early = breaker.metrics();
    expect(early.bufferedCalls() == 4 && early.failedCalls() == 4 && early.failureRate() == -1f, "BREAKER-7.1",
        "4 calls, 4 failed, failure rate -1 (below the minimum of 10)", early);
    succeed(breaker, 6, "BREAKER-7.1");
    CircuitBreakerMetrics full = breaker.metrics();
    expect(full.bufferedCalls() == 10 && full.failedCalls() == 4 && full.failureRate() == 40f, "BREAKER-7.1",
        "10 calls, 4 failed, failure rate 40", full);
  }

  @Test
  @DisplayName("BREAKER-7.2 each transition is reported once, in order, even when many threads see its trigger")
  void transitionsAreReportedOnce() throws Exception {
    requireFeature(CircuitBreakerFeature.LISTENER);
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    Queue<String> events = new ConcurrentLinkedQueue<>();
    CircuitBreaker breaker = breaker(defaults().listener(new CircuitBreakerListener() {
      @Override
      public void onStateTransition(String name, CircuitState from, CircuitState to) {
        events.add(from + "->" + to);
      }
    }));
    int racers = 20;
    for (int i = 0; i < racers; i++) {
      expect(breaker.tryAcquirePermission(), "BREAKER-7.2", "a permitted call", "rejected");
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> done = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      done.add(threads.submit(() -> {
        start.await();
        breaker.onError(FAST, new KitFailure());
        return null;
      }));
    }
    start.countDown();
    for (Future<Object> future : done) {
      await(future, "BREAKER-7.2", "a failing call");
    }
    ticker.advance(PAST_THE_WAIT);
    for (int i = 0; i < TRIALS; i++) {
      expect(breaker.tryAcquirePermission(), "BREAKER-7.2", "a trial call", "rejected");
    }
    for (int i = 0; i < TRIALS; i++) {
      breaker.onSuccess(FAST);
    }
    expectEqual("BREAKER-7.2", "the transitions", List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"),
        new ArrayList<>(events));
  }

  @Test
  @DisplayName("BREAKER-7.3 each rejected call is reported to the listeners")
  void rejectionsAreReported() {
    requireFeature(CircuitBreakerFeature.LISTENER);
    AtomicInteger rejections = new AtomicInteger();
    CircuitBreaker breaker = breaker(defaults().listener(new CircuitBreakerListener() {
      @Override
      public void onCallNotPermitted(String name, CircuitState state) {
        rejections.incrementAndGet();
      }
    }));
    opened(breaker, "BREAKER-7.3");
    for (int i = 0; i < 7; i++) {
      breaker.tryAcquirePermission();
    }
    expectEqual("BREAKER-7.3", "rejections reported", 7, rejections.get());
  }

  // ---- exception paths, exact waits and counts (BreakerExceptionPathRules) ----

  @Test
  @DisplayName("BREAKER-2.4 a sub-millisecond waitInOpen is kept to the nanosecond: 1.500250 ms rejects 1 ns before its end, lets a trial through 1 ns after")
  void subMillisecondWaitInOpen() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    new BreakerExceptionPathRules(this).subMillisecondWaitInOpen();
  }

  @Test
  @DisplayName("BREAKER-6.5 an Error thrown through call, get or run reaches the caller unchanged and is recorded as a failure")
  void errorsAreRecorded() {
    new BreakerExceptionPathRules(this).errorsAreRecorded();
  }

  @Test
  @DisplayName("BREAKER-6.6 a callAsync supplier that throws instead of returning a stage is a failed call: recorded, its exception passed on")
  void asyncSupplierThatThrowsIsRecorded() {
    requireFeature(CircuitBreakerFeature.ASYNC);
    new BreakerExceptionPathRules(this).asyncSupplierThatThrowsIsRecorded();
  }

  @Test
  @DisplayName("BREAKER-7.4 counts are exact: the window counts the calls of every decorator, and notPermittedCalls each rejection once, whichever operation")
  void countsAreExact() {
    requireFeature(CircuitBreakerFeature.METRICS);
    new BreakerExceptionPathRules(this).countsAreExact();
  }

  void check(boolean holds, String rule, Object expected, Object seen) {
    expect(holds, rule, expected, seen);
  }

  boolean has(CircuitBreakerFeature feature) {
    return declares(feature);
  }

  <T> Outcome<T> outcomeOfCall(Callable<T> call) {
    return outcomeOf(call);
  }

  <T> Outcome<T> settle(CompletionStage<T> stage, String rule, String what) {
    return awaitOutcome(stage.toCompletableFuture(), rule, what);
  }

  // ---- edges of the window and the rates (BreakerWindowRules) ----

  @Test
  @DisplayName("BREAKER-1.8 the call that brings the window to minimumNumberOfCalls decides, even a success")
  void successAtTheMinimumDecides() {
    new BreakerWindowRules(this).successAtTheMinimumDecides();
  }

  @Test
  @DisplayName("BREAKER-1.9 slow calls below the slow-call threshold leave the breaker CLOSED, and slow calls leave a count-based window")
  void slowCallsInACountWindow() {
    requireFeature(CircuitBreakerFeature.SLOW_CALLS);
    new BreakerWindowRules(this).slowCallsInACountWindow();
  }

  @Test
  @DisplayName("BREAKER-1.10 a failure or a result at least slowCallDuration long is slow, 1 ns shorter is not")
  void slowBoundaryOfFailuresAndResults() {
    requireFeature(CircuitBreakerFeature.SLOW_CALLS);
    new BreakerWindowRules(this).slowBoundaryOfFailuresAndResults();
  }

  @Test
  @DisplayName("BREAKER-1.11 a time-based window lets a second go exactly N seconds after it, also when only read, and after an idle gap")
  void timeWindowEdges() {
    requireFeature(CircuitBreakerFeature.TIME_WINDOW);
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    requireFeature(CircuitBreakerFeature.METRICS);
    new BreakerWindowRules(this).timeWindowEdges();
  }

  @Test
  @DisplayName("BREAKER-1.12 a time-based window counts slow calls and lets them go with their second")
  void slowCallsInATimeWindow() {
    requireFeature(CircuitBreakerFeature.TIME_WINDOW);
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    requireFeature(CircuitBreakerFeature.SLOW_CALLS);
    new BreakerWindowRules(this).slowCallsInATimeWindow();
  }

  @Test
  @DisplayName("BREAKER-7.5 metrics give both rates as -1 below the state's minimum and as count x 100 / calls from it, in every state")
  void metricsRates() {
    requireFeature(CircuitBreakerFeature.METRICS);
    requireFeature(CircuitBreakerFeature.SLOW_CALLS);
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    new BreakerWindowRules(this).metricsRates();
  }

  // ---- waits, permissions, decorators and identity (BreakerProtocolRules) ----

  @Test
  @DisplayName("BREAKER-2.5 the waits run from the moment the breaker opened or turned HALF_OPEN, not from the ticker's zero")
  void waitsRunFromTheirStart() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    new BreakerProtocolRules(this).waitsRunFromTheirStart();
  }

  @Test
  @DisplayName("BREAKER-3.8 the call that turns the breaker HALF_OPEN takes one of its trial permissions")
  void firstTrialPermissionCounts() {
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    new BreakerProtocolRules(this).firstTrialPermissionCounts();
  }

  @Test
  @DisplayName("BREAKER-4.5 a trial call that ends with an ignored exception gives its permission back and decides nothing")
  void ignoredTrialCallReleasesItsPermission() {
    requireFeature(CircuitBreakerFeature.IGNORE_EXCEPTIONS);
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    new BreakerProtocolRules(this).ignoredTrialCallReleasesItsPermission();
  }

  @Test
  @DisplayName("BREAKER-6.7 call, get, run and callAsync time each call on the breaker's ticker")
  void decoratorsTimeTheCall() {
    requireFeature(CircuitBreakerFeature.SLOW_CALLS);
    requireFeature(CircuitBreakerFeature.MANUAL_TICKER);
    new BreakerProtocolRules(this).decoratorsTimeTheCall();
  }

  @Test
  @DisplayName("BREAKER-6.8 callAsync records a normal completion as a success, a null stage as a failure, and classifies the stage's own exception")
  void callAsyncOutcomes() {
    requireFeature(CircuitBreakerFeature.ASYNC);
    new BreakerProtocolRules(this).callAsyncOutcomes();
  }

  @Test
  @DisplayName("BREAKER-7.6 name() is the config's name and config() the config the breaker was built from")
  void nameAndConfig() {
    new BreakerProtocolRules(this).nameAndConfig();
  }

  @Test
  @DisplayName("BREAKER-7.7 explicit transitions are reported to the listeners, in order")
  void explicitTransitionsAreReported() {
    requireFeature(CircuitBreakerFeature.LISTENER);
    new BreakerProtocolRules(this).explicitTransitionsAreReported();
  }

  // ---- 8. Concurrency ----

  @Test
  @DisplayName("BREAKER-8.1 outcomes recorded from many threads at once are all counted, none lost or doubled")
  void concurrentOutcomesAreExact() throws Exception {
    requireFeature(CircuitBreakerFeature.METRICS);
    int racers = 4;
    int each = 2_000;
    CircuitBreaker breaker = breaker(defaults().slidingWindow(WindowType.COUNT_BASED, racers * each)
        .minimumNumberOfCalls(racers * each).failureRateThreshold(100));
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> done = new ArrayList<>();
    for (int t = 0; t < racers; t++) {
      done.add(threads.submit(() -> {
        start.await();
        for (int i = 0; i < each; i++) {
          if (breaker.tryAcquirePermission()) {
            if (i % 4 == 0) {
              breaker.onError(FAST, new KitFailure());
            } else {
              breaker.onSuccess(FAST);
            }
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<Object> future : done) {
      await(future, "BREAKER-8.1", "a recording thread");
    }
    CircuitBreakerMetrics metrics = breaker.metrics();
    expect(metrics.bufferedCalls() == racers * each && metrics.failedCalls() == racers * each / 4, "BREAKER-8.1",
        (racers * each) + " calls of which " + (racers * each / 4) + " failed", metrics);
  }
}
