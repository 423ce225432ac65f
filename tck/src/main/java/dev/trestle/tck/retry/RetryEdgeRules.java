package dev.trestle.tck.retry;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryBudget;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.retry.RetryListener;
import dev.trestle.core.retry.RetryMetrics;
import dev.trestle.tck.ConformanceKit.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The RETRY rules at the edges of the contract (3.3, 4.10, 4.11, 5.5, 6.4, 8.3, 9.5, 11.2, 12.1): the
 * cases a mutation run of the kit against Trestle's retry showed no rule looking at (issue 14). Each is run
 * from the kit's test method of the same rule, through the kit's package-private bridges, like
 * {@link RetrySequenceRules}.
 */
final class RetryEdgeRules {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration REAL_LONG_DELAY = Duration.ofMinutes(1);
  /** How far from zero the edge rules move the ticker first, so that nothing passes by counting from 0. */
  private static final Duration FAR = Duration.ofHours(1);
  /** Calls of one retry before both ends of a jitter range must have been seen: (2/3)^60 < 10^-10 to miss one. */
  private static final int JITTER_CALLS = 60;

  private final RetryTck kit;

  RetryEdgeRules(RetryTck kit) {
    this.kit = kit;
  }

  /** RETRY-3.3: a retried result waits the backoff of its retry number, and a zero backoff retries it at once. */
  void retriedResultsWaitLikeFailures() {
    String rule = "RETRY-3.3";
    ManualTicker ticker = kit.kitTicker();
    Backoff exponential = Backoff.exponential(SECOND, 2, Duration.ofSeconds(10));
    Retry retry = kit.build(kit.baseSpec().maxAttempts(4).backoff(exponential).retryOnResult("again"::equals));
    Object token = new Object();
    RetryProbe probe = new RetryProbe(ticker, attempt -> attempt < 4 ? "again" : token);
    Future<Object> call = kit.submit(() -> retry.call(probe));
    kit.stepThroughWaits(probe, call, 3, exponential, rule);
    Outcome<Object> outcome = kit.driven(call, rule);
    kit.check(outcome.value() == token && probe.attempts() == 4, rule,
        "the fourth attempt's value after retried results and waits of 1, 2 and 4 s", outcome + " after " + probe.attempts() + " attempts");

    Retry immediate = kit.build(kit.baseSpec().maxAttempts(3).backoff(Backoff.fixed(Duration.ZERO)).retryOnResult("again"::equals));
    RetryProbe atOnce = new RetryProbe(ticker, attempt -> attempt < 3 ? "again" : token);
    long now = ticker.read();
    Outcome<Object> quick = kit.sync(immediate, atOnce, rule);
    kit.check(quick.value() == token && atOnce.attempts() == 3 && atOnce.starts.stream().allMatch(start -> start == now), rule,
        "with a zero backoff, two retried results retried at once and the third attempt's value",
        quick + " after attempts at " + atOnce.starts + " ns (the call began at " + now + " ns)");

    if (kit.has(RetryFeature.ASYNC)) {
      RetryProbe async = new RetryProbe(ticker, attempt -> attempt < 4 ? "again" : token);
      CompletableFuture<Object> pending = kit.startAsync(retry, async.async(), rule);
      kit.stepThroughWaits(async, pending, 3, exponential, rule);
      Outcome<Object> asyncOutcome = kit.driven(pending, rule);
      kit.check(asyncOutcome.value() == token && async.attempts() == 4, rule,
          "callAsync: the fourth attempt's value after retried results and waits of 1, 2 and 4 s",
          asyncOutcome + " after " + async.attempts() + " attempts");
      RetryProbe mixed = new RetryProbe(ticker, attempt -> attempt == 1 ? new IOException("attempt 1") : attempt == 2 ? "again" : token);
      long asyncNow = ticker.read();
      Outcome<Object> mixedOutcome = kit.async(immediate, mixed.async(), rule);
      kit.check(mixedOutcome.value() == token && mixed.attempts() == 3 && mixed.starts.stream().allMatch(start -> start == asyncNow),
          rule, "callAsync with a zero backoff: a failed stage and a retried result retried at once, then the third attempt's value",
          mixedOutcome + " after attempts at " + mixed.starts + " ns (the call began at " + asyncNow + " ns)");
    }
  }

