package dev.trestle.tck.hedge;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.hedge.Hedge;
import dev.trestle.core.hedge.HedgeMetrics;
import dev.trestle.tck.ConformanceKit.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The HEDGE rules about exact delays, attempts that throw, interrupted callers and exact counts
 * (1.4, 3.5, 5.5, 8.3), kept out of {@link HedgeTck} so that the kit stays readable; each is run from
 * the kit's test method of the same rule, through the kit's package-private bridges.
 */
final class HedgeExactRules {

  /** A delay with a sub-millisecond part: 1.5 ms and 250 ns. */
  static final Duration PRECISE_DELAY = Duration.ofNanos(1_500_250);
  private static final Duration ONE_NS = Duration.ofNanos(1);
  private static final Duration DELAY = Duration.ofSeconds(10);

  private final HedgeTck kit;
  private final ManualTicker ticker;

  HedgeExactRules(HedgeTck kit) {
    this.kit = kit;
    this.ticker = kit.kitTicker();
  }

  /** HEDGE-1.4: a sub-millisecond delay is kept to the nanosecond, for every hedge of a call. */
  void subMillisecondDelay() {
    String rule = "HEDGE-1.4";
    Hedge hedge = kit.newHedge(kit.baseSpec().fixedDelay(PRECISE_DELAY).maxAttempts(3).build());
    HedgeProbe probe = kit.newProbe(n -> HedgeProbe.PENDING);
    kit.start(hedge, probe, rule);
    for (int k = 1; k < 3; k++) {
      ticker.advance(PRECISE_DELAY.minusNanos(1));
      kit.check(probe.count() == k, rule, k + " attempts 1 ns before hedge " + k + " is due (" + PRECISE_DELAY.toNanos()
          + " ns after the previous)", probe);
      ticker.advance(ONE_NS);
      kit.check(probe.count() == k + 1, rule, (k + 1) + " attempts when hedge " + k + " is due", probe);
    }
  }

  /** HEDGE-3.5: an attempt that throws instead of returning a stage is a failed attempt, wherever it runs. */
  void attemptThatThrowsIsAFailedAttempt() {
    String rule = "HEDGE-3.5";
    Hedge hedge = kit.newHedge(kit.baseSpec().build());
    IllegalStateException first = new IllegalStateException("the first attempt's supplier threw");
    Outcome<CompletableFuture<Object>> started = kit.outcome(kit.submit(() -> hedge.callAsync(() -> {
      throw first;
    })), rule, "callAsync to return");
    kit.check(started.value() != null, rule, "a future from callAsync (nothing thrown)", started);
    Outcome<Object> alone = kit.outcome(started.value(), rule, "the call to fail at once");
    kit.check(alone.failure() == first, rule, "the call failing with the supplier's own " + first, alone);
    ticker.advance(DELAY.multipliedBy(3));
    kit.check(ticker.pendingTasks() == 0, rule, "no hedge or timer after the only attempt threw",
        ticker.pendingTasks() + " timers pending");
    List<CompletableFuture<Object>> sent = new CopyOnWriteArrayList<>();
    AssertionError hedgeError = new AssertionError("the hedge's supplier threw");
    Supplier<CompletionStage<Object>> throwsOnHedge = () -> {
      if (!sent.isEmpty()) {
        sent.add(null);
        throw hedgeError;
      }
      CompletableFuture<Object> stage = new CompletableFuture<>();
      sent.add(stage);
      return stage;
    };
    Outcome<CompletableFuture<Object>> call = kit.outcome(kit.submit(() -> hedge.callAsync(throwsOnHedge)), rule, "callAsync");
    kit.check(call.value() != null, rule, "a future from callAsync", call);
    Outcome<Object> advanced = kit.outcomeOfCall(() -> ticker.advance(DELAY));
    kit.check(!advanced.failed() && sent.size() == 2, rule,
        "the hedge sent at the delay, its supplier's Error kept inside the call", advanced + " after " + sent.size() + " attempts");
    kit.check(!call.value().isDone(), rule, "the call still pending: the first attempt may still succeed",
        call.value().isDone() ? kit.outcome(call.value(), rule, "the outcome") : "");
    sent.get(0).complete("first");
    Outcome<Object> won = kit.outcome(call.value(), rule, "the first attempt's value");
    kit.check("first".equals(won.value()), rule, "the first attempt's value", won);
  }

