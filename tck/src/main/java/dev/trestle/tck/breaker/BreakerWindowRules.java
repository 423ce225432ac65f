package dev.trestle.tck.breaker;

import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.breaker.CircuitBreakerConfig;
import dev.trestle.core.breaker.CircuitBreakerConfig.WindowType;
import dev.trestle.core.breaker.CircuitBreakerMetrics;
import dev.trestle.core.breaker.CircuitState;
import java.time.Duration;

/**
 * The BREAKER rules about the edges of the window and of the rates it gives (1.8 to 1.12, 7.5):
 * the call that reaches the minimum, slow calls below the threshold and leaving a window, the slow
 * boundary of failures and results, the exact second at which a time-based window lets a second
 * go, and the rates of {@code metrics()}. Kept out of {@link CircuitBreakerTck} so that the kit
 * stays readable; each is run from the kit's test method of the same rule.
 */
final class BreakerWindowRules {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  /** A duration far below every slowCallDuration the rules set. */
  private static final long FAST = 1_000;
  /** A duration well over the 1 s slowCallDuration the rules set, for rules whose point is not the boundary (1.7's, 1.10's). */
  private static final long SLOW = 2 * SECOND;
  /** The rules that need time start this far from the ticker's zero, so that no wait can be counted from 0. */
  static final Duration FAR_FROM_ZERO = Duration.ofHours(1);

  private final CircuitBreakerTck kit;

  BreakerWindowRules(CircuitBreakerTck kit) {
    this.kit = kit;
  }

  /** BREAKER-1.8: the call that brings the window to minimumNumberOfCalls decides even when it is a success. */
  void successAtTheMinimumDecides() {
    String rule = "BREAKER-1.8";
    CircuitBreaker breaker = kit.breaker(kit.defaults());
    record(breaker, 9, false, FAST, rule);
    expectState(rule, breaker, CircuitState.CLOSED, "9 failures (minimum 10)");
    record(breaker, 1, true, FAST, rule);
    expectState(rule, breaker, CircuitState.OPEN,
        "9 failures then 1 success: the success brings the window to the minimum of 10 at a failure rate of 90% (threshold 50%)");
  }

  /** BREAKER-1.9: slow calls below the threshold leave it CLOSED, and slow calls leave a count-based window. */
  void slowCallsInACountWindow() {
    String rule = "BREAKER-1.9";
    CircuitBreaker breaker = kit.breaker(slowConfig().slidingWindow(WindowType.COUNT_BASED, 4).minimumNumberOfCalls(4)
        .slowCallRateThreshold(50));
    record(breaker, 1, true, SLOW, rule);
    record(breaker, 3, true, FAST, rule);
    expectState(rule, breaker, CircuitState.CLOSED, "1 slow and 3 fast calls in a window of 4 (25%, slow-call threshold 50%)");
    record(breaker, 1, true, FAST, rule);
    record(breaker, 1, false, FAST, rule);
    expectState(rule, breaker, CircuitState.CLOSED, "a fast success and a fast failure more: the slow call has left the window "
        + "of 4 (0 slow; 1 failure, threshold 100%)");
    record(breaker, 1, true, SLOW, rule);
    expectState(rule, breaker, CircuitState.CLOSED, "a slow call more (1 slow of the last 4: 25%)");
    record(breaker, 1, true, SLOW, rule);
    expectState(rule, breaker, CircuitState.OPEN, "a second slow call (2 slow of the last 4: 50%, threshold 50%)");
  }

  /** BREAKER-1.10: the slow boundary holds for failures (onError) and results (onResult) as for successes. */
  void slowBoundaryOfFailuresAndResults() {
    String rule = "BREAKER-1.10";
    CircuitBreakerConfig.Builder config = slowConfig().slidingWindow(WindowType.COUNT_BASED, 4).minimumNumberOfCalls(4)
        .slowCallRateThreshold(25);
    for (boolean error : new boolean[] {true, false}) {
      String how = error ? "a failure reported through onError" : "a result reported through onResult";
      for (long duration : new long[] {SECOND - 1, SECOND}) {
        CircuitBreaker breaker = kit.breaker(config);
        record(breaker, 3, true, FAST, rule);
        kit.check(breaker.tryAcquirePermission(), rule, "a permitted call", "rejected in " + breaker.state());
        if (error) {
          breaker.onError(duration, new CircuitBreakerTck.KitFailure());
        } else {
          breaker.onResult(duration, "result");
        }
        boolean slow = duration >= SECOND;
        expectState(rule, breaker, slow ? CircuitState.OPEN : CircuitState.CLOSED, "3 fast successes and " + how + " after "
            + duration + " ns (slowCallDuration 1 s, slow-call threshold 25%): " + (slow ? "slow" : "not slow"));
      }
    }
  }