  /** RETRY-4.10: exponential backoff with a multiplier of exactly 1, and with its cap equal to its base. */
  void exponentialBackoffAtItsEdges() {
    String rule = "RETRY-4.10";
    Backoff flat = Backoff.exponential(Duration.ofMillis(250), 1, Duration.ofSeconds(10));
    Backoff capped = Backoff.exponential(SECOND, 2, SECOND);
    // 2^53 + 1 ns (104 days) is no double: e(2) = 2^53 ns lies 1 ns below the cap and must not be rounded up to it.
    Backoff beyondDoubles = Backoff.exponential(Duration.ofNanos(1L << 52), 2, Duration.ofNanos((1L << 53) + 1));
    for (Backoff backoff : List.of(flat, capped, beyondDoubles)) {
      Retry retry;
      try {
        retry = kit.build(kit.baseSpec().maxAttempts(5).backoff(backoff));
      } catch (RuntimeException rejected) {
        kit.check(false, rule, "a retry built with " + backoff + " (the multiplier may be 1, the cap may equal the base)",
            "threw " + rejected);
        return;
      }
      kit.measure(retry, 4, backoff, rule);
    }
  }

  /** RETRY-4.11: each jitter range is inclusive at both ends, and both ends are drawn. */
  void jitterReachesBothEnds() {
    String rule = "RETRY-4.11";
    List<Backoff> policies = List.of(
        Backoff.fullJitter(Duration.ofNanos(2), Duration.ofNanos(1_000)),
        Backoff.equalJitter(Duration.ofNanos(2), Duration.ofNanos(1_000)),
        Backoff.decorrelatedJitter(Duration.ofNanos(1), Duration.ofNanos(1_000)));
    for (Backoff backoff : policies) {
      Retry retry = kit.build(kit.baseSpec().maxAttempts(2).backoff(backoff));
      long low = BackoffBounds.lower(backoff, 1, 0);
      long high = BackoffBounds.upper(backoff, 1, 0);
      Set<Long> seen = new TreeSet<>();
      for (int call = 0; call < JITTER_CALLS && !(seen.contains(low) && seen.contains(high)); call++) {
        seen.addAll(kit.measure(retry, 1, backoff, rule));
      }
      kit.check(seen.contains(low) && seen.contains(high), rule, "first waits of " + backoff + " reaching both ends of ["
          + low + ", " + high + "] ns within " + JITTER_CALLS + " calls", "only waits of " + seen + " ns");
    }
  }

