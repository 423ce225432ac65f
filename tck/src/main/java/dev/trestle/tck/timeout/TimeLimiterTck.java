package dev.trestle.tck.timeout;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.Ticker;
import dev.trestle.core.timeout.TimeLimiter;
import dev.trestle.tck.ConformanceKit;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link TimeLimiter}: the rules {@code TIMEOUT-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, return a fresh limiter built to the {@link TimeLimiterSpec}
 * from {@link #newTimeLimiter}, and declare your capabilities in {@link #features()}:
 *
 * <pre>{@code
 * class MyTimeLimiterConformanceTest extends TimeLimiterTck {
 *   protected TimeLimiter newTimeLimiter(TimeLimiterSpec spec) {
 *     return MyLimiters.limiter(spec.timeout(), spec.interruptOnTimeout(), spec.ticker());
 *   }
 *   protected Set<TimeLimiterFeature> features() { return EnumSet.allOf(TimeLimiterFeature.class); }
 * }
 * }</pre>
 *
 * <p>A limiter that declares {@link TimeLimiterFeature#MANUAL_TICKER} is checked on the kit's
 * ticker, exactly; one that does not is checked with short real timeouts, on outcomes only. Each
 * test creates its own limiter; the kit's threads are released after every test.
 */
public abstract class TimeLimiterTck extends ConformanceKit<TimeLimiterFeature> {

  private static final Duration MANUAL_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration REAL_SHORT = Duration.ofMillis(100);
  private static final Duration REAL_LONG = Duration.ofMinutes(1);
  private static final Duration PRECISE_TIMEOUT = Duration.ofNanos(1_500_250); // 1.5 ms and 250 ns: truncation shows
  private static final int LEAK_CALLS = 100;
  private static final int LEAK_ALLOWANCE = 16;

  private ManualTicker ticker;
  private ExecutorService callers;
  private final List<CountDownLatch> toRelease = new CopyOnWriteArrayList<>();

  /** Returns a new limiter built to {@code spec}. */
  protected abstract TimeLimiter newTimeLimiter(TimeLimiterSpec spec);

  @BeforeEach
  void startKit() {
    ticker = new ManualTicker();
    callers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "tck-caller");
      thread.setDaemon(true);
      return thread;
    });
  }

  @AfterEach
  void stopKit() {
    toRelease.forEach(CountDownLatch::countDown);
    if (callers != null) { // null when a skipped rule stopped the kit before startKit
      callers.shutdownNow();
    }
  }

  // ---- 1. Calls that finish in time ----

  @Test
  @DisplayName("TIMEOUT-1.1 a task that finishes in time returns its value unchanged, null included")
  void returnsTheValue() {
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    Object token = new Object();
    Outcome<Object> outcome = awaitOutcome(callers.submit(() -> limiter.call(() -> token)), "TIMEOUT-1.1", "the value");
    expect(!outcome.failed() && outcome.value() == token, "TIMEOUT-1.1", "the task's own value " + token, outcome);
    Outcome<Object> nothing = awaitOutcome(callers.submit(() -> limiter.call(() -> null)), "TIMEOUT-1.1", "null");
    expect(!nothing.failed() && nothing.value() == null, "TIMEOUT-1.1", "null", nothing);
  }

  @Test
  @DisplayName("TIMEOUT-1.2 a task's checked exception reaches the caller unchanged, not wrapped")
  void propagatesCheckedExceptions() {
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    IOException own = new IOException("the task's own failure");
    Outcome<Object> outcome = awaitOutcome(callers.submit(() -> limiter.call(() -> { throw own; })), "TIMEOUT-1.2", "the task's exception");
    expect(outcome.failure() == own, "TIMEOUT-1.2", "the same " + own, outcome);
  }

  @Test
  @DisplayName("TIMEOUT-1.3 a task's unchecked exception or error reaches the caller unchanged")
  void propagatesUncheckedExceptions() {
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    IllegalStateException own = new IllegalStateException("the task's own failure");
    Outcome<Object> outcome = awaitOutcome(callers.submit(() -> limiter.call(() -> { throw own; })), "TIMEOUT-1.3", "the task's exception");
    expect(outcome.failure() == own, "TIMEOUT-1.3", "the same " + own, outcome);
    AssertionError error = new AssertionError("the task's own error");
    Outcome<Object> errored = awaitOutcome(callers.submit(() -> limiter.call(() -> { throw error; })), "TIMEOUT-1.3", "the task's error");
    expect(errored.failure() == error, "TIMEOUT-1.3", "the same " + error, errored);
  }

  // ---- 2. Calls that run past their limit ----

  @Test
  @DisplayName("TIMEOUT-2.1 a task still running at the limit makes the call fail with DeadlineExceededException")
  void timesOut() throws Exception {
    TimeLimiterSpec spec = spec(true, true);
    TimeLimiter limiter = newTimeLimiter(spec);
    BlockingTask task = new BlockingTask(true);
    Future<String> call = startCall(limiter, task, "TIMEOUT-2.1");
    passTime(spec.timeout());
    Outcome<String> outcome = awaitOutcome(call, "TIMEOUT-2.1", "DeadlineExceededException at the limit");
    expect(outcome.failure() instanceof DeadlineExceededException, "TIMEOUT-2.1", "DeadlineExceededException", outcome);
  }

  @Test
  @DisplayName("TIMEOUT-2.2 the caller is released at the limit even when the task ignores interruption")
  void releasesTheCallerFromAStubbornTask() throws Exception {
    TimeLimiterSpec spec = spec(true, true);
    TimeLimiter limiter = newTimeLimiter(spec);
    BlockingTask task = new BlockingTask(false);
    Future<String> call = startCall(limiter, task, "TIMEOUT-2.2");
    passTime(spec.timeout());
    Outcome<String> outcome = awaitOutcome(call, "TIMEOUT-2.2", "the caller released with DeadlineExceededException while the task still runs");
    expect(outcome.failure() instanceof DeadlineExceededException, "TIMEOUT-2.2", "DeadlineExceededException", outcome);
  }

  @Test
  @DisplayName("TIMEOUT-2.3 no call fails before its limit: a task finishing 1ns before it returns its value")
  void doesNotTimeOutEarly() throws Exception {
    requireFeature(TimeLimiterFeature.MANUAL_TICKER);
    TimeLimiterSpec spec = spec(true, true);
    TimeLimiter limiter = newTimeLimiter(spec);
    BlockingTask task = new BlockingTask(true);
    Future<String> call = startCall(limiter, task, "TIMEOUT-2.3");
    ticker.advance(spec.timeout().minusNanos(1));
    task.release();
    Outcome<String> outcome = awaitOutcome(call, "TIMEOUT-2.3", "the task's value");
    expect(!outcome.failed() && BlockingTask.VALUE.equals(outcome.value()), "TIMEOUT-2.3",
        "the value \"" + BlockingTask.VALUE + "\" (the limit had not been reached)", outcome);
  }

  // ---- 3. Cancellation ----

  @Test
  @DisplayName("TIMEOUT-3.1 with interruption configured, a task still running at the limit is interrupted")
  void interruptsOnTimeout() throws Exception {
    requireFeature(TimeLimiterFeature.INTERRUPT);
    TimeLimiterSpec spec = spec(true, true);
    TimeLimiter limiter = newTimeLimiter(spec);
    BlockingTask task = new BlockingTask(true);
    Future<String> call = startCall(limiter, task, "TIMEOUT-3.1");
    passTime(spec.timeout());
    awaitOutcome(call, "TIMEOUT-3.1", "the call to end at the limit");
    boolean interrupted = task.interrupted.await(hangGuard().toMillis(), TimeUnit.MILLISECONDS);
    expect(interrupted, "TIMEOUT-3.1", "the running task interrupted",
        "no interrupt within " + hangGuard().toSeconds() + "s of the timeout (the work was not cancelled)");
  }

  @Test
  @DisplayName("TIMEOUT-3.2 without interruption configured, a task running past the limit is left to finish uninterrupted")
  void doesNotInterruptWhenNotConfigured() throws Exception {
    requireFeature(TimeLimiterFeature.NO_INTERRUPT);
    TimeLimiterSpec spec = spec(true, false);
    TimeLimiter limiter = newTimeLimiter(spec);
    BlockingTask task = new BlockingTask(false);
    Future<String> call = startCall(limiter, task, "TIMEOUT-3.2");
    passTime(spec.timeout());
    awaitOutcome(call, "TIMEOUT-3.2", "the call to end at the limit");
    task.release();
    expect(task.finished.await(hangGuard().toMillis(), TimeUnit.MILLISECONDS), "TIMEOUT-3.2",
        "the task to run to its end once released", "it did not finish");
    expect(!task.sawInterrupt.get(), "TIMEOUT-3.2", "no interrupt", "the task was interrupted");
  }

  // ---- 4. Resources ----

  @Test
  @DisplayName("TIMEOUT-4.1 calls leave no thread behind: " + LEAK_CALLS + " calls add at most " + LEAK_ALLOWANCE + " live threads")
  void leavesNoThreadBehind() {
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    for (int i = 0; i < 5; i++) {
      awaitOutcome(callers.submit(() -> limiter.call(() -> "warm-up")), "TIMEOUT-4.1", "a warm-up call");
    }
    int before = Thread.getAllStackTraces().size();
    for (int i = 0; i < LEAK_CALLS; i++) {
      awaitOutcome(callers.submit(() -> limiter.call(() -> "x")), "TIMEOUT-4.1", "a call");
    }
    int grown = Thread.getAllStackTraces().size() - before;
    expect(grown <= LEAK_ALLOWANCE, "TIMEOUT-4.1", "at most " + LEAK_ALLOWANCE + " more live threads after " + LEAK_CALLS + " calls",
        grown + " more");
  }

  // ---- 5. Bad input ----

  @Test
  @DisplayName("TIMEOUT-5.1 a null task is rejected with NullPointerException")
  void rejectsNullTasks() {
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    Outcome<Object> outcome = awaitOutcome(callers.submit(() -> limiter.call(null)), "TIMEOUT-5.1", "NullPointerException");
    expect(outcome.failure() instanceof NullPointerException, "TIMEOUT-5.1", "NullPointerException", outcome);
    if (declares(TimeLimiterFeature.ASYNC)) {
      Outcome<Object> async = awaitOutcome(callers.submit(() -> limiter.callAsync(null)), "TIMEOUT-5.1", "NullPointerException");
      expect(async.failure() instanceof NullPointerException, "TIMEOUT-5.1", "NullPointerException from callAsync(null)", async);
    }
  }

  // ---- 6. Deadline propagation ----

  @Test
  @DisplayName("TIMEOUT-6.1 a caller's deadline shorter than the timeout limits the call")
  void theCallersDeadlineLimitsTheCall() throws Exception {
    requireFeature(TimeLimiterFeature.DEADLINE_PROPAGATION);
    boolean manual = declares(TimeLimiterFeature.MANUAL_TICKER);
    TimeLimiter limiter = newTimeLimiter(manual ? spec(true, true) : new TimeLimiterSpec(REAL_LONG, true, ticker));
    Duration shorter = manual ? MANUAL_TIMEOUT.dividedBy(4) : REAL_SHORT;
    Deadline deadline = Deadline.after(shorter, manual ? ticker : Ticker.system());
    BlockingTask task = new BlockingTask(true);
    Future<String> call = callers.submit(() -> deadline.call(() -> limiter.call(task)));
    task.awaitStart("TIMEOUT-6.1");
    passTime(shorter);
    Outcome<String> outcome = awaitOutcome(call, "TIMEOUT-6.1", "DeadlineExceededException when the caller's deadline passes");
    expect(outcome.failure() instanceof DeadlineExceededException, "TIMEOUT-6.1", "DeadlineExceededException", outcome);
  }

  @Test
  @DisplayName("TIMEOUT-6.2 the task runs under a deadline no later than the call's limit")
  void theTaskSeesTheLimitAsItsDeadline() {
    requireFeature(TimeLimiterFeature.DEADLINE_PROPAGATION);
    TimeLimiterSpec spec = spec(false, true);
    TimeLimiter limiter = newTimeLimiter(spec);
    Outcome<Optional<Deadline>> outcome = awaitOutcome(callers.submit(() -> limiter.call(Deadline::current)),
        "TIMEOUT-6.2", "the task's current deadline");
    Optional<Deadline> seen = outcome.value();
    expect(seen != null && seen.isPresent() && seen.get().remainingNanos() <= spec.timeout().toNanos(),
        "TIMEOUT-6.2", "a current deadline at most " + spec.timeout() + " away", outcome);
  }

  @Test
  @DisplayName("TIMEOUT-6.3 under an expired deadline the call fails at once and the task never starts")
  void anExpiredDeadlineFailsAtOnce() {
    requireFeature(TimeLimiterFeature.DEADLINE_PROPAGATION);
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    Deadline deadline = Deadline.after(Duration.ofMillis(1), ticker);
    ticker.advance(Duration.ofMillis(2));
    AtomicBoolean started = new AtomicBoolean();
    Outcome<Object> outcome = awaitOutcome(callers.submit(() -> deadline.call(() -> limiter.call(() -> started.getAndSet(true)))),
        "TIMEOUT-6.3", "DeadlineExceededException at once");
    expect(outcome.failure() instanceof DeadlineExceededException && !started.get(), "TIMEOUT-6.3",
        "DeadlineExceededException without starting the task", outcome + (started.get() ? ", task started" : ""));
  }

  // ---- 7. Asynchronous calls ----

  @Test
  @DisplayName("TIMEOUT-7.1 an asynchronous task that completes in time completes the result with its value")
  void asyncReturnsTheValue() {
    requireFeature(TimeLimiterFeature.ASYNC);
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    Object token = new Object();
    CompletableFuture<Object> result = limiter.callAsync(() -> CompletableFuture.completedFuture(token));
    Outcome<Object> outcome = awaitOutcome(result, "TIMEOUT-7.1", "the value");
    expect(outcome.value() == token, "TIMEOUT-7.1", "the task's own value", outcome);
  }

  @Test
  @DisplayName("TIMEOUT-7.2 an asynchronous task's failure completes the result with the same exception")
  void asyncPropagatesTheException() {
    requireFeature(TimeLimiterFeature.ASYNC);
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    IOException own = new IOException("the task's own failure");
    CompletableFuture<Object> result = limiter.callAsync(() -> CompletableFuture.failedFuture(own));
    Outcome<Object> outcome = awaitOutcome(result, "TIMEOUT-7.2", "the task's exception");
    expect(outcome.failure() == own, "TIMEOUT-7.2", "the same " + own, outcome);
  }

  @Test
  @DisplayName("TIMEOUT-7.3 an asynchronous task still pending at the limit fails the result with DeadlineExceededException")
  void asyncTimesOut() throws Exception {
    requireFeature(TimeLimiterFeature.ASYNC);
    TimeLimiterSpec spec = spec(true, true);
    TimeLimiter limiter = newTimeLimiter(spec);
    CompletableFuture<Object> never = new CompletableFuture<>();
    CompletableFuture<Object> result = limiter.callAsync(() -> never);
    passTime(spec.timeout());
    Outcome<Object> outcome = awaitOutcome(result, "TIMEOUT-7.3", "DeadlineExceededException at the limit");
    expect(outcome.failure() instanceof DeadlineExceededException, "TIMEOUT-7.3", "DeadlineExceededException", outcome);
  }

  @Test
  @DisplayName("TIMEOUT-7.4 at the limit the stage the task returned is completed (cancelled or failed), so its producer can stop")
  void asyncCancelsTheStage() throws Exception {
    requireFeature(TimeLimiterFeature.ASYNC);
    TimeLimiterSpec spec = spec(true, true);
    TimeLimiter limiter = newTimeLimiter(spec);
    CompletableFuture<Object> work = new CompletableFuture<>();
    CompletableFuture<Object> result = limiter.callAsync(() -> work);
    passTime(spec.timeout());
    Outcome<Object> outcome = awaitOutcome(result, "TIMEOUT-7.4", "the result to fail at the limit");
    expect(work.isDone(), "TIMEOUT-7.4", "the task's stage cancelled or failed",
        "it is still pending after the result " + outcome);
  }

  @Test
  @DisplayName("TIMEOUT-7.5 an asynchronous task that throws instead of returning a stage: the same exception reaches the caller and no timer stays armed")
  void asyncSupplierThatThrows() {
    requireFeature(TimeLimiterFeature.ASYNC);
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    Throwable[] thrown = {new IllegalStateException("the supplier's own failure"), new AssertionError("the supplier's own error")};
    for (Throwable own : thrown) {
      Outcome<Object> outcome = asyncOutcome(() -> limiter.callAsync(() -> {
        if (own instanceof Error) {
          throw (Error) own;
        }
        throw (RuntimeException) own;
      }), "TIMEOUT-7.5");
      expect(outcome.failure() == own, "TIMEOUT-7.5", "the same " + own + " (thrown by callAsync or failing its result)", outcome);
    }
    if (declares(TimeLimiterFeature.MANUAL_TICKER)) {
      expect(ticker.pendingTasks() == 0, "TIMEOUT-7.5", "no timer left armed by calls that never started",
          ticker.pendingTasks() + " timers pending on the ticker");
    }
  }

  @Test
  @DisplayName("TIMEOUT-7.6 a sub-millisecond async limit is exact: 1 ns before 1.500250 ms the value is returned, at it the result fails")
  void asyncLimitIsExact() {
    requireFeature(TimeLimiterFeature.ASYNC);
    requireFeature(TimeLimiterFeature.MANUAL_TICKER);
    TimeLimiter limiter = newTimeLimiter(new TimeLimiterSpec(PRECISE_TIMEOUT, true, ticker));
    Object token = new Object();
    CompletableFuture<Object> work = new CompletableFuture<>();
    CompletableFuture<Object> result = limiter.callAsync(() -> work);
    ticker.advance(PRECISE_TIMEOUT.minusNanos(1));
    work.complete(token);
    Outcome<Object> inTime = awaitOutcome(result, "TIMEOUT-7.6", "the value");
    expect(inTime.value() == token, "TIMEOUT-7.6", "the value 1 ns before the " + PRECISE_TIMEOUT.toNanos() + " ns limit", inTime);
    CompletableFuture<Object> late = limiter.callAsync(CompletableFuture::new);
    ticker.advance(PRECISE_TIMEOUT);
    Outcome<Object> atLimit = awaitOutcome(late, "TIMEOUT-7.6", "DeadlineExceededException at exactly " + PRECISE_TIMEOUT.toNanos() + " ns");
    expect(atLimit.failure() instanceof DeadlineExceededException, "TIMEOUT-7.6", "DeadlineExceededException at the limit", atLimit);
  }

  // ---- 8. Precision and interruption ----

  @Test
  @DisplayName("TIMEOUT-8.1 a sub-millisecond limit is exact: 1 ns before 1.500250 ms the value is returned, at it the call fails")
  void syncLimitIsExact() throws Exception {
    requireFeature(TimeLimiterFeature.MANUAL_TICKER);
    TimeLimiter limiter = newTimeLimiter(new TimeLimiterSpec(PRECISE_TIMEOUT, true, ticker));
    checkExactLimit(limiter, PRECISE_TIMEOUT, Callable::call, "TIMEOUT-8.1");
  }

  @Test
  @DisplayName("TIMEOUT-8.2 a caller's sub-millisecond deadline is exact: 1 ns before it the value is returned, at it the call fails")
  void callersDeadlineIsExact() throws Exception {
    requireFeature(TimeLimiterFeature.MANUAL_TICKER);
    requireFeature(TimeLimiterFeature.DEADLINE_PROPAGATION);
    TimeLimiter limiter = newTimeLimiter(spec(true, true));
    checkExactLimit(limiter, PRECISE_TIMEOUT, call -> Deadline.after(PRECISE_TIMEOUT, ticker).call(call), "TIMEOUT-8.2");
    if (declares(TimeLimiterFeature.ASYNC)) {
      Deadline deadline = Deadline.after(PRECISE_TIMEOUT, ticker);
      CompletableFuture<Object> late = deadline.call(() -> limiter.callAsync(CompletableFuture::new));
      ticker.advance(PRECISE_TIMEOUT.minusNanos(1));
      expect(!late.isDone(), "TIMEOUT-8.2", "callAsync still pending 1 ns before the caller's deadline", late);
      ticker.advance(Duration.ofNanos(1));
      Outcome<Object> atLimit = awaitOutcome(late, "TIMEOUT-8.2", "DeadlineExceededException at the caller's deadline");
      expect(atLimit.failure() instanceof DeadlineExceededException, "TIMEOUT-8.2",
          "callAsync failing with DeadlineExceededException at the caller's deadline", atLimit);
    }
  }

  @Test
  @DisplayName("TIMEOUT-8.3 a caller interrupted while it waits gets InterruptedException, not a timeout or a wrapper")
  void interruptedCallerGetsInterruptedException() throws Exception {
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    BlockingTask task = new BlockingTask(true);
    AtomicReference<Thread> caller = new AtomicReference<>();
    Future<String> call = callers.submit(() -> {
      caller.set(Thread.currentThread());
      return limiter.call(task);
    });
    task.awaitStart("TIMEOUT-8.3");
    caller.get().interrupt();
    Outcome<String> outcome = awaitOutcome(call, "TIMEOUT-8.3", "the call to end when its caller is interrupted");
    expect(outcome.failure() instanceof InterruptedException, "TIMEOUT-8.3", "InterruptedException", outcome);
  }

  @Test
  @DisplayName("TIMEOUT-8.4 with interruption configured, the task of a caller interrupted while it waits is interrupted too")
  void interruptedCallerCancelsTheTask() throws Exception {
    requireFeature(TimeLimiterFeature.INTERRUPT);
    TimeLimiter limiter = newTimeLimiter(spec(false, true));
    BlockingTask task = new BlockingTask(true);
    AtomicReference<Thread> caller = new AtomicReference<>();
    Future<String> call = callers.submit(() -> {
      caller.set(Thread.currentThread());
      return limiter.call(task);
    });
    task.awaitStart("TIMEOUT-8.4");
    caller.get().interrupt();
    awaitOutcome(call, "TIMEOUT-8.4", "the call to end when its caller is interrupted");
    boolean interrupted = task.interrupted.await(hangGuard().toMillis(), TimeUnit.MILLISECONDS);
    expect(interrupted, "TIMEOUT-8.4", "the task interrupted once its caller gave up",
        "no interrupt within " + hangGuard().toSeconds() + "s: the task runs on for nobody");
  }

  /** Checks a limit of {@code limit} (reached through {@code scope}) on the ticker: 1 ns short gives the value, the limit fails. */
  private void checkExactLimit(TimeLimiter limiter, Duration limit, Scope scope, String ruleId) throws Exception {
    BlockingTask inTime = new BlockingTask(true);
    Future<String> call = callers.submit(() -> scope.call(() -> limiter.call(inTime)));
    inTime.awaitStart(ruleId);
    ticker.advance(limit.minusNanos(1));
    inTime.release();
    Outcome<String> outcome = awaitOutcome(call, ruleId, "the task's value");
    expect(BlockingTask.VALUE.equals(outcome.value()), ruleId,
        "the value of a task finishing 1 ns before the " + limit.toNanos() + " ns limit", outcome);
    BlockingTask late = new BlockingTask(true);
    Future<String> lateCall = callers.submit(() -> scope.call(() -> limiter.call(late)));
    late.awaitStart(ruleId);
    ticker.advance(limit);
    Outcome<String> atLimit = awaitOutcome(lateCall, ruleId, "DeadlineExceededException at exactly " + limit.toNanos() + " ns");
    expect(atLimit.failure() instanceof DeadlineExceededException, ruleId, "DeadlineExceededException at the limit", atLimit);
  }

  /** The outcome of an asynchronous call, whether callAsync threw or its result failed. */
  private Outcome<Object> asyncOutcome(Callable<CompletableFuture<Object>> start, String ruleId) {
    CompletableFuture<Object> result;
    try {
      result = start.call();
    } catch (Exception | Error thrown) {
      return outcomeOf(() -> {
        if (thrown instanceof Error) {
          throw (Error) thrown;
        }
        throw (Exception) thrown;
      });
    }
    expect(result != null, ruleId, "a future from callAsync", "null");
    return awaitOutcome(result, ruleId, "the result");
  }

  /** Runs a call in a scope: under a caller's deadline, or directly. */
  @FunctionalInterface
  private interface Scope {
    String call(Callable<String> call) throws Exception;
  }

  // ---- the kit's machinery ----

  @Override
  protected Object sampleImplementation() {
    return newTimeLimiter(spec(false, true));
  }

  /** A spec whose timeout suits the test: short when the test waits for it to pass, long otherwise. */
  private TimeLimiterSpec spec(boolean expectTimeout, boolean interrupt) {
    Duration timeout = declares(TimeLimiterFeature.MANUAL_TICKER) ? MANUAL_TIMEOUT : expectTimeout ? REAL_SHORT : REAL_LONG;
    return new TimeLimiterSpec(timeout, interrupt, ticker);
  }

  /** Starts {@code limiter.call(task)} on a caller thread and returns once the task is running. */
  private Future<String> startCall(TimeLimiter limiter, BlockingTask task, String ruleId) throws InterruptedException {
    Future<String> call = callers.submit(() -> limiter.call(task));
    task.awaitStart(ruleId);
    return call;
  }

  /** Lets {@code amount} pass: advances the kit's ticker, or, on real time, lets the clock run. */
  private void passTime(Duration amount) {
    if (declares(TimeLimiterFeature.MANUAL_TICKER)) {
      ticker.advance(amount);
    }
  }

  /** A task that blocks until released and records whether it was interrupted. */
  private final class BlockingTask implements Callable<String> {
    static final String VALUE = "finished";
    final boolean interruptible;
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    final CountDownLatch finished = new CountDownLatch(1);
    final AtomicBoolean sawInterrupt = new AtomicBoolean();

    BlockingTask(boolean interruptible) {
      this.interruptible = interruptible;
      toRelease.add(release);
    }

    @Override
    public String call() throws InterruptedException {
      started.countDown();
      try {
        while (true) {
          try {
            release.await();
            break;
          } catch (InterruptedException e) {
            sawInterrupt.set(true);
            interrupted.countDown();
            if (interruptible) {
              throw e;
            }
          }
        }
        if (Thread.currentThread().isInterrupted()) {
          sawInterrupt.set(true);
        }
        return VALUE;
      } finally {
        finished.countDown();
      }
    }

    void awaitStart(String ruleId) throws InterruptedException {
      expect(started.await(hangGuard().toMillis(), TimeUnit.MILLISECONDS), ruleId,
          "the task to start", "it had not started after " + hangGuard().toSeconds() + "s");
    }

    void release() {
      release.countDown();
    }
  }
}