  /**
   * BREAKER-1.11: a time-based window of N seconds counts a second's calls until the ticker reaches
   * that second + N and not 1 ns longer, forgets everything after an idle gap of more than 2N, and
   * metrics() read with no call in between already leave out the seconds that expired.
   */
  void timeWindowEdges() {
    String rule = "BREAKER-1.11";
    kit.ticker.advance(FAR_FROM_ZERO);
    long base = kit.ticker.read();
    CircuitBreaker breaker = kit.breaker(kit.defaults().slidingWindow(WindowType.TIME_BASED, 10).minimumNumberOfCalls(10));
    at(base + SECOND / 2);
    record(breaker, 1, false, FAST, rule);
    at(base + 3 * SECOND + SECOND / 4);
    record(breaker, 2, false, FAST, rule);
    at(base + 7 * SECOND + 9 * SECOND / 10);
    record(breaker, 1, true, FAST, rule);
    expectCounts(rule, breaker, 4, 3, "a failure in second 0, 2 in second 3, a success in second 7 (window 10 s)");
    at(base + 10 * SECOND - 1);
    expectCounts(rule, breaker, 4, 3, "nothing recorded since, at 10 s - 1 ns: second 0 still counts");
    at(base + 10 * SECOND);
    expectCounts(rule, breaker, 3, 2, "nothing recorded since, at 10 s: second 0 has left the window (read without a call)");
    at(base + 13 * SECOND - 1);
    expectCounts(rule, breaker, 3, 2, "at 13 s - 1 ns: second 3 still counts");
    at(base + 13 * SECOND);
    expectCounts(rule, breaker, 1, 0, "at 13 s: second 3 has left the window too");
    at(base + 40 * SECOND);
    expectCounts(rule, breaker, 0, 0, "an idle gap to 40 s (more than 2 x 10 s after second 7): none of the old seconds counts");
    record(breaker, 1, false, FAST, rule);
    expectCounts(rule, breaker, 1, 1, "a failure at 40 s: the next calls alone count");
  }

  /** BREAKER-1.12: a time-based window counts slow calls and lets them go with their second. */
  void slowCallsInATimeWindow() {
    String rule = "BREAKER-1.12";
    kit.ticker.advance(FAR_FROM_ZERO);
    long base = kit.ticker.read();
    CircuitBreaker breaker = kit.breaker(slowConfig().slidingWindow(WindowType.TIME_BASED, 10).minimumNumberOfCalls(4)
        .slowCallRateThreshold(50));
    at(base + SECOND / 2);
    record(breaker, 2, true, SLOW, rule);
    at(base + 5 * SECOND + SECOND / 2);
    record(breaker, 1, true, FAST, rule);
    expectState(rule, breaker, CircuitState.CLOSED, "2 slow calls in second 0 and a fast one in second 5 (3 calls, minimum 4)");
    at(base + 11 * SECOND + SECOND / 2); // well past second 0's end: the exact edge is 1.11's
    record(breaker, 3, true, FAST, rule);
    expectState(rule, breaker, CircuitState.CLOSED, "3 fast calls in second 11: second 0 and its 2 slow calls have left the "
        + "10 s window (0 slow of 4)");
    record(breaker, 3, true, SLOW, rule);
    expectState(rule, breaker, CircuitState.CLOSED, "3 slow calls more in second 11 (3 slow of 7: 43%, threshold 50%)");
    record(breaker, 1, true, SLOW, rule);
    expectState(rule, breaker, CircuitState.OPEN, "a 4th slow call in second 11 (4 slow of 8: 50%, threshold 50%)");
  }