  /** RETRY-5.5: the deadline at its edges: a wait ending exactly at it, one ending 1 ns before, one it passes during. */
  void deadlineAtItsEdges() {
    String rule = "RETRY-5.5";
    ManualTicker ticker = kit.kitTicker();
    ticker.advance(FAR);
    Retry retry = kit.build(kit.baseSpec().maxAttempts(5).backoff(Backoff.fixed(SECOND)));

    RetryProbe exact = failing();
    Deadline atTheWaitsEnd = Deadline.after(SECOND, ticker);
    int waits = kit.waitsSeen();
    Outcome<Object> ended = kit.driven(kit.submit(() -> atTheWaitsEnd.call(() -> retry.call(exact))), rule);
    expectExceeded(ended, exact, 1, SECOND, Duration.ZERO, rule);
    kit.check(kit.waitsSeen() == waits, rule, "no wait started when it would end exactly at the deadline",
        (kit.waitsSeen() - waits) + " waits");

    RetryProbe roomy = failing();
    Deadline justAfter = Deadline.after(SECOND.plusNanos(1), ticker);
    waits = kit.waitsSeen();
    Outcome<Object> later = kit.driven(kit.submit(() -> justAfter.call(() -> retry.call(roomy))), rule);
    expectExceeded(later, roomy, 2, SECOND.plusNanos(1), SECOND, rule);
    kit.check(kit.waitsSeen() - waits == 1, rule, "one wait of 1 s, ending 1 ns before the deadline",
        (kit.waitsSeen() - waits) + " waits");

    // The deadline runs on a clock of its own and passes while the call waits: no further attempt.
    Object again = new Object();
    Retry results = kit.build(kit.baseSpec().maxAttempts(5).backoff(Backoff.fixed(SECOND)).retryOnResult(r -> r == again));
    RetryProbe failed = failing();
    expectExceeded(passDuringTheWait(kit.submit(() -> elapsingDeadline().call(() -> retry.call(failed))), rule),
        failed, 1, null, null, rule);
    RetryProbe retried = new RetryProbe(ticker, attempt -> again);
    Outcome<Object> returned = passDuringTheWait(kit.submit(() -> elapsingDeadline().call(() -> results.call(retried))), rule);
    kit.check(returned.value() == again && retried.attempts() == 1, rule,
        "the retried result of attempt 1 returned when the deadline passed during the wait",
        returned + " after " + retried.attempts() + " attempts");

    if (kit.has(RetryFeature.ASYNC)) {
      Deadline passed = Deadline.after(Duration.ofNanos(1), ticker);
      ticker.advance(Duration.ofNanos(1));
      RetryProbe none = failing();
      Outcome<Object> refused = kit.driven(kit.startAsync(() -> passed.call(() -> retry.callAsync(none.async())), rule), rule);
      kit.check(refused.failure() instanceof DeadlineExceededException && none.attempts() == 0, rule,
          "callAsync under a deadline already passed: a future failed with DeadlineExceededException, no attempt",
          refused + " after " + none.attempts() + " attempts");
      RetryProbe asyncFailed = failing();
      Outcome<Object> asyncEnded = passDuringTheWait(
          kit.startAsync(() -> elapsingDeadline().call(() -> retry.callAsync(asyncFailed.async())), rule), rule);
      expectExceeded(asyncEnded, asyncFailed, 1, null, null, rule);
      RetryProbe asyncRetried = new RetryProbe(ticker, attempt -> again);
      Outcome<Object> asyncReturned = passDuringTheWait(
          kit.startAsync(() -> elapsingDeadline().call(() -> results.callAsync(asyncRetried.async())), rule), rule);
      kit.check(asyncReturned.value() == again && asyncRetried.attempts() == 1, rule,
          "callAsync: the retried result of attempt 1 when the deadline passed during the wait",
          asyncReturned + " after " + asyncRetried.attempts() + " attempts");
    }
  }

  private final AtomicReference<ManualTicker> deadlineClock = new AtomicReference<>();

  /** A deadline 1.5 s away on a clock of its own (kept for {@link #passDuringTheWait}). */
  private Deadline elapsingDeadline() {
    ManualTicker clock = new ManualTicker();
    deadlineClock.set(clock);
    return Deadline.after(Duration.ofMillis(1500), clock);
  }

  /** Lets the call's first wait (1 s) begin, moves the deadline's clock past it, then lets the wait end. */
  private <T> Outcome<T> passDuringTheWait(Future<T> call, String rule) {
    Long wait = kit.nextWait();
    kit.check(wait != null && wait == SECOND.toNanos(), rule, "a wait of 1 s after attempt 1 (the deadline 1.5 s away)",
        wait == null ? "none" : "a wait of " + wait + " ns");
    deadlineClock.get().advance(Duration.ofSeconds(2));
    kit.kitTicker().advance(wait, java.util.concurrent.TimeUnit.NANOSECONDS);
    return kit.outcome(call, rule, "the call to end at the deadline");
  }

  private void expectExceeded(Outcome<Object> outcome, RetryProbe probe, int attempts, Duration limit, Duration elapsed,
      String rule) {
    Throwable failure = outcome.failure();
    boolean exact = failure instanceof DeadlineExceededException && failure.getCause() == probe.thrown(attempts)
        && probe.attempts() == attempts;
    String times = "";
    if (limit != null && failure instanceof DeadlineExceededException) {
      DeadlineExceededException exceeded = (DeadlineExceededException) failure;
      exact &= exceeded.limit().equals(limit) && exceeded.elapsed().equals(elapsed);
      times = ", limit " + exceeded.limit() + ", elapsed " + exceeded.elapsed();
    }
    kit.check(exact, rule, "DeadlineExceededException caused by attempt " + attempts + "'s own exception after " + attempts
            + " attempts" + (limit == null ? "" : ", limit " + limit + " (what was left when the call began), elapsed " + elapsed),
        outcome + (failure == null ? "" : " caused by " + failure.getCause()) + times + " after " + probe.attempts() + " attempts");
  }