  /** HEDGE-5.5: a synchronous caller interrupted while it waits gets InterruptedException, and every attempt is interrupted. */
  void interruptedCallerCancelsEveryAttempt() {
    String rule = "HEDGE-5.5";
    Hedge hedge = kit.newHedge(kit.baseSpec().build());
    HedgeProbe probe = kit.newProbe(n -> HedgeProbe.PENDING);
    AtomicReference<Thread> caller = new AtomicReference<>();
    Future<Object> call = kit.submit(() -> {
      caller.set(Thread.currentThread());
      return hedge.call(probe.sync());
    });
    kit.check(probe.awaitCount(1, kit.guard()), rule, "the first attempt to start", probe);
    ticker.advance(DELAY);
    kit.check(probe.awaitCount(2, kit.guard()), rule, "the hedge to start at the delay", probe);
    caller.get().interrupt();
    Outcome<Object> outcome = kit.outcome(call, rule, "the call to end when its caller is interrupted");
    kit.check(outcome.failure() instanceof InterruptedException, rule, "InterruptedException", outcome);
    for (int n = 1; n <= 2; n++) {
      HedgeProbe.Attempt attempt = probe.attempt(n);
      kit.check(HedgeProbe.await(() -> attempt.interrupted, kit.guard()), rule,
          "attempt " + n + " interrupted once its caller gave up", "it never was: " + probe);
    }
  }

  /** HEDGE-8.3: calls, hedges sent and hedges won exact after a mix with failures and attempts that throw. */
  void metricsAreExact() {
    String rule = "HEDGE-8.3";
    Hedge hedge = kit.newHedge(kit.baseSpec().build());
    HedgeMetrics before = hedge.metrics();
    // 1: the only attempt's supplier throws (no hedge)
    kit.outcome(kit.submit(() -> hedge.callAsync(() -> {
      throw new IllegalStateException("supplier threw");
    })), rule, "callAsync");
    // 2: the only attempt fails (no hedge)
    HedgeProbe failing = kit.newProbe(n -> new IOException("attempt " + n + " failed"));
    kit.outcome(kit.start(hedge, failing, rule), rule, "the failed call");
    // 3: a hedge is sent, the first attempt wins
    HedgeProbe firstWins = kit.newProbe(n -> HedgeProbe.PENDING);
    CompletableFuture<Object> third = kit.start(hedge, firstWins, rule);
    ticker.advance(DELAY);
    firstWins.attempt(1).succeed("first");
    kit.outcome(third, rule, "the first attempt's win");
    // 4: a hedge is sent and wins
    HedgeProbe hedgeWins = kit.newProbe(n -> HedgeProbe.PENDING);
    CompletableFuture<Object> fourth = kit.start(hedge, hedgeWins, rule);
    ticker.advance(DELAY);
    hedgeWins.attempt(2).succeed("hedge");
    kit.outcome(fourth, rule, "the hedge's win");
    // 5: a hedge is sent and both attempts fail
    HedgeProbe bothFail = kit.newProbe(n -> HedgeProbe.PENDING);
    CompletableFuture<Object> fifth = kit.start(hedge, bothFail, rule);
    ticker.advance(DELAY);
    bothFail.attempt(1).fail(new IOException("first failed"));
    bothFail.attempt(2).fail(new IOException("hedge failed"));
    kit.outcome(fifth, rule, "the call whose attempts all failed");
    HedgeMetrics after = hedge.metrics();
    long calls = after.calls() - before.calls();
    long sent = after.hedgesSent() - before.hedgesSent();
    long won = after.hedgesWon() - before.hedgesWon();
    kit.check(calls == 5 && sent == 3 && won == 1, rule,
        "5 calls (one whose supplier threw, one failed), 3 hedges sent, 1 won",
        calls + " calls, " + sent + " hedges sent, " + won + " won: " + after);
  }
}