  /**
   * BREAKER-7.5: failureRate and slowCallRate are -1 while the state's window holds fewer calls than
   * its minimum and count x 100 / calls from then on, in CLOSED and HALF_OPEN; metrics() in OPEN
   * says OPEN with rates that follow the same rule.
   */
  void metricsRates() {
    String rule = "BREAKER-7.5";
    CircuitBreaker breaker = kit.breaker(slowConfig().slidingWindow(WindowType.COUNT_BASED, 4).minimumNumberOfCalls(4));
    record(breaker, 1, true, SLOW, rule);
    record(breaker, 2, true, FAST, rule);
    expectMetrics(rule, breaker, CircuitState.CLOSED, 3, 0, 1, -1, -1, "1 slow and 2 fast successes (minimum 4)");
    record(breaker, 1, false, FAST, rule);
    expectMetrics(rule, breaker, CircuitState.CLOSED, 4, 1, 1, 25f, 25f,
        "1 slow success, 2 fast successes and 1 fast failure: the minimum of 4 reached, 1 of 4 failed and 1 of 4 slow");
    breaker.transitionToOpen();
    CircuitBreakerMetrics open = breaker.metrics();
    kit.check(open != null && open.state() == CircuitState.OPEN && consistent(open.failureRate(), open.failedCalls(), open)
        && consistent(open.slowCallRate(), open.slowCalls(), open), rule,
        "metrics in OPEN saying OPEN, each rate -1 or count x 100 / calls", open);
    kit.ticker.advance(CircuitBreakerTck.WAIT_IN_OPEN.plusNanos(1));
    kit.check(breaker.tryAcquirePermission(), rule, "a trial call after the wait in OPEN", "rejected in " + breaker.state());
    breaker.onSuccess(SLOW);
    record(breaker, 1, false, FAST, rule);
    expectMetrics(rule, breaker, CircuitState.HALF_OPEN, 2, 1, 1, -1, -1,
        "2 of " + CircuitBreakerTck.TRIALS + " trial calls (1 slow success, 1 failure): fewer than the trial calls, so no rates");
  }

  // ---- helpers ----

  /** The kit's defaults with slow calls at 1 s and no failure-rate decision below 100%. */
  private CircuitBreakerConfig.Builder slowConfig() {
    return kit.defaults().failureRateThreshold(100).slowCallDuration(Duration.ofSeconds(1));
  }

  private void at(long nanos) {
    kit.ticker.advance(Duration.ofNanos(nanos - kit.ticker.read()));
  }

  private void record(CircuitBreaker breaker, int calls, boolean success, long durationNanos, String rule) {
    for (int i = 0; i < calls; i++) {
      kit.check(breaker.tryAcquirePermission(), rule, "a permitted call (" + (i + 1) + " of " + calls + ")",
          "rejected in " + breaker.state());
      if (success) {
        breaker.onSuccess(durationNanos);
      } else {
        breaker.onError(durationNanos, new CircuitBreakerTck.KitFailure());
      }
    }
  }

  private void expectState(String rule, CircuitBreaker breaker, CircuitState expected, String after) {
    CircuitState seen = breaker.state();
    kit.check(seen == expected, rule, expected + " after " + after, seen);
  }

  private void expectCounts(String rule, CircuitBreaker breaker, int calls, int failed, String after) {
    CircuitBreakerMetrics metrics = breaker.metrics();
    kit.check(metrics.bufferedCalls() == calls && metrics.failedCalls() == failed, rule,
        calls + " calls, " + failed + " failed in the window after " + after, metrics);
  }

  private void expectMetrics(String rule, CircuitBreaker breaker, CircuitState state, int calls, int failed, int slow,
      float failureRate, float slowRate, String after) {
    CircuitBreakerMetrics metrics = breaker.metrics();
    kit.check(metrics.state() == state && metrics.bufferedCalls() == calls && metrics.failedCalls() == failed
        && metrics.slowCalls() == slow && metrics.failureRate() == failureRate && metrics.slowCallRate() == slowRate, rule,
        state + " with " + calls + " calls, " + failed + " failed, " + slow + " slow, failure rate " + failureRate
            + ", slow-call rate " + slowRate + " after " + after, metrics);
  }

  /** Whether {@code rate} is -1 (not yet known) or exactly {@code count} x 100 / calls. */
  private static boolean consistent(float rate, int count, CircuitBreakerMetrics metrics) {
    return rate == -1f || metrics.bufferedCalls() > 0 && rate == count * 100f / metrics.bufferedCalls();
  }
}