  /** RETRY-6.4: the budget's allowance, window and floor, counted exactly. */
  void theBudgetCountsExactly() {
    String rule = "RETRY-6.4";
    Duration ttl = Duration.ofSeconds(10);
    Retry counting = budgeted(20, 0.2, 0, ttl);
    startWindow(ttl);
    succeedTimes(counting, 50, rule);
    expectAvailable(counting, 10, rule, "50 requests at ratio 0.2");
    expectAttempts(counting, 11, rule, "50 requests at ratio 0.2, then a failing call (request 51): 10 retries, the 11th denied");
    expectAvailable(counting, 0, rule, "51 requests and 10 retries");
    kit.kitTicker().advance(ttl.minusNanos(1));
    expectAttempts(counting, 1, rule, "ttl - 1 ns later: the 10 retries still count, none granted");

    Retry waiting = kit.build(kit.baseSpec().maxAttempts(20).backoff(Backoff.fixed(SECOND)).budget(0.2, 0, ttl));
    startWindow(ttl);
    succeedTimes(waiting, 50, rule);
    kit.kitTicker().advance(ttl.minus(SECOND));
    expectAttempts(waiting, 2, rule, "50 requests, then ttl - 1 s later a call with 1 s waits: its first retry granted, "
        + "its second denied, asked for just as the 50 requests stop counting");

    Retry expiring = budgeted(20, 0.2, 0, ttl);
    startWindow(ttl);
    succeedTimes(expiring, 50, rule);
    kit.kitTicker().advance(ttl.minusNanos(1));
    Object token = new Object();
    RetryProbe twice = new RetryProbe(kit.kitTicker(), attempt -> attempt < 3 ? new IOException("attempt " + attempt) : token);
    Outcome<Object> granted = kit.sync(expiring, twice, rule);
    kit.check(granted.value() == token && twice.attempts() == 3, rule,
        "ttl - 1 ns after 50 requests, a call that fails twice granted its 2 retries", granted + " after " + twice.attempts() + " attempts");
    kit.kitTicker().advance(Duration.ofNanos(1));
    expectAttempts(expiring, 1, rule, "1 ns later the 50 requests no longer count: 2 requests allow no retry");

    expectAttempts(budgeted(60, 0, 5, ttl), 51, rule, "a floor of 5 retries/s over a 10 s ttl alone: 50 retries, the 51st denied");
    expectAttempts(budgeted(20, 10, 0, Duration.ofSeconds(1)), 11, rule,
        "the largest ratio (10) and the shortest ttl (1 s): one request allows 10 retries");
    Duration hour = Duration.ofHours(1);
    Retry longest = budgeted(3, 0.2, 0, hour);
    startWindow(hour);
    succeedTimes(longest, 4, rule);
    expectAttempts(longest, 2, rule, "the longest ttl (1 h), 5 requests at ratio 0.2: 1 retry, the 2nd denied");
  }

  /** With BUDGET, config().budget() is the budget the retry asks: what it would grant now is checked too. */
  private void expectAvailable(Retry retry, long available, String rule, String after) {
    RetryConfig config = retry.config();
    Object seen = config == null || config.budget() == null ? "no budget in config()" : config.budget().available();
    kit.check(Long.valueOf(available).equals(seen), rule, "config().budget().available() " + available + " after " + after, seen);
  }

  private Retry budgeted(int maxAttempts, double ratio, int minRetriesPerSecond, Duration ttl) {
    return kit.build(kit.baseSpec().maxAttempts(maxAttempts).backoff(Backoff.fixed(Duration.ZERO))
        .budget(ratio, minRetriesPerSecond, ttl));
  }

