package dev.trestle.tck.retry;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.tck.ConformanceKit;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link Retry}: the rules {@code RETRY-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, return a fresh retry built to the {@link RetrySpec} from
 * {@link #newRetry}, and declare your capabilities in {@link #features()}:
 *
 * <pre>{@code
 * class MyRetryConformanceTest extends RetryTck {
 *   protected Retry newRetry(RetrySpec spec) {
 *     return MyRetries.retry(spec.maxAttempts(), spec.backoff(), spec.ticker(), spec.scheduler(), ...);
 *   }
 *   protected Set<RetryFeature> features() { return EnumSet.allOf(RetryFeature.class); }
 * }
 * }</pre>
 *
 * <p>A retry that declares {@link RetryFeature#MANUAL_TICKER} is checked on the kit's ticker: the
 * kit sees each wait the retry schedules, checks that the next attempt has not started 1 ns before
 * the wait ends and has started once it has, and compares the wait with the backoff's bounds,
 * computed by the kit itself. One that does not is checked with short real delays, by counts and
 * outcomes only. Each test creates its own retry; the kit's threads are released after every test.
 */
public abstract class RetryTck extends ConformanceKit<RetryFeature> {

  private static final Duration MANUAL_DELAY = Duration.ofSeconds(1);
  private static final Duration REAL_DELAY = Duration.ofMillis(1);
  private static final Duration REAL_LONG_DELAY = Duration.ofMinutes(1);
  private static final long SEED = 20150304L; // the date of the AWS analysis
  private static final Duration LOCKSTEP_TIMEOUT = Duration.ofSeconds(1);

  private ManualTicker ticker;
  private BlockingDeque<Long> scheduled;
  private Scheduler recordingScheduler;
  private ExecutorService callers;
  private AtomicInteger waitsSeen;

  /** Returns a new retry built to {@code spec}. */
  protected abstract Retry newRetry(RetrySpec spec);

  @BeforeEach
  void startKit() {
    ticker = new ManualTicker();
    scheduled = new LinkedBlockingDeque<>();
    waitsSeen = new AtomicInteger();
    AtomicInteger waitsSeen = this.waitsSeen;
    ManualTicker clock = ticker;
    BlockingQueue<Long> seen = scheduled;
    recordingScheduler = (task, delayNanos) -> {
      Scheduler.Cancellable cancellable = clock.schedule(task, delayNanos);
      seen.add(Math.max(0, delayNanos));
      waitsSeen.incrementAndGet();
      return cancellable;
    };
    callers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "tck-retry-caller");
      thread.setDaemon(true);
      return thread;
    });
  }

  @AfterEach
  void stopKit() {
    if (callers != null) { // null when a skipped rule stopped the kit before startKit
      callers.shutdownNow();
    }
  }

  // ---- 1. Attempts ----

  @Test
  @DisplayName("RETRY-1.1 a first attempt that succeeds returns its value unchanged after exactly one attempt and no wait")
  void succeedsOnTheFirstAttempt() {
    Object token = new Object();
    RetryProbe probe = new RetryProbe(ticker, attempt -> token);
    Outcome<Object> outcome = runSync(newRetry(spec().maxAttempts(3).build()), probe, "RETRY-1.1");
    expect(!outcome.failed() && outcome.value() == token, "RETRY-1.1", "the task's own value " + token, outcome);
    expectEqual("RETRY-1.1", "attempts", 1, probe.attempts());
    if (declares(RetryFeature.MANUAL_TICKER)) {
      expect(scheduled.isEmpty(), "RETRY-1.1", "no wait scheduled", "waits of " + scheduled + " ns");
    }
  }

  @Test
  @DisplayName("RETRY-1.2 a retryable failure is retried until an attempt succeeds, whose value is returned")
  void retriesUntilSuccess() {
    Object token = new Object();
    RetryProbe probe = new RetryProbe(ticker, attempt -> attempt < 3 ? new IOException("attempt " + attempt) : token);
    Outcome<Object> outcome = runSync(newRetry(spec().maxAttempts(5).build()), probe, "RETRY-1.2");
    expect(!outcome.failed() && outcome.value() == token, "RETRY-1.2", "the third attempt's value " + token, outcome);
    expectEqual("RETRY-1.2", "attempts", 3, probe.attempts());
  }

  @Test
  @DisplayName("RETRY-1.3 a call that always fails makes exactly maxAttempts attempts (1, 2 and 5), no more and no fewer")
  void makesExactlyMaxAttempts() {
    for (int maxAttempts : new int[] {1, 2, 5}) {
      RetryProbe probe = new RetryProbe(ticker, attempt -> new IOException("attempt " + attempt));
      Outcome<Object> outcome = runSync(newRetry(spec().maxAttempts(maxAttempts).build()), probe, "RETRY-1.3");
      expect(outcome.failed(), "RETRY-1.3", "a failure", outcome);
      expectEqual("RETRY-1.3", "attempts with maxAttempts " + maxAttempts, maxAttempts, probe.attempts());
    }
  }

  // ---- 2. Exhaustion and which exceptions are retried ----

  @Test
  @DisplayName("RETRY-2.1 when attempts run out the last attempt's exception is thrown unchanged, checked or unchecked")
  void throwsTheLastFailureUnchanged() {
    RetryProbe checked = new RetryProbe(ticker, attempt -> new IOException("attempt " + attempt));
    Outcome<Object> outcome = runSync(newRetry(spec().maxAttempts(3).build()), checked, "RETRY-2.1");
    expect(outcome.failure() == checked.thrown(3), "RETRY-2.1", "the third attempt's own " + checked.thrown(3), outcome);
    RetryProbe unchecked = new RetryProbe(ticker, attempt -> new IllegalStateException("attempt " + attempt));
    Outcome<Object> again = runSync(newRetry(spec().maxAttempts(2).build()), unchecked, "RETRY-2.1");
    expect(again.failure() == unchecked.thrown(2), "RETRY-2.1", "the second attempt's own " + unchecked.thrown(2), again);
  }

  @Test
  @DisplayName("RETRY-2.2 an exception of an ignored class is thrown unchanged after one attempt, even when the retry list covers it")
  void neverRetriesAnIgnoredException() {
    RetryProbe listed = new RetryProbe(ticker, attempt -> new IllegalStateException("attempt " + attempt));
    Outcome<Object> outcome = runSync(newRetry(spec().maxAttempts(3)
        .retryExceptions(RuntimeException.class).ignoreExceptions(IllegalStateException.class).build()), listed, "RETRY-2.2");
    expect(outcome.failure() == listed.thrown(1) && listed.attempts() == 1, "RETRY-2.2",
        "the first attempt's exception after 1 attempt", outcome + " after " + listed.attempts() + " attempts");
    RetryProbe subclass = new RetryProbe(ticker, attempt -> new FileNotFoundException("attempt " + attempt));
    Outcome<Object> ignored = runSync(newRetry(spec().maxAttempts(3).ignoreExceptions(IOException.class).build()), subclass, "RETRY-2.2");
    expect(ignored.failure() == subclass.thrown(1) && subclass.attempts() == 1, "RETRY-2.2",
        "a subclass of an ignored class thrown after 1 attempt", ignored + " after " + subclass.attempts() + " attempts");
  }

  @Test
  @DisplayName("RETRY-2.3 with a retry list, an exception outside it is thrown unchanged after one attempt, and a subclass of a listed class is retried")
  void retriesOnlyTheRetryList() {
    RetryProbe outside = new RetryProbe(ticker, attempt -> new IllegalArgumentException("attempt " + attempt));
    Outcome<Object> outcome = runSync(newRetry(spec().maxAttempts(3).retryExceptions(IOException.class).build()), outside, "RETRY-2.3");
    expect(outcome.failure() == outside.thrown(1) && outside.attempts() == 1, "RETRY-2.3",
        "the first attempt's exception after 1 attempt", outcome + " after " + outside.attempts() + " attempts");
    RetryProbe subclass = new RetryProbe(ticker, attempt -> attempt == 1 ? new FileNotFoundException() : "found");
    Outcome<Object> retried = runSync(newRetry(spec().maxAttempts(3).retryExceptions(IOException.class).build()), subclass, "RETRY-2.3");
    expect("found".equals(retried.value()) && subclass.attempts() == 2, "RETRY-2.3",
        "a FileNotFoundException retried once, then \"found\"", retried + " after " + subclass.attempts() + " attempts");
  }

  // ---- 3. Results ----

  @Test
  @DisplayName("RETRY-3.1 a result matching retryOnResult is retried and the first other result is returned")
  void retriesOnResult() {
    RetryProbe probe = new RetryProbe(ticker, attempt -> attempt < 3 ? "again" : "done");
    Outcome<Object> outcome = runSync(newRetry(spec().maxAttempts(5).retryOnResult("again"::equals).build()), probe, "RETRY-3.1");
    expect("done".equals(outcome.value()) && probe.attempts() == 3, "RETRY-3.1",
        "\"done\" after 3 attempts", outcome + " after " + probe.attempts() + " attempts");
  }

  @Test
  @DisplayName("RETRY-3.2 when attempts run out on retried results, the last result is returned, not an exception")
  void returnsTheLastResult() {
    List<Object> results = new CopyOnWriteArrayList<>();
    RetryProbe probe = new RetryProbe(ticker, attempt -> {
      Object result = new Retried(attempt);
      results.add(result);
      return result;
    });
    Outcome<Object> outcome = runSync(newRetry(spec().maxAttempts(3).retryOnResult(r -> r instanceof Retried).build()), probe, "RETRY-3.2");
    expect(!outcome.failed() && results.size() == 3 && outcome.value() == results.get(2), "RETRY-3.2",
        "the third attempt's own result", outcome + " after " + probe.attempts() + " attempts");
  }

  // ---- 4. Backoff ----

  @Test
  @DisplayName("RETRY-4.1 fixed backoff: each wait lasts exactly the delay")
  void fixedBackoffWaitsTheDelay() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    Backoff backoff = Backoff.fixed(Duration.ofMillis(250));
    measureWaits(newRetry(spec().maxAttempts(5).backoff(backoff).build()), 4, backoff, "RETRY-4.1");
  }

  @Test
  @DisplayName("RETRY-4.2 exponential backoff: wait k lasts exactly min(max, initial x multiplier^(k-1))")
  void exponentialBackoffGrows() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    Backoff backoff = Backoff.exponential(Duration.ofMillis(100), 3, Duration.ofSeconds(2));
    measureWaits(newRetry(spec().maxAttempts(7).backoff(backoff).build()), 6, backoff, "RETRY-4.2");
  }

  @Test
  @DisplayName("RETRY-4.3 full jitter: wait k lies within [0, min(cap, base x 2^(k-1))]")
  void fullJitterWithinBounds() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.JITTER);
    Backoff backoff = Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(5));
    Retry retry = newRetry(spec().maxAttempts(9).backoff(backoff).build());
    for (int call = 0; call < 3; call++) {
      measureWaits(retry, 8, backoff, "RETRY-4.3");
    }
  }

  @Test
  @DisplayName("RETRY-4.4 equal jitter: wait k lies within [e/2, e], e = min(cap, base x 2^(k-1))")
  void equalJitterWithinBounds() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.JITTER);
    Backoff backoff = Backoff.equalJitter(Duration.ofMillis(100), Duration.ofSeconds(5));
    Retry retry = newRetry(spec().maxAttempts(9).backoff(backoff).build());
    for (int call = 0; call < 3; call++) {
      measureWaits(retry, 8, backoff, "RETRY-4.4");
    }
  }

  @Test
  @DisplayName("RETRY-4.5 decorrelated jitter: each wait lies within [base, min(cap, 3 x the previous wait)], the first within [base, 3 x base]")
  void decorrelatedJitterWithinBounds() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.JITTER);
    Backoff backoff = Backoff.decorrelatedJitter(Duration.ofMillis(100), Duration.ofSeconds(5));
    Retry retry = newRetry(spec().maxAttempts(9).backoff(backoff).build());
    for (int call = 0; call < 3; call++) {
      measureWaits(retry, 8, backoff, "RETRY-4.5");
    }
  }

  @Test
  @DisplayName("RETRY-4.6 jitter varies: the first waits of ten calls under full jitter are not all equal")
  void jitterVaries() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.JITTER);
    Backoff backoff = Backoff.fullJitter(Duration.ofSeconds(1), Duration.ofSeconds(10));
    Retry retry = newRetry(spec().maxAttempts(2).backoff(backoff).build());
    List<Long> waits = new ArrayList<>();
    for (int call = 0; call < 10; call++) {
      waits.addAll(measureWaits(retry, 1, backoff, "RETRY-4.6"));
    }
    expect(new HashSet<>(waits).size() > 1, "RETRY-4.6", "waits that differ", "ten waits of " + waits.get(0) + " ns");
  }

  @Test
  @DisplayName("RETRY-4.7 late retries (up to the 69th) keep exponential waits at the cap: no overflow")
  void noOverflowForLateRetries() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    Backoff backoff = Backoff.exponential(Duration.ofMillis(1), 2, Duration.ofHours(1));
    measureWaits(newRetry(spec().maxAttempts(70).backoff(backoff).build()), 69, backoff, "RETRY-4.7");
  }

  // ---- 5. Deadline ----

  @Test
  @DisplayName("RETRY-5.1 under a caller's deadline no wait starts that would end after it; the call ends at once with DeadlineExceededException")
  void noWaitPastTheCallersDeadline() throws Exception {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.DEADLINE);
    Retry retry = newRetry(spec().maxAttempts(10).backoff(Backoff.fixed(Duration.ofMillis(100))).build());
    Deadline deadline = Deadline.after(Duration.ofMillis(250), ticker);
    checkDeadline(retry, deadline::call, 250_000_000L, "RETRY-5.1");
  }

  @Test
  @DisplayName("RETRY-5.2 under a deadline that has already passed no attempt is made and the call fails with DeadlineExceededException")
  void noAttemptAfterTheDeadline() throws Exception {
    requireFeature(RetryFeature.DEADLINE);
    Retry retry = newRetry(spec().maxAttempts(3).build());
    Deadline deadline = Deadline.after(Duration.ofMillis(1), ticker);
    ticker.advance(Duration.ofMillis(1));
    RetryProbe probe = new RetryProbe(ticker, attempt -> "started");
    Outcome<Object> outcome = awaitOutcome(callers.submit(() -> deadline.call(() -> retry.call(probe))), "RETRY-5.2", "the call to fail");
    expect(probe.attempts() == 0 && deadlineExceeded(outcome.failure()), "RETRY-5.2",
        "DeadlineExceededException and no attempt", outcome + " after " + probe.attempts() + " attempts");
  }

  @Test
  @DisplayName("RETRY-5.3 maxDuration limits a call as a caller's deadline does")
  void maxDurationLimitsTheCall() throws Exception {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.MAX_DURATION);
    Retry retry = newRetry(spec().maxAttempts(10).backoff(Backoff.fixed(Duration.ofMillis(100)))
        .maxDuration(Duration.ofMillis(250)).build());
    checkDeadline(retry, Callable::call, 250_000_000L, "RETRY-5.3");
  }

  @Test
  @DisplayName("RETRY-5.4 each attempt runs under a current deadline no later than the caller's")
  void attemptsRunUnderTheDeadline() throws Exception {
    requireFeature(RetryFeature.DEADLINE);
    Retry retry = newRetry(spec().maxAttempts(2).build());
    Deadline deadline = Deadline.after(Duration.ofSeconds(30), ticker);
    AtomicReference<Optional<Deadline>> seen = new AtomicReference<>();
    RetryProbe probe = new RetryProbe(ticker, attempt -> {
      seen.set(Deadline.current());
      return "ok";
    });
    awaitOutcome(callers.submit(() -> deadline.call(() -> retry.call(probe))), "RETRY-5.4", "the call to return");
    Optional<Deadline> current = seen.get();
    expect(current != null && current.isPresent() && current.get().remainingNanos() <= deadline.remainingNanos(),
        "RETRY-5.4", "a current deadline at most " + deadline.remaining() + " away", current);
  }

  // ---- 6. Budget ----

  @Test
  @DisplayName("RETRY-6.1 the budget caps retries at ratio x requests + floor: 40 failing calls at ratio 0.5 and 1/s over 10 s retry 10 to 30 times")
  void theBudgetCapsRetries() {
    requireFeature(RetryFeature.BUDGET);
    Retry retry = newRetry(spec().maxAttempts(3).backoff(Backoff.fixed(Duration.ZERO))
        .budget(0.5, 1, Duration.ofSeconds(10)).build());
    int retries = 0;
    for (int call = 0; call < 40; call++) {
      RetryProbe probe = new RetryProbe(ticker, attempt -> new IOException("attempt " + attempt));
      runSync(retry, probe, "RETRY-6.1");
      retries += probe.attempts() - 1;
    }
    expect(retries >= 10 && retries <= 30, "RETRY-6.1", "between 10 (the floor) and 30 (0.5 x 40 + 10) retries", retries + " retries");
  }

  @Test
  @DisplayName("RETRY-6.2 a retry the budget denies ends the call at once with the last failure unchanged")
  void aDeniedRetryEndsTheCall() {
    requireFeature(RetryFeature.BUDGET);
    Retry retry = newRetry(spec().maxAttempts(3).budget(0, 0, Duration.ofSeconds(10)).build());
    RetryProbe probe = new RetryProbe(ticker, attempt -> new IOException("attempt " + attempt));
    Outcome<Object> outcome = runSync(retry, probe, "RETRY-6.2");
    expect(outcome.failure() == probe.thrown(1) && probe.attempts() == 1, "RETRY-6.2",
        "the first attempt's own exception after 1 attempt", outcome + " after " + probe.attempts() + " attempts");
  }

  @Test
  @DisplayName("RETRY-6.3 retries the budget denied are granted again once ttl has passed")
  void theBudgetRefills() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.BUDGET);
    Retry retry = newRetry(spec().maxAttempts(20).backoff(Backoff.fixed(Duration.ZERO))
        .budget(0, 1, Duration.ofSeconds(10)).build());
    int[] attempts = new int[3];
    for (int call = 0; call < 3; call++) {
      if (call == 2) {
        ticker.advance(Duration.ofSeconds(10));
      }
      RetryProbe probe = new RetryProbe(ticker, attempt -> new IOException("attempt " + attempt));
      runSync(retry, probe, "RETRY-6.3");
      attempts[call] = probe.attempts();
    }
    expect(attempts[0] == 11 && attempts[1] == 1 && attempts[2] == 11, "RETRY-6.3",
        "11 attempts (10 retries), then 1 (budget spent), then 11 again after ttl",
        java.util.Arrays.toString(attempts));
  }

  // ---- 7. Interruption ----

  @Test
  @DisplayName("RETRY-7.1 interrupting the caller during a wait ends the call with InterruptedException or the interrupt status set, and no further attempt starts")
  void interruptionEndsTheWait() throws Exception {
    Duration delay = declares(RetryFeature.MANUAL_TICKER) ? MANUAL_DELAY : REAL_LONG_DELAY;
    Retry retry = newRetry(spec().maxAttempts(3).backoff(Backoff.fixed(delay)).build());
    RetryProbe probe = new RetryProbe(ticker, attempt -> new IOException("attempt " + attempt));
    AtomicReference<Thread> caller = new AtomicReference<>();
    AtomicBoolean interruptedAfter = new AtomicBoolean();
    Future<Object> call = callers.submit(() -> {
      caller.set(Thread.currentThread());
      try {
        return retry.call(probe);
      } finally {
        interruptedAfter.set(Thread.interrupted());
      }
    });
    if (declares(RetryFeature.MANUAL_TICKER)) {
      expect(pollScheduled() != null, "RETRY-7.1", "a wait after the first attempt", "none was scheduled");
    } else {
      awaitAttempts(probe, 1, "RETRY-7.1");
    }
    caller.get().interrupt();
    Outcome<Object> outcome = awaitOutcome(call, "RETRY-7.1", "the call to end when interrupted");
    if (declares(RetryFeature.MANUAL_TICKER)) {
      ticker.advance(delay.multipliedBy(3));
    }
    boolean signalled = outcome.failure() instanceof InterruptedException || interruptedAfter.get();
    expect(signalled && probe.attempts() == 1, "RETRY-7.1",
        "InterruptedException or the interrupt status set, after 1 attempt",
        outcome + ", interrupt status " + interruptedAfter.get() + ", " + probe.attempts() + " attempts");
  }

  // ---- 8. Bad input ----

  @Test
  @DisplayName("RETRY-8.1 a null task is rejected with NullPointerException (and by callAsync, if ASYNC is declared)")
  void rejectsANullTask() {
    Retry retry = newRetry(spec().build());
    Outcome<Object> outcome = awaitOutcome(callers.submit(() -> retry.call(null)), "RETRY-8.1", "NullPointerException");
    expect(outcome.failure() instanceof NullPointerException, "RETRY-8.1", "NullPointerException", outcome);
    if (declares(RetryFeature.ASYNC)) {
      Throwable thrown = null;
      try {
        retry.callAsync(null);
      } catch (RuntimeException e) {
        thrown = e;
      }
      expect(thrown instanceof NullPointerException, "RETRY-8.1", "NullPointerException from callAsync", thrown);
    }
  }

  @Test
  @DisplayName("RETRY-8.2 maxAttempts below 1 is rejected with IllegalArgumentException when the retry is built")
  void rejectsMaxAttemptsBelowOne() {
    for (int maxAttempts : new int[] {0, -1}) {
      Throwable thrown = null;
      try {
        newRetry(spec().maxAttempts(maxAttempts).build());
      } catch (RuntimeException e) {
        thrown = e;
      }
      expect(thrown instanceof IllegalArgumentException, "RETRY-8.2",
          "IllegalArgumentException for maxAttempts " + maxAttempts, thrown == null ? "a retry was built" : thrown);
    }
  }

  // ---- 9. Asynchronous calls ----

  @Test
  @DisplayName("RETRY-9.1 callAsync retries a failed stage and completes with the value of the first success")
  void asyncRetriesUntilSuccess() {
    requireFeature(RetryFeature.ASYNC);
    Object token = new Object();
    RetryProbe probe = new RetryProbe(ticker, attempt -> attempt < 3 ? new IOException("attempt " + attempt) : token);
    Outcome<Object> outcome = runAsync(newRetry(spec().maxAttempts(5).build()), probe, "RETRY-9.1");
    expect(outcome.value() == token && probe.attempts() == 3, "RETRY-9.1", "the third attempt's value after 3 attempts",
        outcome + " after " + probe.attempts() + " attempts");
  }

  @Test
  @DisplayName("RETRY-9.2 when attempts run out, callAsync completes with the last attempt's exception unchanged")
  void asyncThrowsTheLastFailure() {
    requireFeature(RetryFeature.ASYNC);
    RetryProbe probe = new RetryProbe(ticker, attempt -> new IOException("attempt " + attempt));
    Outcome<Object> outcome = runAsync(newRetry(spec().maxAttempts(3).build()), probe, "RETRY-9.2");
    expect(outcome.failure() == probe.thrown(3) && probe.attempts() == 3, "RETRY-9.2",
        "the third attempt's own " + probe.thrown(3), outcome + " after " + probe.attempts() + " attempts");
  }

  @Test
  @DisplayName("RETRY-9.3 callAsync returns before its first wait ends, and the next attempt starts only when the wait has passed")
  void asyncDoesNotBlock() {
    requireFeature(RetryFeature.ASYNC);
    requireFeature(RetryFeature.MANUAL_TICKER);
    Retry retry = newRetry(spec().maxAttempts(2).backoff(Backoff.fixed(MANUAL_DELAY)).build());
    RetryProbe probe = new RetryProbe(ticker, attempt -> attempt == 1 ? new IOException("attempt 1") : "done");
    Outcome<CompletableFuture<Object>> started = awaitOutcome(callers.submit(() -> retry.callAsync(probe.async())),
        "RETRY-9.3", "callAsync to return while the call waits");
    CompletableFuture<Object> result = started.value();
    expect(result != null && !result.isDone() && probe.attempts() == 1, "RETRY-9.3",
        "a pending future after 1 attempt", started + " after " + probe.attempts() + " attempts");
    ticker.advance(MANUAL_DELAY.minusNanos(1));
    expect(probe.attempts() == 1, "RETRY-9.3", "no second attempt 1 ns before the wait ends", probe.attempts() + " attempts");
    ticker.advance(Duration.ofNanos(1));
    Outcome<Object> outcome = awaitOutcome(result, "RETRY-9.3", "the second attempt's value");
    expect("done".equals(outcome.value()), "RETRY-9.3", "\"done\"", outcome);
  }

  // ---- 10. Concurrency ----

  @Test
  @DisplayName("RETRY-10.1 concurrent calls on one retry each make their own attempts: 8 calls in lockstep, each failing twice, all succeed on their third attempt")
  void concurrentCallsAreIndependent() {
    int calls = 8;
    Retry retry = newRetry(spec().maxAttempts(3).build());
    // Every attempt of every call meets the others at the barrier, so the calls interleave on each
    // attempt. The timeout only lets a call that is one short move on; it never decides the rule.
    CyclicBarrier lockstep = new CyclicBarrier(calls);
    List<RetryProbe> probes = new ArrayList<>();
    List<Future<Object>> results = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      String value = "call " + i;
      RetryProbe probe = new RetryProbe(ticker, attempt -> {
        try {
          lockstep.await(LOCKSTEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception outOfStep) {
          // a call fewer or more: carry on without the others
        }
        return attempt < 3 ? new IOException("attempt " + attempt) : value;
      });
      probes.add(probe);
      results.add(callers.submit(() -> retry.call(probe)));
    }
    for (int i = 0; i < calls; i++) {
      Outcome<Object> outcome = drive(results.get(i), "RETRY-10.1");
      expect(("call " + i).equals(outcome.value()) && probes.get(i).attempts() == 3, "RETRY-10.1",
          "call " + i + " to return \"call " + i + "\" after 3 attempts", outcome + " after " + probes.get(i).attempts() + " attempts");
    }
  }

  // ---- 11. Sequence ends, exact waits, every variant (RetrySequenceRules) ----

  @Test
  @DisplayName("RETRY-1.4 no wait follows the last attempt: a call that fails 3 of 3 attempts waits exactly twice (call, and callAsync if ASYNC)")
  void noWaitAfterTheLastAttempt() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    new RetrySequenceRules(this).noWaitAfterTheLastAttempt();
  }

  @Test
  @DisplayName("RETRY-4.8 sub-millisecond waits are exact: fixed 250.250 us and exponential from 1.500250 ms, to the nanosecond")
  void subMillisecondWaitsAreExact() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    Backoff fixed = Backoff.fixed(Duration.ofNanos(250_250));
    measureWaits(newRetry(spec().maxAttempts(5).backoff(fixed).build()), 4, fixed, "RETRY-4.8");
    Backoff exponential = Backoff.exponential(Duration.ofNanos(1_500_250), 2, Duration.ofMillis(10));
    measureWaits(newRetry(spec().maxAttempts(6).backoff(exponential).build()), 5, exponential, "RETRY-4.8");
  }

  @Test
  @DisplayName("RETRY-4.9 jittered waits evolve: equal jitter varies from call to call, and decorrelated jitter grows past 3 x base within a call")
  void jitterEvolves() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.JITTER);
    Backoff equal = Backoff.equalJitter(Duration.ofSeconds(1), Duration.ofSeconds(10));
    Retry retry = newRetry(spec().maxAttempts(2).backoff(equal).build());
    List<Long> firsts = new ArrayList<>();
    for (int call = 0; call < 10; call++) {
      firsts.addAll(measureWaits(retry, 1, equal, "RETRY-4.9"));
    }
    expect(new HashSet<>(firsts).size() > 1, "RETRY-4.9", "equal-jitter waits that differ", "ten waits of " + firsts.get(0) + " ns");
    Backoff decorrelated = Backoff.decorrelatedJitter(Duration.ofMillis(100), Duration.ofSeconds(100));
    Retry growing = newRetry(spec().maxAttempts(9).backoff(decorrelated).build());
    List<Long> waits = new ArrayList<>();
    for (int call = 0; call < 3; call++) {
      waits.addAll(measureWaits(growing, 8, decorrelated, "RETRY-4.9"));
    }
    long threeBases = 3 * decorrelated.base().toNanos();
    expect(waits.stream().anyMatch(wait -> wait > threeBases), "RETRY-4.9",
        "some decorrelated wait above 3 x base (each drawn up to 3 x the previous wait)", "24 waits all within 3 x base: " + waits);
  }

  @Test
  @DisplayName("RETRY-7.2 a caller interrupted during a wait gets InterruptedException with its interrupt status restored and the last failure suppressed")
  void interruptionIsReportedExactly() {
    new RetrySequenceRules(this).interruptionIsReportedExactly();
  }

  @Test
  @DisplayName("RETRY-9.4 a callAsync task that throws instead of returning a stage makes a failed attempt: retried, and its exception is the result's when attempts run out")
  void asyncSupplierThatThrowsIsAFailedAttempt() {
    requireFeature(RetryFeature.ASYNC);
    new RetrySequenceRules(this).asyncSupplierThatThrowsIsAFailedAttempt();
  }

  @Test
  @DisplayName("RETRY-11.1 metrics count each call once, exactly, by how it ended: values, retried results, ignored exceptions, errors and exhausted retries (call, and callAsync if ASYNC)")
  void metricsAreExact() {
    requireFeature(RetryFeature.METRICS);
    new RetrySequenceRules(this).metricsAreExact();
  }

  // ---- 12. Edges (RetryEdgeRules) ----

  @Test
  @DisplayName("RETRY-3.3 a retried result waits the backoff of its retry number as a failure does (exponential 1, 2, 4 s), and a zero backoff retries it at once (call, and callAsync if ASYNC)")
  void retriedResultsWaitLikeFailures() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    new RetryEdgeRules(this).retriedResultsWaitLikeFailures();
  }

  @Test
  @DisplayName("RETRY-4.10 exponential backoff at its edges: a multiplier of exactly 1 waits the initial delay every time, a cap equal to the initial delay is accepted and waited exactly, and a wait 1 ns below a cap beyond 2^53 ns is not rounded up to it")
  void exponentialBackoffAtItsEdges() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    new RetryEdgeRules(this).exponentialBackoffAtItsEdges();
  }

  @Test
  @DisplayName("RETRY-4.11 jitter ranges are inclusive and both ends are drawn: first waits of full (base 2 ns), equal (2 ns) and decorrelated (1 ns) jitter reach both ends within 60 calls")
  void jitterReachesBothEnds() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.JITTER);
    new RetryEdgeRules(this).jitterReachesBothEnds();
  }

  @Test
  @DisplayName("RETRY-5.5 the deadline at its edges: no wait that would end exactly at it, a wait 1 ns shorter taken, DeadlineExceededException caused by the last failure with exact limit and elapsed, and a deadline passing during a wait starts no attempt")
  void deadlineAtItsEdges() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.DEADLINE);
    new RetryEdgeRules(this).deadlineAtItsEdges();
  }

  @Test
  @DisplayName("RETRY-6.4 the budget counts exactly: 50 requests at ratio 0.2 grant 10 retries, not 11; requests and retries count for ttl and not 1 ns longer; the floor alone grants minRetriesPerSecond x ttl; ratio 10 and ttls of 1 s and 1 h work")
  void theBudgetCountsExactly() {
    requireFeature(RetryFeature.MANUAL_TICKER);
    requireFeature(RetryFeature.BUDGET);
    new RetryEdgeRules(this).theBudgetCountsExactly();
  }

  @Test
  @DisplayName("RETRY-9.5 cancelling callAsync's future cancels its pending wait, or its attempt's stage, and starts no further attempt; cancel() is false once the call has completed")
  void cancellingCallAsyncStopsIt() {
    requireFeature(RetryFeature.ASYNC);
    requireFeature(RetryFeature.MANUAL_TICKER);
    new RetryEdgeRules(this).cancellingCallAsyncStopsIt();
  }

  @Test
  @DisplayName("RETRY-11.2 metrics count the ends 11.1 leaves out, each once: a call interrupted in its wait, retries the budget denies (BUDGET), calls the deadline ends (DEADLINE)")
  void metricsCountEveryEnd() {
    requireFeature(RetryFeature.METRICS);
    new RetryEdgeRules(this).metricsCountEveryEnd();
  }

  @Test
  @DisplayName("RETRY-9.6 callAsync judges a failed stage by the task's own exception: unwrapped from the CompletionException a dependent stage reports, never past a cause of its own")
  void asyncJudgesTheTasksOwnException() {
    requireFeature(RetryFeature.ASYNC);
    new RetryEdgeRules(this).asyncJudgesTheTasksOwnException();
  }

  @Test
  @DisplayName("RETRY-8.3 config() reports the maxAttempts and the backoff the retry was built with")
  void configReportsTheSpec() {
    new RetryEdgeRules(this).configReportsTheSpec();
  }

  @Test
  @DisplayName("RETRY-12.1 the listener hears each retry (attempt, delay, failure or result), the success (attempts) or the give-up (attempts, reason, last failure), once each, in order")
  void listenerHearsEachStep() {
    requireFeature(RetryFeature.EVENTS);
    new RetryEdgeRules(this).listenerHearsEachStep();
  }

  // ---- bridges for RetrySequenceRules and RetryEdgeRules ----

  Retry build(RetrySpec.Builder spec) {
    return newRetry(spec.build());
  }

  RetrySpec.Builder baseSpec() {
    return spec();
  }

  Duration guard() {
    return hangGuard();
  }

  ManualTicker kitTicker() {
    return ticker;
  }

  boolean has(RetryFeature feature) {
    return declares(feature);
  }

  Outcome<Object> sync(Retry retry, RetryProbe probe, String ruleId) {
    return runSync(retry, probe, ruleId);
  }

  Outcome<Object> async(Retry retry, java.util.function.Supplier<? extends java.util.concurrent.CompletionStage<Object>> task,
      String ruleId) {
    return drive(startAsync(retry, task, ruleId), ruleId);
  }

  /** Calls {@code retry.callAsync(task)} on a caller thread and returns its future, still running. */
  CompletableFuture<Object> startAsync(Retry retry,
      java.util.function.Supplier<? extends java.util.concurrent.CompletionStage<Object>> task, String ruleId) {
    return startAsync(() -> retry.callAsync(task), ruleId);
  }

  /** Runs {@code start} (a callAsync, perhaps under a deadline) on a caller thread and returns the future it returns. */
  CompletableFuture<Object> startAsync(Callable<CompletableFuture<Object>> start, String ruleId) {
    Outcome<CompletableFuture<Object>> started = awaitOutcome(callers.submit(start), ruleId, "callAsync to return");
    expect(started.value() != null, ruleId, "a future from callAsync (nothing thrown)", started);
    return started.value();
  }

  List<Long> measure(Retry retry, int waits, Backoff backoff, String ruleId) {
    return measureWaits(retry, waits, backoff, ruleId);
  }

  <T> Future<T> submit(Callable<T> call) {
    return callers.submit(call);
  }

  <T> Outcome<T> outcome(Future<T> future, String ruleId, String waitingFor) {
    return awaitOutcome(future, ruleId, waitingFor);
  }

  Long nextWait() {
    return pollScheduled();
  }

  int waitsSeen() {
    return waitsSeen.get();
  }

  void check(boolean holds, String ruleId, Object expected, Object seen) {
    expect(holds, ruleId, expected, seen);
  }

  <T> Outcome<T> driven(Future<T> call, String ruleId) {
    return drive(call, ruleId);
  }

  // ---- the kit's machinery ----

  @Override
  protected Object sampleImplementation() {
    return newRetry(spec().maxAttempts(3).build());
  }

  /** A spec with the kit's ticker, scheduler and a seeded random, and a delay that suits how time passes. */
  private RetrySpec.Builder spec() {
    Duration delay = declares(RetryFeature.MANUAL_TICKER) ? MANUAL_DELAY : REAL_DELAY;
    return RetrySpec.builder(ticker, recordingScheduler, new Random(SEED)).backoff(Backoff.fixed(delay));
  }

  /** Runs {@code retry.call(probe)} on a caller thread, letting each scheduled wait pass, and returns its outcome. */
  private Outcome<Object> runSync(Retry retry, RetryProbe probe, String ruleId) {
    return drive(callers.submit(() -> retry.call(probe)), ruleId);
  }

  private Outcome<Object> runAsync(Retry retry, RetryProbe probe, String ruleId) {
    Outcome<CompletableFuture<Object>> started = awaitOutcome(callers.submit(() -> retry.callAsync(probe.async())),
        ruleId, "callAsync to return");
    expect(started.value() != null, ruleId, "a future from callAsync", started);
    return drive(started.value(), ruleId);
  }

  /** Lets every wait the retry schedules pass on the kit's ticker until {@code call} ends. */
  private <T> Outcome<T> drive(Future<T> call, String ruleId) {
    if (declares(RetryFeature.MANUAL_TICKER)) {
      long giveUp = System.nanoTime() + hangGuard().toNanos();
      while (!call.isDone() && System.nanoTime() - giveUp < 0) {
        Long delay = pollScheduled(5);
        if (delay != null) {
          ticker.advance(delay, TimeUnit.NANOSECONDS);
        }
      }
    }
    return awaitOutcome(call, ruleId, "the call to end");
  }

  private Long pollScheduled() {
    return pollScheduled(hangGuard().toMillis());
  }

  private Long pollScheduled(long millis) {
    try {
      return scheduled.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the kit was interrupted while waiting", e);
    }
  }

  /**
   * Makes one call that fails {@code waits + 1} times and checks each of its {@code waits} waits on
   * the ticker: within the bounds the kit computes for {@code backoff}, not over 1 ns before its end,
   * over at its end. Returns the waits.
   */
  private List<Long> measureWaits(Retry retry, int waits, Backoff backoff, String ruleId) {
    RetryProbe probe = new RetryProbe(ticker, attempt -> new IOException("attempt " + attempt));
    Future<Object> call = callers.submit(() -> retry.call(probe));
    List<Long> measured = stepThroughWaits(probe, call, waits, backoff, ruleId);
    Outcome<Object> outcome = drive(call, ruleId);
    expect(outcome.failed() && probe.attempts() == waits + 1, ruleId, "a failure after " + (waits + 1) + " attempts",
        outcome + " after " + probe.attempts() + " attempts");
    return measured;
  }

  /**
   * Lets the first {@code waits} waits of {@code call} (whose attempts {@code probe} records) pass on
   * the ticker, checking each: within the bounds the kit computes for {@code backoff}, no next attempt
   * 1 ns before its end, the next attempt at its end. Returns the waits; the call goes on.
   */
  List<Long> stepThroughWaits(RetryProbe probe, Future<?> call, int waits, Backoff backoff, String ruleId) {
    List<Long> measured = new ArrayList<>();
    long previous = 0;
    for (int k = 1; k <= waits; k++) {
      awaitAttempts(probe, k, ruleId);
      long start = probe.starts.get(k - 1);
      long low = BackoffBounds.lower(backoff, k, previous);
      long high = BackoffBounds.upper(backoff, k, previous);
      String bounds = "a wait before retry " + k + " within [" + low + ", " + high + "] ns";
      Long delay = awaitWaitOrAttempt(probe, k, call, ruleId);
      if (delay == null) {
        long waited = probe.starts.get(k) - start;
        expect(waited >= low && waited <= high, ruleId, bounds, "the next attempt after " + waited + " ns, with no wait scheduled");
        measured.add(waited);
        previous = waited;
        continue;
      }
      expect(delay >= low && delay <= high, ruleId, bounds, "a wait of " + delay + " ns");
      if (delay > 0) {
        ticker.advance(delay - 1, TimeUnit.NANOSECONDS);
        expect(ticker.pendingTasks() > 0 && probe.attempts() == k, ruleId,
            "retry " + k + " still waiting 1 ns before its " + delay + " ns wait ends",
            ticker.pendingTasks() + " tasks pending and " + probe.attempts() + " attempts made");
      }
      ticker.advance(delay == 0 ? 0 : 1, TimeUnit.NANOSECONDS);
      awaitAttempts(probe, k + 1, ruleId);
      long waited = probe.starts.get(k) - start;
      expect(waited == delay, ruleId, "attempt " + (k + 1) + " " + delay + " ns after attempt " + k, "after " + waited + " ns");
      measured.add(waited);
      previous = waited;
    }
    return measured;
  }

  /** Waits until the retry schedules a wait (returned) or starts attempt k + 1 without one (null). */
  private Long awaitWaitOrAttempt(RetryProbe probe, int k, Future<?> call, String ruleId) {
    long giveUp = System.nanoTime() + hangGuard().toNanos();
    while (System.nanoTime() - giveUp < 0) {
      Long delay = pollScheduled(2);
      if (probe.attempts() > k) {
        if (delay != null) {
          scheduled.addFirst(delay); // scheduled after attempt k + 1, which started without waiting
        }
        return null;
      }
      if (delay != null) {
        return delay;
      }
      if (call.isDone()) {
        throw violation(ruleId, "attempt " + (k + 1) + " after a wait", "the call ended after " + probe.attempts()
            + " attempts: " + awaitOutcome(call, ruleId, "the outcome"));
      }
    }
    throw violation(ruleId, "a wait or attempt " + (k + 1), "nothing after " + hangGuard().toSeconds() + "s");
  }

  /** Checks a call against a deadline {@code deadlineNanos} away: attempts every 100 ms, the last at 200 ms. */
  private void checkDeadline(Retry retry, DeadlineScope scope, long deadlineNanos, String ruleId) throws Exception {
    RetryProbe probe = new RetryProbe(ticker, attempt -> new IOException("attempt " + attempt));
    Future<Object> call = callers.submit(() -> scope.call(() -> retry.call(probe)));
    long giveUp = System.nanoTime() + hangGuard().toNanos();
    while (!call.isDone() && System.nanoTime() - giveUp < 0) {
      Long delay = pollScheduled(5);
      if (delay != null) {
        long end = ticker.read() + delay;
        expect(end <= deadlineNanos, ruleId, "no wait ending after the deadline at " + deadlineNanos + " ns",
            "a wait of " + delay + " ns at " + ticker.read() + " ns, after " + probe.attempts() + " attempts");
        ticker.advance(delay, TimeUnit.NANOSECONDS);
      }
    }
    Outcome<Object> outcome = awaitOutcome(call, ruleId, "the call to end at the deadline");
    for (long start : probe.starts) {
      expect(start < deadlineNanos, ruleId, "no attempt at or after the deadline", "an attempt at " + start + " ns");
    }
    expect(probe.attempts() == 3, ruleId, "attempts at 0, 100 and 200 ms", probe.starts + " ns");
    expect(deadlineExceeded(outcome.failure()), ruleId,
        "DeadlineExceededException (thrown, or suppressed by the last failure)", outcome);
  }

  private static boolean deadlineExceeded(Throwable failure) {
    if (failure instanceof DeadlineExceededException) {
      return true;
    }
    if (failure != null) {
      for (Throwable suppressed : failure.getSuppressed()) {
        if (suppressed instanceof DeadlineExceededException) {
          return true;
        }
      }
    }
    return false;
  }

  /** Waits until {@code probe} has started {@code count} attempts; a hang fails {@code ruleId}. */
  private void awaitAttempts(RetryProbe probe, int count, String ruleId) {
    if (!probe.awaitAttempts(count, hangGuard())) {
      throw violation(ruleId, "attempt " + count + " to start", "only " + probe.attempts() + " after "
          + hangGuard().toSeconds() + "s");
    }
  }

  /** Runs a call under a deadline, or directly. */
  @FunctionalInterface
  private interface DeadlineScope {
    Object call(Callable<Object> call) throws Exception;
  }

  /** A result the kit asks to retry. */
  private static final class Retried {
    final int attempt;

    Retried(int attempt) {
      this.attempt = attempt;
    }

    @Override
    public String toString() {
      return "Retried[attempt " + attempt + "]";
    }
  }
}
