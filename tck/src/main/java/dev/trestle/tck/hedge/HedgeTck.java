package dev.trestle.tck.hedge;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.hedge.Hedge;
import dev.trestle.core.hedge.HedgeMetrics;
import dev.trestle.tck.ConformanceKit;
import dev.trestle.tck.hedge.HedgeProbe.Attempt;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link Hedge}: the rules {@code HEDGE-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, return a fresh hedge built to the {@link HedgeSpec} from
 * {@link #newHedge}, and declare your capabilities in {@link #features()}:
 *
 * <pre>{@code
 * class MyHedgeConformanceTest extends HedgeTck {
 *   protected Hedge newHedge(HedgeSpec spec) {
 *     return MyHedges.create(spec.maxAttempts(), spec.fixedDelay(), spec.ticker(), spec.executor(), ...);
 *   }
 *   protected Set<HedgeFeature> features() { return EnumSet.allOf(HedgeFeature.class); }
 * }
 * }</pre>
 *
 * <p>Every decision about time is made on the kit's {@link ManualTicker}, which the hedge must read
 * and arm its timers on: the kit advances it to 1 ns before a hedge or deadline is due, checks that
 * nothing has happened, then advances the last nanosecond. The kit's delays (10 s in most rules)
 * are longer than its hang guard, so a hedge timed on the real clock cannot pass. Asynchronous
 * attempts are stages the kit completes by hand; as {@code Hedge}'s contract says, the first is sent
 * on the thread calling {@code callAsync} and each hedge on the scheduler's thread (here, the one
 * advancing the ticker), so the kit counts them the moment {@code callAsync} or {@code advance}
 * returns. Synchronous attempts run on the spec's executor and block until the kit answers them.
 * Each test creates its own hedge; the kit answers every attempt still waiting and stops its
 * threads after every test.
 */
public abstract class HedgeTck extends ConformanceKit<HedgeFeature> {

  private static final Duration DELAY = Duration.ofSeconds(10);
  private static final Duration ONE_NS = Duration.ofNanos(1);
  private static final long SEED = 20130201L; // "The Tail at Scale", CACM, February 2013
  private static final int LEAK_CALLS = 100;
  private static final int LEAK_ALLOWANCE = 16;

  private ManualTicker ticker;
  private ExecutorService attemptThreads;
  private ExecutorService callers;
  private final List<HedgeProbe> probes = new CopyOnWriteArrayList<>();

  /** Returns a new hedge built to {@code spec}. */
  protected abstract Hedge newHedge(HedgeSpec spec);

  @BeforeEach
  void startKit() {
    ticker = new ManualTicker();
    attemptThreads = Executors.newCachedThreadPool(daemon("tck-hedge-attempt"));
    callers = Executors.newCachedThreadPool(daemon("tck-hedge-caller"));
  }

  @AfterEach
  void stopKit() {
    probes.forEach(HedgeProbe::releaseAll);
    if (callers != null) { // null when a skipped rule stopped the kit before startKit
      callers.shutdownNow();
      attemptThreads.shutdownNow();
    }
  }

  // ---- 1. When hedges are sent ----

  @Test
  @DisplayName("HEDGE-1.1 a call sends its first attempt at once and no hedge before the delay: none 1 ns before it, one at it")
  void noHedgeBeforeTheDelay() {
    Hedge hedge = newHedge(spec().build());
    HedgeProbe probe = pending();
    startAsync(hedge, probe, "HEDGE-1.1", null);
    expectEqual("HEDGE-1.1", "the first attempt sent at the call's start, in ns", 0L, probe.attempt(1).sentAt);
    ticker.advance(DELAY.minusNanos(1));
    expectCount(probe, 1, "HEDGE-1.1", "1 ns before the delay");
    ticker.advance(ONE_NS);
    expectCount(probe, 2, "HEDGE-1.1", "at the delay");
    expectEqual("HEDGE-1.1", "the hedge sent at the delay, in ns", DELAY.toNanos(), probe.attempt(2).sentAt);
  }

  @Test
  @DisplayName("HEDGE-1.2 each further hedge follows the previous one by exactly the delay, up to maxAttempts (4, and 1) and never beyond")
  void oneHedgePerDelayUpToMaxAttempts() {
    Hedge hedge = newHedge(spec().maxAttempts(4).build());
    HedgeProbe probe = pending();
    startAsync(hedge, probe, "HEDGE-1.2", null);
    for (int k = 1; k < 4; k++) {
      ticker.advance(DELAY.minusNanos(1));
      expectCount(probe, k, "HEDGE-1.2", "1 ns before hedge " + k + " is due");
      ticker.advance(ONE_NS);
      expectCount(probe, k + 1, "HEDGE-1.2", "when hedge " + k + " is due");
      expectEqual("HEDGE-1.2", "hedge " + k + " sent at " + k + " delays, in ns", k * DELAY.toNanos(), probe.attempt(k + 1).sentAt);
    }
    ticker.advance(DELAY.multipliedBy(10));
    expectCount(probe, 4, "HEDGE-1.2", "with maxAttempts 4, ten delays after the last hedge");
    Hedge single = newHedge(spec().maxAttempts(1).build());
    HedgeProbe alone = pending();
    startAsync(single, alone, "HEDGE-1.2", null);
    ticker.advance(DELAY.multipliedBy(10));
    expectCount(alone, 1, "HEDGE-1.2", "with maxAttempts 1, ten delays on");
  }

  @Test
  @DisplayName("HEDGE-1.3 a call answered before the delay sends no hedge, then or later")
  void anAnswerBeforeTheDelaySendsNoHedge() {
    Hedge hedge = newHedge(spec().maxAttempts(3).build());
    HedgeProbe probe = pending();
    CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-1.3", null);
    ticker.advance(DELAY.minusNanos(1));
    probe.attempt(1).succeed("fast");
    expectValue(result, "fast", "HEDGE-1.3");
    ticker.advance(DELAY.multipliedBy(10));
    expectCount(probe, 1, "HEDGE-1.3", "ten delays after the call was answered 1 ns before the delay");
  }

  // ---- 2. The first success wins; the losers are cancelled ----

  @Test
  @DisplayName("HEDGE-2.1 the first success completes the call with its own value (the same instance, null included), whichever attempt sent it; later answers change nothing")
  void theFirstSuccessWins() {
    Hedge hedge = newHedge(spec().maxAttempts(3).build());
    Object token = new Object() {
      @Override
      public String toString() {
        return "the hedge's token";
      }
    };
    HedgeProbe hedgeWins = pending();
    CompletableFuture<Object> result = startAsync(hedge, hedgeWins, "HEDGE-2.1", null);
    ticker.advance(DELAY);
    expectCount(hedgeWins, 2, "HEDGE-2.1", "at the delay");
    hedgeWins.attempt(2).succeed(token);
    hedgeWins.attempt(1).succeed("late");
    Outcome<Object> won = awaitOutcome(result, "HEDGE-2.1", "the hedge's answer");
    expect(!won.failed() && won.value() == token, "HEDGE-2.1", "the hedge's own value " + token, won);

    HedgeProbe nullWins = pending();
    CompletableFuture<Object> nullResult = startAsync(hedge, nullWins, "HEDGE-2.1", null);
    ticker.advance(DELAY);
    expectCount(nullWins, 2, "HEDGE-2.1", "at the delay");
    nullWins.attempt(1).succeed(null);
    nullWins.attempt(2).succeed("late");
    Outcome<Object> nothing = awaitOutcome(nullResult, "HEDGE-2.1", "the first attempt's null");
    expect(!nothing.failed() && nothing.value() == null, "HEDGE-2.1",
        "null, the first attempt's answer, not the hedge's later \"late\"", nothing);
  }

  @Test
  @DisplayName("HEDGE-2.2 when an attempt wins, every other attempt still pending is cancelled (the hedge's win and the first attempt's)")
  void theWinnerCancelsTheLosers() {
    Hedge hedge = newHedge(spec().maxAttempts(3).build());
    for (int winner : new int[] {2, 1}) {
      HedgeProbe probe = pending();
      CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-2.2", null);
      ticker.advance(DELAY);
      expectCount(probe, 2, "HEDGE-2.2", "at the delay");
      ticker.advance(DELAY);
      expectCount(probe, 3, "HEDGE-2.2", "at two delays");
      probe.attempt(winner).succeed("attempt " + winner);
      expectValue(result, "attempt " + winner, "HEDGE-2.2");
      for (Attempt loser : probe.attempts()) {
        if (loser.number != winner) {
          expect(HedgeProbe.await(loser::cancelled, hangGuard()), "HEDGE-2.2",
              "attempt " + loser.number + " cancelled once attempt " + winner + " won", "it was left running");
        }
      }
    }
  }

  @Test
  @DisplayName("HEDGE-2.3 a synchronous call's losing attempt, still running when another wins, is interrupted")
  void aSynchronousLoserIsInterrupted() {
    Hedge hedge = newHedge(spec().build());
    HedgeProbe probe = probe(n -> n == 1 ? HedgeProbe.PENDING : "hedge");
    Future<Object> call = callers.submit(() -> hedge.call(probe.sync()));
    awaitCount(probe, 1, "HEDGE-2.3", "when the call starts");
    ticker.advance(DELAY);
    expectValue(call, "hedge", "HEDGE-2.3");
    expect(probe.awaitEnded(1, hangGuard()) && probe.attempt(1).interrupted, "HEDGE-2.3",
        "the losing first attempt interrupted", probe.attempt(1).interrupted ? "interrupted but still running" : "never interrupted");
  }

  @Test
  @DisplayName("HEDGE-2.4 a synchronous call returns the winner's value without waiting for a loser that ignores its interruption")
  void aSynchronousCallDoesNotWaitForLosers() {
    Hedge hedge = newHedge(spec().build());
    HedgeProbe probe = probe(n -> n == 1 ? HedgeProbe.STUBBORN : "hedge");
    Future<Object> call = callers.submit(() -> hedge.call(probe.sync()));
    awaitCount(probe, 1, "HEDGE-2.4", "when the call starts");
    ticker.advance(DELAY);
    expectValue(call, "hedge", "HEDGE-2.4");
  }

  @Test
  @DisplayName("HEDGE-2.5 cancelling the returned future cancels every attempt and sends no more")
  void cancellingTheCallCancelsItsAttempts() {
    Hedge hedge = newHedge(spec().maxAttempts(3).build());
    HedgeProbe probe = pending();
    CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-2.5", null);
    ticker.advance(DELAY);
    expectCount(probe, 2, "HEDGE-2.5", "at the delay");
    result.cancel(true);
    for (Attempt attempt : probe.attempts()) {
      expect(HedgeProbe.await(attempt::cancelled, hangGuard()), "HEDGE-2.5",
          "attempt " + attempt.number + " cancelled with the call", "it was left running");
    }
    ticker.advance(DELAY.multipliedBy(5));
    expectCount(probe, 2, "HEDGE-2.5", "five delays after the call was cancelled");
  }

  // ---- 3. Failures ----

  @Test
  @DisplayName("HEDGE-3.1 a failed attempt does not fail the call while another attempt sent is still pending; that one's success wins")
  void aFailureWaitsForTheOtherAttempts() {
    Hedge hedge = newHedge(spec().build());
    for (int fails : new int[] {1, 2}) {
      int succeeds = 3 - fails;
      HedgeProbe probe = pending();
      CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-3.1", null);
      ticker.advance(DELAY);
      expectCount(probe, 2, "HEDGE-3.1", "at the delay");
      probe.attempt(fails).fail(new IOException("attempt " + fails + " failed"));
      if (result.isDone()) {
        throw violation("HEDGE-3.1", "the call still pending after attempt " + fails + " failed while attempt "
            + succeeds + " may succeed", "it completed: " + awaitOutcome(result, "HEDGE-3.1", "the outcome"));
      }
      probe.attempt(succeeds).succeed("attempt " + succeeds);
      expectValue(result, "attempt " + succeeds, "HEDGE-3.1");
    }
  }

  @Test
  @DisplayName("HEDGE-3.2 a failure is not hedged: the only attempt failing fails the call at once with its own exception, and no hedge is sent, then or later")
  void aFailureIsNotHedged() {
    Hedge hedge = newHedge(spec().maxAttempts(3).build());
    HedgeProbe probe = pending();
    CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-3.2", null);
    ticker.advance(DELAY.dividedBy(2));
    IOException down = new IOException("replica down");
    probe.attempt(1).fail(down);
    expectCount(probe, 1, "HEDGE-3.2", "right after the only attempt failed");
    Outcome<Object> outcome = awaitOutcome(result, "HEDGE-3.2", "the call to fail");
    expect(outcome.failure() == down, "HEDGE-3.2", "the attempt's own " + down, outcome);
    ticker.advance(DELAY.multipliedBy(5));
    expectCount(probe, 1, "HEDGE-3.2", "five delays after the call failed");
  }

  @Test
  @DisplayName("HEDGE-3.3 when every attempt has failed the call fails with the last failure itself, the others suppressed by it")
  void allFailedGivesTheLastFailureWithTheOthersSuppressed() {
    Hedge hedge = newHedge(spec().maxAttempts(3).build());
    HedgeProbe probe = pending();
    CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-3.3", null);
    ticker.advance(DELAY);
    expectCount(probe, 2, "HEDGE-3.3", "at the delay");
    ticker.advance(DELAY);
    expectCount(probe, 3, "HEDGE-3.3", "at two delays");
    IOException third = new IOException("attempt 3 failed");
    IOException first = new IOException("attempt 1 failed");
    IllegalStateException second = new IllegalStateException("attempt 2 failed, last");
    probe.attempt(3).fail(third);
    probe.attempt(1).fail(first);
    if (result.isDone()) {
      throw violation("HEDGE-3.3", "the call pending while attempt 2 may succeed", "it completed: "
          + awaitOutcome(result, "HEDGE-3.3", "the outcome"));
    }
    probe.attempt(2).fail(second);
    Outcome<Object> outcome = awaitOutcome(result, "HEDGE-3.3", "the call to fail");
    expect(outcome.failure() == second, "HEDGE-3.3", "the last failure itself, attempt 2's " + second, outcome);
    Set<Throwable> suppressed = Collections.newSetFromMap(new IdentityHashMap<>());
    suppressed.addAll(Arrays.asList(second.getSuppressed()));
    expect(suppressed.contains(first) && suppressed.contains(third), "HEDGE-3.3",
        "attempts 3 and 1's own failures suppressed by it", "suppressed " + Arrays.toString(second.getSuppressed()));
  }

  @Test
  @DisplayName("HEDGE-3.4 a synchronous call throws the failing attempt's exception itself: checked, unchecked or an error, not wrapped")
  void aSynchronousCallThrowsTheFailureUnchanged() {
    Hedge hedge = newHedge(spec().build());
    Throwable[] failures = {new IOException("checked"), new IllegalStateException("unchecked"), new KitError("an error")};
    for (Throwable failure : failures) {
      HedgeProbe probe = probe(n -> failure);
      Outcome<Object> outcome = awaitOutcome(callers.submit(() -> hedge.call(probe.sync())), "HEDGE-3.4", "the call to fail");
      expect(outcome.failure() == failure, "HEDGE-3.4", "the attempt's own " + failure, outcome);
    }
  }

  // ---- 4. The budget ----

  @Test
  @DisplayName("HEDGE-4.1 the budget caps extra load: 200 calls each slow past the delay, at ratio 0.1 and no per-second floor, send 18 to 22 hedges")
  void theBudgetCapsHedgesToARatioOfCalls() {
    requireFeature(HedgeFeature.BUDGET);
    Duration delay = Duration.ofMillis(10); // 200 calls span 2 s, within any sensible budget window
    Hedge hedge = newHedge(spec().fixedDelay(delay).budget(0.1, 0).build());
    int hedges = 0;
    for (int call = 0; call < 200; call++) {
      HedgeProbe probe = pending();
      CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-4.1", null);
      ticker.advance(delay);
      probe.attempt(1).succeed("call " + call);
      expectValue(result, "call " + call, "HEDGE-4.1");
      hedges += probe.count() - 1;
    }
    expect(hedges >= 18 && hedges <= 22, "HEDGE-4.1", "0.1 x 200 = 20 hedges, give or take 2", hedges + " hedges");
  }

  @Test
  @DisplayName("HEDGE-4.2 a hedge the budget denies ends that call's hedging: no later attempt, and the first attempt's answer still completes it")
  void aDenialEndsTheHedgingOfTheCall() {
    requireFeature(HedgeFeature.BUDGET);
    Duration delay = Duration.ofMillis(400);
    Hedge hedge = newHedge(spec().fixedDelay(delay).maxAttempts(5).budget(0.1, 1).build());
    HedgeProbe denied = null;
    CompletableFuture<Object> deniedResult = null;
    for (int call = 0; call < 200 && denied == null; call++) {
      HedgeProbe probe = pending();
      CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-4.2", null);
      ticker.advance(delay);
      if (probe.count() == 1) {
        denied = probe;
        deniedResult = result;
      } else {
        probe.attempt(1).succeed("call " + call);
        expectValue(result, "call " + call, "HEDGE-4.2");
      }
    }
    expect(denied != null, "HEDGE-4.2", "a hedge denied within 200 slow calls at ratio 0.1 and 1 per second", "every call was hedged");
    ticker.advance(delay.multipliedBy(15)); // 6 s: the floor has earned hedges again meanwhile
    expectCount(denied, 1, "HEDGE-4.2", "15 delays (6 s) after the call's hedge was denied");
    denied.attempt(1).succeed("first");
    expectValue(deniedResult, "first", "HEDGE-4.2");
  }

  @Test
  @DisplayName("HEDGE-4.3 the per-second floor grants hedges again as time passes: at 1 per second, a slow call started 1 s after a denial is hedged")
  void theFloorRefillsTheBudget() {
    requireFeature(HedgeFeature.BUDGET);
    Duration delay = Duration.ofMillis(100);
    Hedge hedge = newHedge(spec().fixedDelay(delay).budget(0.01, 1).build());
    boolean wasDenied = false;
    for (int call = 0; call < 200 && !wasDenied; call++) {
      HedgeProbe probe = pending();
      CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-4.3", null);
      ticker.advance(delay);
      wasDenied = probe.count() == 1;
      probe.attempt(1).succeed("call " + call);
      expectValue(result, "call " + call, "HEDGE-4.3");
    }
    expect(wasDenied, "HEDGE-4.3", "a hedge denied within 200 slow calls at ratio 0.01 and 1 per second", "every call was hedged");
    ticker.advance(Duration.ofSeconds(1));
    HedgeProbe later = pending();
    startAsync(hedge, later, "HEDGE-4.3", null);
    ticker.advance(delay);
    expectCount(later, 2, "HEDGE-4.3", "at the delay of a call started 1 s after the denial");
  }

  // ---- 5. The caller's deadline ----

  @Test
  @DisplayName("HEDGE-5.1 under a deadline that has already passed the call fails at once with DeadlineExceededException and sends no attempt")
  void anExpiredDeadlineSendsNothing() {
    requireFeature(HedgeFeature.DEADLINE);
    Hedge hedge = newHedge(spec().build());
    Deadline deadline = Deadline.after(Duration.ofMillis(1), ticker);
    ticker.advance(Duration.ofMillis(1));
    HedgeProbe async = pending();
    Outcome<CompletableFuture<Object>> started = awaitOutcome(
        callers.submit(() -> deadline.call(() -> hedge.callAsync(async.async()))), "HEDGE-5.1", "callAsync to return");
    expectCount(async, 0, "HEDGE-5.1", "from callAsync under an expired deadline");
    Throwable failure = started.failed() ? started.failure()
        : awaitOutcome(started.value(), "HEDGE-5.1", "the asynchronous call to fail").failure();
    expect(failure instanceof DeadlineExceededException, "HEDGE-5.1", "DeadlineExceededException from callAsync", failure);
    HedgeProbe sync = pending();
    Outcome<Object> outcome = awaitOutcome(callers.submit(() -> deadline.call(() -> hedge.call(sync.sync()))),
        "HEDGE-5.1", "the synchronous call to fail");
    expectCount(sync, 0, "HEDGE-5.1", "from call under an expired deadline");
    expect(outcome.failure() instanceof DeadlineExceededException, "HEDGE-5.1", "DeadlineExceededException from call", outcome);
  }

  @Test
  @DisplayName("HEDGE-5.2 no hedge is sent at or after the caller's deadline; the call fails at it (not 1 ns before) with DeadlineExceededException and every attempt is cancelled")
  void theDeadlineBoundsTheCall() {
    requireFeature(HedgeFeature.DEADLINE);
    Hedge hedge = newHedge(spec().maxAttempts(5).build());
    Deadline deadline = Deadline.after(DELAY.multipliedBy(3), ticker); // falls due with the third hedge
    HedgeProbe probe = pending();
    CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-5.2", deadline);
    ticker.advance(DELAY);
    expectCount(probe, 2, "HEDGE-5.2", "at the delay");
    ticker.advance(DELAY);
    expectCount(probe, 3, "HEDGE-5.2", "at two delays");
    ticker.advance(DELAY.minusNanos(1));
    if (result.isDone()) {
      throw violation("HEDGE-5.2", "the call pending 1 ns before the deadline", "it completed: "
          + awaitOutcome(result, "HEDGE-5.2", "the outcome"));
    }
    ticker.advance(ONE_NS);
    expectCount(probe, 3, "HEDGE-5.2", "at the deadline, which is also when the third hedge would be due");
    Outcome<Object> outcome = awaitOutcome(result, "HEDGE-5.2", "the call to fail at the deadline");
    expect(outcome.failure() instanceof DeadlineExceededException, "HEDGE-5.2", "DeadlineExceededException", outcome);
    for (Attempt attempt : probe.attempts()) {
      expect(HedgeProbe.await(attempt::cancelled, hangGuard()), "HEDGE-5.2",
          "attempt " + attempt.number + " cancelled at the deadline", "it was left running");
    }
    ticker.advance(DELAY.multipliedBy(5));
    expectCount(probe, 3, "HEDGE-5.2", "five delays after the deadline");
  }

  @Test
  @DisplayName("HEDGE-5.3 a synchronous call is released at the deadline with DeadlineExceededException, even from an attempt that ignores interruption, and its attempt is interrupted")
  void aSynchronousCallIsReleasedAtTheDeadline() {
    requireFeature(HedgeFeature.DEADLINE);
    Hedge hedge = newHedge(spec().build());
    Duration limit = DELAY.dividedBy(2);
    Deadline deadline = Deadline.after(limit, ticker);
    HedgeProbe probe = probe(n -> HedgeProbe.STUBBORN);
    Future<Object> call = callers.submit(() -> deadline.call(() -> hedge.call(probe.sync())));
    awaitCount(probe, 1, "HEDGE-5.3", "when the call starts");
    ticker.advance(limit.minusNanos(1));
    if (call.isDone()) {
      throw violation("HEDGE-5.3", "the call still waiting 1 ns before the deadline", "it ended: "
          + awaitOutcome(call, "HEDGE-5.3", "the outcome"));
    }
    ticker.advance(ONE_NS);
    Outcome<Object> outcome = awaitOutcome(call, "HEDGE-5.3", "the caller to be released at the deadline");
    expect(outcome.failure() instanceof DeadlineExceededException, "HEDGE-5.3", "DeadlineExceededException", outcome);
    expect(HedgeProbe.await(() -> probe.attempt(1).interrupted, hangGuard()), "HEDGE-5.3",
        "the attempt interrupted at the deadline", "it never was");
  }

  @Test
  @DisplayName("HEDGE-5.4 every attempt, hedges included, runs under a current deadline no later than the caller's (callAsync and call)")
  void attemptsRunUnderTheDeadline() {
    requireFeature(HedgeFeature.DEADLINE);
    Hedge hedge = newHedge(spec().maxAttempts(3).build());
    Deadline deadline = Deadline.after(Duration.ofHours(1), ticker);
    HedgeProbe async = pending();
    startAsync(hedge, async, "HEDGE-5.4", deadline);
    ticker.advance(DELAY);
    expectCount(async, 2, "HEDGE-5.4", "at the delay");
    ticker.advance(DELAY);
    expectCount(async, 3, "HEDGE-5.4", "at two delays");
    expectUnderDeadline(async, deadline, "callAsync");
    HedgeProbe sync = probe(n -> n == 1 ? HedgeProbe.PENDING : "hedge");
    Future<Object> call = callers.submit(() -> deadline.call(() -> hedge.call(sync.sync())));
    awaitCount(sync, 1, "HEDGE-5.4", "when the call starts");
    ticker.advance(DELAY);
    expectValue(call, "hedge", "HEDGE-5.4");
    expectUnderDeadline(sync, deadline, "call");
  }

  private void expectUnderDeadline(HedgeProbe probe, Deadline deadline, String how) {
    for (Attempt attempt : probe.attempts()) {
      boolean under = attempt.deadline.isPresent() && attempt.deadline.get().remainingNanos() <= deadline.remainingNanos();
      expect(under, "HEDGE-5.4", "attempt " + attempt.number + " of " + how + " under a deadline at most "
          + deadline.remaining() + " away", attempt.deadline.map(d -> d.remaining() + " away").orElse("no deadline"));
    }
  }

  // ---- 6. A percentile delay ----

  @Test
  @DisplayName("HEDGE-6.1 a percentile delay with no latency observed yet hedges at its floor: not 1 ns before it, at it")
  void aPercentileDelayStartsAtItsFloor() {
    requireFeature(HedgeFeature.PERCENTILE_DELAY);
    Hedge hedge = newHedge(spec().percentileDelay(95, DELAY, 100).build());
    HedgeProbe probe = pending();
    startAsync(hedge, probe, "HEDGE-6.1", null);
    ticker.advance(DELAY.minusNanos(1));
    expectCount(probe, 1, "HEDGE-6.1", "1 ns before the floor, with no latency observed yet");
    ticker.advance(ONE_NS);
    expectCount(probe, 2, "HEDGE-6.1", "at the floor");
  }

  @Test
  @DisplayName("HEDGE-6.2 a percentile delay follows the latencies of the last calls: p90 of a window of 100 after 1..100 ms, then 400 ms, then 10 ms (within 10%)")
  void aPercentileDelayAdapts() {
    requireFeature(HedgeFeature.PERCENTILE_DELAY);
    Hedge hedge = newHedge(spec().percentileDelay(90, Duration.ofMillis(1), 100).build());
    List<Integer> spread = new ArrayList<>();
    for (int ms = 1; ms <= 100; ms++) {
      spread.add(ms);
    }
    Collections.shuffle(spread, new Random(SEED));
    // 120 calls a phase: any 100 in a row of the first phase hold each of 1..100 ms once, and the
    // other 20 let an implementation recompute its percentile a little late.
    for (int call = 0; call < 120; call++) {
      answerAfter(hedge, Duration.ofMillis(spread.get(call % 100)), "HEDGE-6.2");
    }
    expectHedgeWithin(hedge, Duration.ofMillis(81), Duration.ofMillis(99), "HEDGE-6.2", "the p90 of 1..100 ms (90 ms)");
    for (int call = 0; call < 120; call++) {
      answerAfter(hedge, Duration.ofMillis(400), "HEDGE-6.2");
    }
    expectHedgeWithin(hedge, Duration.ofMillis(360), Duration.ofMillis(440), "HEDGE-6.2", "400 ms, once latencies rose to it");
    for (int call = 0; call < 120; call++) {
      answerAfter(hedge, Duration.ofMillis(10), "HEDGE-6.2");
    }
    expectHedgeWithin(hedge, Duration.ofMillis(9), Duration.ofMillis(11), "HEDGE-6.2", "10 ms, once latencies fell to it");
  }

  @Test
  @DisplayName("HEDGE-6.3 a percentile delay never goes below its floor: after 50 instant answers the next call still hedges at the floor, not 1 ns before")
  void aPercentileDelayKeepsItsFloor() {
    requireFeature(HedgeFeature.PERCENTILE_DELAY);
    Hedge hedge = newHedge(spec().percentileDelay(50, DELAY, 100).build());
    for (int call = 0; call < 50; call++) {
      HedgeProbe instant = probe(n -> "instant");
      expectValue(startAsync(hedge, instant, "HEDGE-6.3", null), "instant", "HEDGE-6.3");
    }
    HedgeProbe probe = pending();
    startAsync(hedge, probe, "HEDGE-6.3", null);
    ticker.advance(DELAY.minusNanos(1));
    expectCount(probe, 1, "HEDGE-6.3", "1 ns before the floor, after 50 instant answers");
    ticker.advance(ONE_NS);
    expectCount(probe, 2, "HEDGE-6.3", "at the floor");
  }

  /** Makes one call whose first attempt answers after {@code latency}; hedges sent meanwhile never answer. */
  private void answerAfter(Hedge hedge, Duration latency, String ruleId) {
    HedgeProbe probe = pending();
    CompletableFuture<Object> result = startAsync(hedge, probe, ruleId, null);
    ticker.advance(latency);
    probe.attempt(1).succeed("after " + latency.toMillis() + " ms");
    expectValue(result, "after " + latency.toMillis() + " ms", ruleId);
  }

  /** Checks that a new call's first hedge is sent no sooner than {@code low} and by {@code high}, then ends the call. */
  private void expectHedgeWithin(Hedge hedge, Duration low, Duration high, String ruleId, String what) {
    HedgeProbe probe = pending();
    CompletableFuture<Object> result = startAsync(hedge, probe, ruleId, null);
    long start = ticker.read();
    ticker.advance(low.minusNanos(1));
    if (probe.count() > 1) {
      throw violation(ruleId, "the hedge no sooner than " + low.toMillis() + " ms, " + what,
          "it was sent after " + Duration.ofNanos(probe.attempt(2).sentAt - start));
    }
    ticker.advance(high.minus(low).plusNanos(1));
    expectCount(probe, 2, ruleId, "by " + high.toMillis() + " ms, " + what);
    probe.attempt(1).succeed("done");
    expectValue(result, "done", ruleId);
  }

  // ---- 7. Nothing left behind ----

  @Test
  @DisplayName("HEDGE-7.1 a call that has ended leaves no timer on the scheduler: won, all failed, cancelled, past its deadline, or synchronous")
  void anEndedCallLeavesNoTimer() {
    Hedge hedge = newHedge(spec().maxAttempts(3).build());
    HedgeProbe won = pending();
    CompletableFuture<Object> wonResult = startAsync(hedge, won, "HEDGE-7.1", null);
    ticker.advance(DELAY);
    expectCount(won, 2, "HEDGE-7.1", "at the delay");
    won.attempt(2).succeed("won");
    expectValue(wonResult, "won", "HEDGE-7.1");
    expectNoTimers("after a call was won by its hedge");

    HedgeProbe failed = pending();
    CompletableFuture<Object> failedResult = startAsync(hedge, failed, "HEDGE-7.1", null);
    ticker.advance(DELAY);
    expectCount(failed, 2, "HEDGE-7.1", "at the delay");
    failed.attempt(1).fail(new IOException("first"));
    failed.attempt(2).fail(new IOException("second"));
    awaitOutcome(failedResult, "HEDGE-7.1", "the call to fail");
    expectNoTimers("after every attempt of a call failed");

    HedgeProbe cancelled = pending();
    CompletableFuture<Object> cancelledResult = startAsync(hedge, cancelled, "HEDGE-7.1", null);
    ticker.advance(DELAY);
    expectCount(cancelled, 2, "HEDGE-7.1", "at the delay");
    cancelledResult.cancel(true);
    expectNoTimers("after a call was cancelled");

    if (declares(HedgeFeature.DEADLINE)) {
      Duration limit = DELAY.multipliedBy(3).dividedBy(2);
      HedgeProbe late = pending();
      CompletableFuture<Object> lateResult = startAsync(hedge, late, "HEDGE-7.1", Deadline.after(limit, ticker));
      ticker.advance(limit);
      awaitOutcome(lateResult, "HEDGE-7.1", "the call to fail at its deadline");
      expectNoTimers("after a call failed at its deadline");
    }

    HedgeProbe sync = probe(n -> n == 1 ? HedgeProbe.PENDING : "hedge");
    Future<Object> call = callers.submit(() -> hedge.call(sync.sync()));
    awaitCount(sync, 1, "HEDGE-7.1", "when the call starts");
    ticker.advance(DELAY);
    expectValue(call, "hedge", "HEDGE-7.1");
    expectNoTimers("after a synchronous call returned");
  }

  @Test
  @DisplayName("HEDGE-7.2 synchronous calls leave no thread or attempt behind: each loser ends once its call returns, and " + LEAK_CALLS
      + " hedged calls add at most " + LEAK_ALLOWANCE + " live threads")
  void synchronousCallsLeaveNothingRunning() {
    Hedge hedge = newHedge(spec().build());
    for (int call = 0; call < 5; call++) {
      hedgedSyncCall(hedge, call);
    }
    int before = Thread.getAllStackTraces().size();
    for (int call = 0; call < LEAK_CALLS; call++) {
      hedgedSyncCall(hedge, call);
    }
    int grown = Thread.getAllStackTraces().size() - before;
    expect(grown <= LEAK_ALLOWANCE, "HEDGE-7.2", "at most " + LEAK_ALLOWANCE + " more live threads after " + LEAK_CALLS
        + " hedged calls", grown + " more");
  }

  private void hedgedSyncCall(Hedge hedge, int call) {
    HedgeProbe probe = probe(n -> n == 1 ? HedgeProbe.PENDING : "hedge " + call);
    Future<Object> result = callers.submit(() -> hedge.call(probe.sync()));
    awaitCount(probe, 1, "HEDGE-7.2", "when call " + call + " starts");
    ticker.advance(DELAY);
    expectValue(result, "hedge " + call, "HEDGE-7.2");
    expect(probe.awaitEnded(1, hangGuard()), "HEDGE-7.2", "call " + call + "'s losing attempt ended once the call returned",
        "it was still running after " + hangGuard().toSeconds() + "s");
  }

  // ---- 8. Metrics ----

  @Test
  @DisplayName("HEDGE-8.1 metrics count the calls, the hedges sent, the calls a hedge won and the hedges the budget denied")
  void metricsCountWhatHappened() {
    requireFeature(HedgeFeature.METRICS);
    Hedge hedge = newHedge(spec().maxAttempts(3).build());
    HedgeProbe fast = pending(); // answered before the delay: no hedge
    CompletableFuture<Object> fastResult = startAsync(hedge, fast, "HEDGE-8.1", null);
    fast.attempt(1).succeed("fast");
    expectValue(fastResult, "fast", "HEDGE-8.1");
    endAfterHedges(hedge, 1, 2, "hedge wins");
    endAfterHedges(hedge, 1, 1, "first wins");
    endAfterHedges(hedge, 2, 3, "second hedge wins");
    HedgeProbe failing = pending(); // one hedge, and both attempts fail
    CompletableFuture<Object> failingResult = startAsync(hedge, failing, "HEDGE-8.1", null);
    ticker.advance(DELAY);
    expectCount(failing, 2, "HEDGE-8.1", "at the delay");
    failing.attempt(1).fail(new IOException("first"));
    failing.attempt(2).fail(new IOException("second"));
    awaitOutcome(failingResult, "HEDGE-8.1", "the call to fail");
    expectMetrics(hedge.metrics(), 5, 5, 2, 0, "after 5 calls: no hedge; a winning hedge; a losing one; two, the second winning; "
        + "one, all failing");
    if (declares(HedgeFeature.BUDGET)) {
      Hedge budgeted = newHedge(spec().budget(0.1, 0).build());
      int hedged = 0;
      for (int call = 0; call < 10; call++) {
        HedgeProbe probe = pending();
        CompletableFuture<Object> result = startAsync(budgeted, probe, "HEDGE-8.1", null);
        ticker.advance(DELAY);
        probe.attempt(1).succeed("call " + call);
        expectValue(result, "call " + call, "HEDGE-8.1");
        hedged += probe.count() - 1;
      }
      expectMetrics(budgeted.metrics(), 10, hedged, 0, 10 - hedged, "after 10 slow calls at ratio 0.1, " + hedged + " of them hedged");
    }
  }

  /** Makes a call that sends {@code hedges} hedges, then is won by attempt {@code winner}. */
  private void endAfterHedges(Hedge hedge, int hedges, int winner, String label) {
    HedgeProbe probe = pending();
    CompletableFuture<Object> result = startAsync(hedge, probe, "HEDGE-8.1", null);
    for (int k = 1; k <= hedges; k++) {
      ticker.advance(DELAY);
      expectCount(probe, k + 1, "HEDGE-8.1", "at " + k + " delays");
    }
    probe.attempt(winner).succeed(label);
    expectValue(result, label, "HEDGE-8.1");
  }

  private void expectMetrics(HedgeMetrics metrics, long calls, long sent, long won, long denied, String when) {
    boolean holds = metrics != null && metrics.calls() == calls && metrics.hedgesSent() == sent && metrics.hedgesWon() == won
        && metrics.budgetDenials() == denied;
    expect(holds, "HEDGE-8.1", "calls=" + calls + ", hedgesSent=" + sent + ", hedgesWon=" + won + ", budgetDenials=" + denied
        + " " + when, metrics);
  }

  @Test
  @DisplayName("HEDGE-8.2 metrics report the delay the next call waits: the fixed delay, or the percentile delay's current value to the nanosecond")
  void metricsReportTheCurrentDelay() {
    requireFeature(HedgeFeature.METRICS);
    Hedge fixed = newHedge(spec().build());
    expectEqual("HEDGE-8.2", "the fixed delay as currentDelay", DELAY, fixed.metrics().currentDelay());
    if (!declares(HedgeFeature.PERCENTILE_DELAY)) {
      return;
    }
    Duration floor = Duration.ofMillis(1);
    Hedge adaptive = newHedge(spec().percentileDelay(90, floor, 100).build());
    expectEqual("HEDGE-8.2", "the floor as currentDelay before any latency", floor, adaptive.metrics().currentDelay());
    for (int call = 0; call < 30; call++) {
      answerAfter(adaptive, Duration.ofMillis(20 + call % 10), "HEDGE-8.2");
    }
    Duration reported = adaptive.metrics().currentDelay();
    HedgeProbe probe = pending();
    startAsync(adaptive, probe, "HEDGE-8.2", null);
    if (!reported.isZero()) {
      ticker.advance(reported.minusNanos(1));
      expectCount(probe, 1, "HEDGE-8.2", "1 ns before the reported currentDelay of " + reported);
    }
    ticker.advance(reported.isZero() ? Duration.ZERO : ONE_NS);
    expectCount(probe, 2, "HEDGE-8.2", "at the reported currentDelay of " + reported);
  }

  // ---- 9. Concurrent calls ----

  @Test
  @DisplayName("HEDGE-9.1 concurrent calls on one hedge are independent: 8 calls started together each get their own hedge and value, and one call's win cancels none of another's attempts")
  void concurrentCallsAreIndependent() {
    int calls = 8;
    Hedge hedge = newHedge(spec().build());
    CyclicBarrier together = new CyclicBarrier(calls);
    List<HedgeProbe> callProbes = new ArrayList<>();
    List<Future<CompletableFuture<Object>>> started = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      HedgeProbe probe = pending();
      callProbes.add(probe);
      started.add(callers.submit(() -> {
        together.await(hangGuard().toMillis(), TimeUnit.MILLISECONDS);
        return hedge.callAsync(probe.async());
      }));
    }
    List<CompletableFuture<Object>> results = new ArrayList<>();
    for (Future<CompletableFuture<Object>> start : started) {
      Outcome<CompletableFuture<Object>> outcome = awaitOutcome(start, "HEDGE-9.1", "callAsync to return");
      expect(outcome.value() != null, "HEDGE-9.1", "a future from callAsync", outcome);
      results.add(outcome.value());
    }
    ticker.advance(DELAY);
    for (int i = 0; i < calls; i++) {
      expectCount(callProbes.get(i), 2, "HEDGE-9.1", "for call " + i + " at the delay");
    }
    for (int i = 0; i < calls; i++) {
      int winner = i % 2 == 0 ? 2 : 1;
      callProbes.get(i).attempt(winner).succeed("call " + i);
      expectValue(results.get(i), "call " + i, "HEDGE-9.1");
      for (int j = i + 1; j < calls; j++) {
        for (Attempt attempt : callProbes.get(j).attempts()) {
          expect(!attempt.cancelled(), "HEDGE-9.1", "call " + j + "'s attempts untouched when call " + i + " was won",
              "its attempt " + attempt.number + " cancelled");
        }
      }
    }
    for (int i = 0; i < calls; i++) {
      expectCount(callProbes.get(i), 2, "HEDGE-9.1", "for call " + i + " in the end");
    }
  }

  // ---- 10. Bad input ----

  @Test
  @DisplayName("HEDGE-10.1 a null attempt is rejected with NullPointerException, thrown by callAsync and by call")
  void rejectsANullAttempt() {
    Hedge hedge = newHedge(spec().build());
    Throwable async = null;
    try {
      hedge.callAsync(null);
    } catch (RuntimeException e) {
      async = e;
    }
    expect(async instanceof NullPointerException, "HEDGE-10.1", "NullPointerException thrown by callAsync(null)",
        async == null ? "none thrown" : async);
    Outcome<Object> sync = awaitOutcome(callers.submit(() -> hedge.call(null)), "HEDGE-10.1", "NullPointerException");
    expect(sync.failure() instanceof NullPointerException, "HEDGE-10.1", "NullPointerException thrown by call(null)", sync);
  }

  // ---- exact delays, throwing attempts, interrupted callers, exact counts (HedgeExactRules) ----

  @Test
  @DisplayName("HEDGE-1.4 a sub-millisecond delay is kept to the nanosecond: with 1.500250 ms no hedge 1 ns before each is due, one at it")
  void subMillisecondDelay() {
    new HedgeExactRules(this).subMillisecondDelay();
  }

  @Test
  @DisplayName("HEDGE-3.5 an attempt that throws instead of returning a stage is a failed attempt: the first fails the call as 3.2 says, a hedge's leaves the call to the others")
  void attemptThatThrowsIsAFailedAttempt() {
    new HedgeExactRules(this).attemptThatThrowsIsAFailedAttempt();
  }

  @Test
  @DisplayName("HEDGE-5.5 a synchronous caller interrupted while it waits gets InterruptedException, and every attempt sent is interrupted")
  void interruptedCallerCancelsEveryAttempt() {
    new HedgeExactRules(this).interruptedCallerCancelsEveryAttempt();
  }

  @Test
  @DisplayName("HEDGE-8.3 metrics are exact after a mix: every call counted once (failed ones and ones whose supplier threw included), every hedge sent and won")
  void metricsAreExactAfterAMix() {
    requireFeature(HedgeFeature.METRICS);
    new HedgeExactRules(this).metricsAreExact();
  }

  // ---- bridges for HedgeExactRules ----

  HedgeSpec.Builder baseSpec() {
    return spec();
  }

  HedgeProbe newProbe(IntFunction<Object> script) {
    return probe(script);
  }

  ManualTicker kitTicker() {
    return ticker;
  }

  Duration guard() {
    return hangGuard();
  }

  CompletableFuture<Object> start(Hedge hedge, HedgeProbe probe, String ruleId) {
    return startAsync(hedge, probe, ruleId, null);
  }

  <T> Future<T> submit(Callable<T> call) {
    return callers.submit(call);
  }

  <T> Outcome<T> outcome(Future<T> future, String ruleId, String waitingFor) {
    return awaitOutcome(future, ruleId, waitingFor);
  }

  <T> Outcome<T> outcomeOfCall(Callable<T> call) {
    return outcomeOf(call);
  }

  void check(boolean holds, String ruleId, Object expected, Object seen) {
    expect(holds, ruleId, expected, seen);
  }

  // ---- the kit's machinery ----

  @Override
  protected Object sampleImplementation() {
    return newHedge(spec().build());
  }

  /** A spec with the kit's ticker and executor, a 10 s fixed delay, 2 attempts and no budget. */
  private HedgeSpec.Builder spec() {
    return HedgeSpec.builder(ticker, attemptThreads).fixedDelay(DELAY);
  }

  private HedgeProbe probe(IntFunction<Object> script) {
    HedgeProbe probe = new HedgeProbe(ticker, script);
    probes.add(probe);
    return probe;
  }

  /** A probe whose attempts all wait for the kit to answer them. */
  private HedgeProbe pending() {
    return probe(n -> HedgeProbe.PENDING);
  }

  /**
   * Starts {@code hedge.callAsync} on a caller thread (under {@code deadline}, if not null) and
   * returns its future once it has returned and the first attempt has been sent.
   */
  private CompletableFuture<Object> startAsync(Hedge hedge, HedgeProbe probe, String ruleId, Deadline deadline) {
    Callable<CompletableFuture<Object>> start = () -> hedge.callAsync(probe.async());
    Outcome<CompletableFuture<Object>> started = awaitOutcome(
        callers.submit(deadline == null ? start : () -> deadline.call(start)), ruleId, "callAsync to return");
    expect(!started.failed() && started.value() != null, ruleId, "a future from callAsync", started);
    expectCount(probe, 1, ruleId, "at once when the call starts");
    return started.value();
  }

  /**
   * Checks the attempts sent so far, at once: Hedge's contract sends an asynchronous call's first
   * attempt on the calling thread and its hedges on the scheduler's thread, so they are all sent
   * by the time callAsync or the ticker's advance returns.
   */
  private void expectCount(HedgeProbe probe, int count, String ruleId, String when) {
    expect(probe.count() == count, ruleId, count + (count == 1 ? " attempt " : " attempts ") + when, probe);
  }

  /** Waits for attempts that start on other threads: a synchronous call's, on the executor. */
  private void awaitCount(HedgeProbe probe, int count, String ruleId, String when) {
    if (!probe.awaitCount(count, hangGuard())) {
      throw violation(ruleId, count + (count == 1 ? " attempt " : " attempts ") + when, probe + ", still, after "
          + hangGuard().toSeconds() + "s");
    }
  }

  private void expectValue(Future<Object> call, Object value, String ruleId) {
    Outcome<Object> outcome = awaitOutcome(call, ruleId, "the call to return " + value);
    expect(!outcome.failed() && value.equals(outcome.value()), ruleId, "the value " + value, outcome);
  }

  private void expectNoTimers(String when) {
    expect(HedgeProbe.await(() -> ticker.pendingTasks() == 0, hangGuard()), "HEDGE-7.1", "no timer left on the scheduler " + when,
        ticker.pendingTasks() + " still scheduled");
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** An error an attempt throws, to check that errors pass through unchanged too. */
  private static final class KitError extends Error {
    private static final long serialVersionUID = 1L;

    KitError(String message) {
      super(message);
    }
  }
}