  /** Moves the ticker at least an hour on, to the start of a ttl: a window starts there whatever its steps. */
  private void startWindow(Duration ttl) {
    long now = kit.kitTicker().read();
    long step = ttl.toNanos();
    long target = ((now + FAR.toNanos()) / step + 1) * step;
    kit.kitTicker().advance(target - now, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private void succeedTimes(Retry retry, int calls, String rule) {
    for (int i = 0; i < calls; i++) {
      RetryProbe ok = new RetryProbe(kit.kitTicker(), attempt -> "ok");
      Outcome<Object> outcome = kit.sync(retry, ok, rule);
      kit.check("ok".equals(outcome.value()) && ok.attempts() == 1, rule, "a call that succeeds at once", outcome);
    }
  }

  private void expectAttempts(Retry retry, int attempts, String rule, String what) {
    RetryProbe probe = failing();
    Outcome<Object> outcome = kit.sync(retry, probe, rule);
    kit.check(probe.attempts() == attempts && outcome.failure() == probe.thrown(attempts), rule,
        what + ": " + attempts + " attempts, ending with the last one's own exception",
        outcome + " after " + probe.attempts() + " attempts");
  }

  /** RETRY-9.5: cancelling callAsync's future cancels its wait or its attempt's stage, and starts nothing more. */
  void cancellingCallAsyncStopsIt() {
    String rule = "RETRY-9.5";
    ManualTicker ticker = kit.kitTicker();
    Retry retry = kit.build(kit.baseSpec().maxAttempts(3).backoff(Backoff.fixed(SECOND)));
    RetryProbe probe = failing();
    CompletableFuture<Object> waiting = kit.startAsync(retry, probe.async(), rule);
    Long wait = kit.nextWait();
    kit.check(wait != null && !waiting.isDone(), rule, "a pending future waiting after attempt 1",
        waiting + (wait == null ? " and no wait" : " and a wait of " + wait + " ns"));
    boolean cancelled = waiting.cancel(true);
    int pending = ticker.pendingTasks();
    ticker.advance(SECOND.multipliedBy(3));
    kit.check(cancelled && waiting.isCancelled() && pending == 0 && probe.attempts() == 1, rule,
        "cancel() true, the future cancelled, its wait cancelled with it (no task left on the scheduler), no attempt after the first",
        "cancel() " + cancelled + ", " + waiting + ", " + pending + " tasks left on the scheduler, " + probe.attempts() + " attempts");

    CompletableFuture<Object> stage = new CompletableFuture<>();
    AtomicInteger started = new AtomicInteger();
    CompletableFuture<Object> running = kit.startAsync(retry, () -> {
      started.incrementAndGet();
      return stage;
    }, rule);
    boolean cancelledRunning = running.cancel(true);
    ticker.advance(SECOND.multipliedBy(3));
    kit.check(cancelledRunning && stage.isCancelled() && started.get() == 1, rule,
        "cancelled during its attempt: cancel() true, the attempt's stage cancelled, no attempt after it",
        "cancel() " + cancelledRunning + ", the stage " + stage + ", " + started.get() + " attempts");

    CompletableFuture<Object> done = kit.startAsync(retry, () -> CompletableFuture.<Object>completedFuture("done"), rule);
    Outcome<Object> result = kit.driven(done, rule);
    boolean late = done.cancel(true);
    kit.check("done".equals(result.value()) && !late && !done.isCancelled(), rule,
        "cancel() false once the call has completed, and its value kept", "cancel() " + late + " on " + done);
  }

  /** RETRY-9.6: callAsync judges a failed stage by the task's own exception, unwrapped from CompletionException only. */
  void asyncJudgesTheTasksOwnException() {
    String rule = "RETRY-9.6";
    Retry retry = kit.build(kit.baseSpec().maxAttempts(3).retryExceptions(IOException.class));
    IOException reported = new IOException("attempt 1, reported through a dependent stage");
    Object token = new Object();
    AtomicInteger calls = new AtomicInteger();
    Outcome<Object> recovered = kit.async(retry, () -> calls.incrementAndGet() == 1
        ? CompletableFuture.<Object>failedFuture(reported).thenApply(value -> value) // fails with CompletionException(reported)
        : CompletableFuture.completedFuture(token), rule);
    kit.check(recovered.value() == token && calls.get() == 2, rule,
        "a stage failing with CompletionException(IOException) retried (IOException is listed), then the second attempt's value",
        recovered + " after " + calls.get() + " attempts");
    List<IOException> thrown = new CopyOnWriteArrayList<>();
    Outcome<Object> exhausted = kit.async(retry, () -> {
      IOException failure = new IOException("attempt " + (thrown.size() + 1), new IllegalStateException("a cause of its own"));
      thrown.add(failure);
      return CompletableFuture.failedFuture(failure);
    }, rule);
    kit.check(thrown.size() == 3 && exhausted.failure() == thrown.get(2), rule,
        "an IOException with a cause of its own judged as itself: retried, and the third attempt's own exception at the end",
        exhausted + " after " + thrown.size() + " attempts");
  }

  /** RETRY-11.2: the ends 11.1 leaves out, each counted once: an interrupted wait, budget denials, the deadline. */
  void metricsCountEveryEnd() {
    String rule = "RETRY-11.2";
    boolean manual = kit.has(RetryFeature.MANUAL_TICKER);
    Retry interrupted = kit.build(kit.baseSpec().maxAttempts(3).backoff(Backoff.fixed(manual ? SECOND : REAL_LONG_DELAY)));
    RetryProbe probe = failing();
    AtomicReference<Thread> caller = new AtomicReference<>();
    Future<Object> call = kit.submit(() -> {
      caller.set(Thread.currentThread());
      try {
        return interrupted.call(probe);
      } finally {
        Thread.interrupted(); // the pool thread goes back clean
      }
    });
    if (manual) {
      kit.check(kit.nextWait() != null, rule, "a wait after the first attempt", "none was scheduled");
    } else {
      kit.check(probe.awaitAttempts(1, kit.guard()), rule, "a first attempt", "none started");
    }
    caller.get().interrupt();
    kit.outcome(call, rule, "the call to end when interrupted");
    expectCounts(interrupted.metrics(), new long[] {0, 0, 1, 0, 0}, rule, "a call interrupted in its first wait");

    if (kit.has(RetryFeature.BUDGET)) {
      Retry denying = budgeted(3, 0, 0, Duration.ofSeconds(10));
      kit.sync(denying, failing(), rule);
      kit.sync(denying, failing(), rule);
      expectCounts(denying.metrics(), new long[] {0, 0, 2, 0, 2}, rule, "two calls whose first retry the budget denied");
      Retry oneRetry = budgeted(3, 0, 1, Duration.ofSeconds(1));
      kit.sync(oneRetry, failing(), rule);
      expectCounts(oneRetry.metrics(), new long[] {0, 0, 0, 1, 1}, rule,
          "a call granted 1 retry (floor 1/s over 1 s) and denied the 2nd");
    }
    if (kit.has(RetryFeature.DEADLINE)) {
      Retry late = kit.build(kit.baseSpec().maxAttempts(3));
      Deadline passed = Deadline.after(Duration.ofNanos(1), kit.kitTicker());
      kit.kitTicker().advance(Duration.ofNanos(1));
      RetryProbe none = failing();
      kit.outcome(kit.submit(() -> passed.call(() -> late.call(none))), rule, "the call to fail");
      expectCounts(late.metrics(), new long[] {0, 0, 1, 0, 0}, rule, "a call the deadline ended before its first attempt");
      if (manual) {
        Deadline after = Deadline.after(Duration.ofMillis(1500), kit.kitTicker());
        kit.driven(kit.submit(() -> after.call(() -> late.call(failing()))), rule);
        expectCounts(late.metrics(), new long[] {0, 0, 1, 1, 0}, rule,
            "and a call the deadline ended after a retry (waits of 1 s, the deadline 1.5 s away)");
        passDuringTheWait(kit.submit(() -> elapsingDeadline().call(() -> late.call(failing()))), rule);
        expectCounts(late.metrics(), new long[] {0, 0, 2, 1, 0}, rule,
            "and a call whose deadline (on a clock of its own) passed during its first wait");
      }
    }
  }

  private void expectCounts(RetryMetrics metrics, long[] expected, String rule, String what) {
    long[] seen = {metrics.succeededWithoutRetry(), metrics.succeededAfterRetry(), metrics.failedWithoutRetry(),
        metrics.failedAfterRetry(), metrics.retriesDeniedByBudget()};
    kit.check(Arrays.equals(expected, seen), rule, "counts (succeeded without/after retry, failed without/after retry, "
        + "retries denied by the budget) " + Arrays.toString(expected) + " after " + what, Arrays.toString(seen) + " in " + metrics);
  }

  /** RETRY-8.3: config() reports the attempts and backoff the retry was built with. */
  void configReportsTheSpec() {
    String rule = "RETRY-8.3";
    Backoff backoff = Backoff.exponential(Duration.ofMillis(100), 3, Duration.ofSeconds(2));
    Retry retry = kit.build(kit.baseSpec().maxAttempts(4).backoff(backoff));
    RetryConfig config = retry.config();
    Backoff seen = config == null ? null : config.backoff();
    boolean same = seen != null && seen.kind() == backoff.kind() && seen.base().equals(backoff.base())
        && seen.multiplier() == backoff.multiplier() && seen.cap().equals(backoff.cap());
    kit.check(config != null && config.maxAttempts() == 4 && same, rule, "a config of maxAttempts 4 and " + backoff,
        config == null ? "null" : "maxAttempts " + config.maxAttempts() + " and " + seen);
    if (kit.has(RetryFeature.BUDGET)) {
      RetryConfig budgeted = kit.build(kit.baseSpec().budget(0.5, 3, Duration.ofSeconds(20))).config();
      RetryBudget budget = budgeted == null ? null : budgeted.budget();
      kit.check(budget != null && budget.ratio() == 0.5 && budget.minRetriesPerSecond() == 3
              && Duration.ofSeconds(20).equals(budget.ttl()) && budget.available() == 60, rule,
          "config().budget() of ratio 0.5, 3 retries/s, ttl 20 s, 60 retries available (the floor) before any request",
          budget == null ? "no budget" : "ratio " + budget.ratio() + ", " + budget.minRetriesPerSecond() + "/s, ttl "
              + budget.ttl() + ", " + budget.available() + " available");
    }
  }

  /** RETRY-12.1: the listener hears each retry, the success or the give-up, with the details RetryListener names. */
  void listenerHearsEachStep() {
    String rule = "RETRY-12.1";
    List<String> heard = new CopyOnWriteArrayList<>();
    RetryListener listener = new RetryListener() {
      @Override
      public void onRetry(String retryName, int attempt, Duration delay, Throwable failure, Object result) {
        heard.add("retry " + attempt + " after " + delay.toNanos() + " ns: " + failure + " / " + result);
      }

      @Override
      public void onSuccess(String retryName, int attempts) {
        heard.add("success after " + attempts);
      }

      @Override
      public void onGiveUp(String retryName, int attempts, RetryListener.GiveUp reason, Throwable lastFailure) {
        heard.add("gave up after " + attempts + ", " + reason + ": " + lastFailure);
      }
    };
    RetrySpec.Builder spec = kit.baseSpec().maxAttempts(3).ignoreExceptions(IllegalArgumentException.class)
        .retryOnResult("again"::equals).listener(listener);
    long delay = spec.build().backoff().base().toNanos();
    Retry retry = kit.build(spec);
    IOException first = new IOException("attempt 1");
    expectHeard(heard, kit.sync(retry, new RetryProbe(kit.kitTicker(), attempt -> attempt == 1 ? first : "ok"), rule),
        List.of("retry 1 after " + delay + " ns: " + first + " / null", "success after 2"), rule, "a call that succeeds on its second attempt");
    expectHeard(heard, kit.sync(retry, new RetryProbe(kit.kitTicker(), attempt -> "again"), rule),
        List.of("retry 1 after " + delay + " ns: null / again", "retry 2 after " + delay + " ns: null / again",
            "gave up after 3, EXHAUSTED: null"), rule, "a call whose 3 results are retried");
    IllegalArgumentException ignored = new IllegalArgumentException("ignored");
    expectHeard(heard, kit.sync(retry, new RetryProbe(kit.kitTicker(), attempt -> ignored), rule),
        List.of("gave up after 1, NOT_RETRYABLE: " + ignored), rule, "a call ended by an ignored exception");
    RetryProbe failing = failing();
    Outcome<Object> exhausted = kit.sync(retry, failing, rule);
    expectHeard(heard, exhausted, List.of("retry 1 after " + delay + " ns: " + failing.thrown(1) + " / null",
        "retry 2 after " + delay + " ns: " + failing.thrown(2) + " / null", "gave up after 3, EXHAUSTED: " + failing.thrown(3)),
        rule, "a call whose 3 attempts fail");
  }

  private void expectHeard(List<String> heard, Outcome<Object> outcome, List<String> expected, String rule, String what) {
    List<String> seen = List.copyOf(heard);
    heard.clear();
    kit.check(seen.equals(expected), rule, expected + " told to the listener for " + what, seen + " (the call: " + outcome + ")");
  }

  private RetryProbe failing() {
    return new RetryProbe(kit.kitTicker(), attempt -> new IOException("attempt " + attempt));
  }
}
