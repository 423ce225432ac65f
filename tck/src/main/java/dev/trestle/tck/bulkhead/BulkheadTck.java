package dev.trestle.tck.bulkhead;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.bulkhead.BulkheadFullException;
import dev.trestle.core.bulkhead.BulkheadMetrics;
import dev.trestle.tck.ConformanceKit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link Bulkhead}: the rules {@code BULKHEAD-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, return a fresh bulkhead built to the {@link BulkheadSpec} from
 * {@link #newBulkhead}, and declare your capabilities in {@link #features()}:
 *
 * <pre>{@code
 * class MyBulkheadConformanceTest extends BulkheadTck {
 *   protected Bulkhead newBulkhead(BulkheadSpec spec) {
 *     return MyBulkheads.create(spec.name(), spec.maxConcurrentCalls(), spec.maxWait(), spec.fair(), spec.ticker());
 *   }
 *   protected Set<BulkheadFeature> features() { return EnumSet.allOf(BulkheadFeature.class); }
 * }
 * }</pre>
 *
 * <p>The kit calls {@code tryAcquirePermission()} only when it expects a permit to be free or the
 * spec's {@code maxWait} is zero, so an implementation whose no-argument acquire waits up to
 * {@code maxWait} (as Resilience4j's does) is checked fairly. It tells that a call is waiting from
 * its thread's state ({@code WAITING} or {@code TIMED_WAITING}), so it needs no waiting count from
 * the implementation. Each test creates its own bulkhead; the kit's threads are released after every
 * test.
 */
public abstract class BulkheadTck extends ConformanceKit<BulkheadFeature> {

  private static final String NAME = "tck-bulkhead";
  private static final Duration MANUAL_WAIT = Duration.ofSeconds(1);
  private static final Duration PRECISE_WAIT = Duration.ofNanos(1_500_250); // 1.5 ms and 250 ns: truncation shows
  private static final Duration REAL_SHORT = Duration.ofMillis(20);
  private static final Duration REAL_LONG = Duration.ofMinutes(1);
  private static final int STRESS_THREADS = 16;
  private static final int STRESS_CALLS = 200;
  private static final int RACE_ROUNDS = 200;

  private ManualTicker ticker;
  private ExecutorService callers;
  private final List<CountDownLatch> toRelease = new CopyOnWriteArrayList<>();
  private final List<Thread> started = new CopyOnWriteArrayList<>();

  /** Returns a new bulkhead built to {@code spec}. */
  protected abstract Bulkhead newBulkhead(BulkheadSpec spec);

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
    started.forEach(Thread::interrupt);
    if (callers != null) { // null when a skipped rule stopped the kit before startKit
      callers.shutdownNow();
    }
  }

  /** How long the calls of a test may wait for a permit. */
  private enum Wait { NONE, EXPIRING, LONG }

  // ---- 1. The limit ----

  @Test
  @DisplayName("BULKHEAD-1.1 under stress never more than maxConcurrentCalls tasks run at once, and every call runs or is rejected")
  void neverMoreThanTheLimitInFlight() {
    int limit = 3;
    for (Wait wait : new Wait[] {Wait.NONE, Wait.LONG}) {
      Bulkhead bulkhead = newBulkhead(spec(limit, wait));
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger maxSeen = new AtomicInteger();
      AtomicInteger ran = new AtomicInteger();
      AtomicInteger rejected = new AtomicInteger();
      Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
      CyclicBarrier go = new CyclicBarrier(STRESS_THREADS);
      List<Future<?>> threads = new ArrayList<>();
      for (int t = 0; t < STRESS_THREADS; t++) {
        threads.add(callers.submit(() -> {
          go.await();
          for (int i = 0; i < STRESS_CALLS; i++) {
            try {
              bulkhead.run(() -> {
                maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.yield();
                inFlight.decrementAndGet();
              });
              ran.incrementAndGet();
            } catch (BulkheadFullException full) {
              rejected.incrementAndGet();
            } catch (Throwable other) {
              unexpected.add(other);
            }
          }
          return null;
        }));
      }
      for (Future<?> thread : threads) {
        awaitOutcome(thread, "BULKHEAD-1.1", "the stress threads to finish");
      }
      String phase = wait == Wait.NONE ? " (maxWait 0)" : " (calls waiting)";
      expect(maxSeen.get() <= limit, "BULKHEAD-1.1", "at most " + limit + " tasks running at once" + phase,
          maxSeen.get() + " at once");
      expect(unexpected.isEmpty(), "BULKHEAD-1.1", "each call to run or be rejected with BulkheadFullException" + phase,
          unexpected.peek());
      expect(ran.get() + rejected.get() == STRESS_THREADS * STRESS_CALLS && ran.get() > 0, "BULKHEAD-1.1",
          STRESS_THREADS * STRESS_CALLS + " calls run or rejected, some run" + phase, ran + " run, " + rejected + " rejected");
      if (wait == Wait.LONG) {
        expectEqual("BULKHEAD-1.1", "every waiting call to be served" + phase, 0, rejected.get());
      }
      expectCapacity(bulkhead, limit, "BULKHEAD-1.1");
    }
  }

  @Test
  @DisplayName("BULKHEAD-1.2 maxConcurrentCalls blocking calls are all admitted at once")
  void admitsTheFullLimit() {
    Bulkhead bulkhead = newBulkhead(spec(4, Wait.NONE));
    Gate gate = hold(bulkhead, 4, "BULKHEAD-1.2");
    gate.finish("BULKHEAD-1.2");
  }

  // ---- 2. Rejection ----

  @Test
  @DisplayName("BULKHEAD-2.1 with maxWait 0 the call after maxConcurrentCalls in flight is rejected at once with BulkheadFullException naming the bulkhead")
  void rejectsTheCallOverTheLimit() {
    Bulkhead bulkhead = newBulkhead(spec(2, Wait.NONE));
    Gate gate = hold(bulkhead, 2, "BULKHEAD-2.1");
    Outcome<Object> outcome = awaitOutcome(callers.submit(() -> bulkhead.call(() -> "ran")), "BULKHEAD-2.1",
        "BulkheadFullException at once");
    expect(outcome.failure() instanceof BulkheadFullException
            && NAME.equals(((BulkheadFullException) outcome.failure()).bulkheadName()),
        "BULKHEAD-2.1", "BulkheadFullException naming '" + NAME + "' for the third call with 2 in flight", outcome);
    gate.finish("BULKHEAD-2.1");
  }

  @Test
  @DisplayName("BULKHEAD-2.2 a rejected call never runs its task")
  void aRejectedTaskNeverRuns() {
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.NONE));
    Gate gate = hold(bulkhead, 1, "BULKHEAD-2.2");
    AtomicBoolean ran = new AtomicBoolean();
    List<Outcome<Object>> outcomes = new ArrayList<>();
    outcomes.add(awaitOutcome(callers.submit(() -> bulkhead.call(() -> ran.getAndSet(true))), "BULKHEAD-2.2", "call"));
    outcomes.add(awaitOutcome(callers.submit(() -> bulkhead.get(() -> ran.getAndSet(true))), "BULKHEAD-2.2", "get"));
    outcomes.add(awaitOutcome(callers.submit(() -> {
      bulkhead.run(() -> ran.set(true));
      return null;
    }), "BULKHEAD-2.2", "run"));
    if (declares(BulkheadFeature.ASYNC)) {
      outcomes.add(awaitOutcome(callers.submit(() -> bulkhead.callAsync(() -> {
        ran.set(true);
        return CompletableFuture.completedFuture("ran");
      }).toCompletableFuture().get()), "BULKHEAD-2.2", "callAsync"));
    }
    expect(!ran.get(), "BULKHEAD-2.2", "no rejected task to run", "a task ran while the bulkhead was full; outcomes " + outcomes);
    for (Outcome<Object> outcome : outcomes) {
      expect(outcome.failed(), "BULKHEAD-2.2", "every call rejected", outcomes);
    }
    gate.finish("BULKHEAD-2.2");
  }

  // ---- 3. Waiting ----

  @Test
  @DisplayName("BULKHEAD-3.1 a waiting call gets the permit freed by a finishing call")
  void aWaiterGetsAFreedPermit() {
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.LONG));
    Gate gate = hold(bulkhead, 1, "BULKHEAD-3.1");
    Waiter<String> waiter = waiter(() -> bulkhead.call(() -> "served"), "BULKHEAD-3.1");
    gate.finish("BULKHEAD-3.1");
    Outcome<String> outcome = awaitOutcome(waiter.result, "BULKHEAD-3.1", "the waiter to be served");
    expect("served".equals(outcome.value()), "BULKHEAD-3.1", "the waiting call to run", outcome);
  }

  @Test
  @DisplayName("BULKHEAD-3.2 a waiting call not served within maxWait is rejected with BulkheadFullException and never runs")
  void aWaiterIsRejectedAfterMaxWait() {
    BulkheadSpec spec = spec(1, Wait.EXPIRING);
    Bulkhead bulkhead = newBulkhead(spec);
    Gate gate = hold(bulkhead, 1, "BULKHEAD-3.2");
    AtomicBoolean ran = new AtomicBoolean();
    Waiter<Boolean> waiter = waiter(() -> bulkhead.call(() -> ran.getAndSet(true)), "BULKHEAD-3.2");
    if (declares(BulkheadFeature.MANUAL_TICKER)) {
      ticker.advance(spec.maxWait());
    }
    Outcome<Boolean> outcome = awaitOutcome(waiter.result, "BULKHEAD-3.2", "BulkheadFullException after maxWait");
    expect(outcome.failure() instanceof BulkheadFullException && !ran.get(), "BULKHEAD-3.2",
        "BulkheadFullException without running the task", outcome + (ran.get() ? ", the task ran" : ""));
    gate.finish("BULKHEAD-3.2");
  }

  @Test
  @DisplayName("BULKHEAD-3.3 no waiting call is rejected before maxWait: one served 1ns before it runs")
  void noWaiterIsRejectedEarly() {
    requireFeature(BulkheadFeature.MANUAL_TICKER);
    BulkheadSpec spec = spec(1, Wait.EXPIRING);
    Bulkhead bulkhead = newBulkhead(spec);
    Gate gate = hold(bulkhead, 1, "BULKHEAD-3.3");
    Waiter<String> waiter = waiter(() -> bulkhead.call(() -> "served"), "BULKHEAD-3.3");
    ticker.advance(spec.maxWait().minusNanos(1));
    gate.finish("BULKHEAD-3.3");
    Outcome<String> outcome = awaitOutcome(waiter.result, "BULKHEAD-3.3", "the waiter to be served");
    expect("served".equals(outcome.value()), "BULKHEAD-3.3", "the waiting call to run (its wait had not ended)", outcome);
  }

  @Test
  @DisplayName("BULKHEAD-3.4 waiting calls are served in arrival order")
  void waitersAreServedInArrivalOrder() {
    requireFeature(BulkheadFeature.FAIR);
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.LONG));
    Gate gate = hold(bulkhead, 1, "BULKHEAD-3.4");
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Waiter<Object>> waiters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int id = i;
      waiters.add(waiter(() -> bulkhead.call(() -> order.add(id)), "BULKHEAD-3.4"));
    }
    gate.finish("BULKHEAD-3.4");
    for (Waiter<Object> waiter : waiters) {
      awaitOutcome(waiter.result, "BULKHEAD-3.4", "every waiter to be served");
    }
    expectEqual("BULKHEAD-3.4", "service in arrival order", List.of(0, 1, 2, 3, 4), order);
  }

  // ---- 4. Permits come back ----

  @Test
  @DisplayName("BULKHEAD-4.1 a task that throws gives its permit back")
  void aThrowingTaskReturnsItsPermit() {
    Bulkhead bulkhead = newBulkhead(spec(2, Wait.NONE));
    for (int i = 0; i < 2; i++) {
      awaitOutcome(callers.submit(() -> bulkhead.call(() -> { throw new IOException("task failed"); })), "BULKHEAD-4.1", "call");
      awaitOutcome(callers.submit(() -> bulkhead.get(() -> { throw new IllegalStateException("task failed"); })), "BULKHEAD-4.1", "get");
      awaitOutcome(callers.submit(() -> {
        bulkhead.run(() -> { throw new AssertionError("task failed"); });
        return null;
      }), "BULKHEAD-4.1", "run");
    }
    expectCapacity(bulkhead, 2, "BULKHEAD-4.1");
  }

  @Test
  @DisplayName("BULKHEAD-4.2 an interrupted waiting call ends without running its task and takes no permit")
  void anInterruptedWaiterTakesNoPermit() {
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.LONG));
    Gate gate = hold(bulkhead, 1, "BULKHEAD-4.2");
    AtomicBoolean ran = new AtomicBoolean();
    Waiter<Boolean> waiter = waiter(() -> bulkhead.call(() -> ran.getAndSet(true)), "BULKHEAD-4.2");
    waiter.thread.interrupt();
    Outcome<Boolean> outcome = awaitOutcome(waiter.result, "BULKHEAD-4.2", "the interrupted call to end");
    expect((outcome.failure() instanceof InterruptedException || outcome.failure() instanceof BulkheadFullException)
            && !ran.get(), "BULKHEAD-4.2", "InterruptedException or BulkheadFullException, the task not run",
        outcome + (ran.get() ? ", the task ran" : ""));
    gate.finish("BULKHEAD-4.2");
    expectCapacity(bulkhead, 1, "BULKHEAD-4.2");
  }

  @Test
  @DisplayName("BULKHEAD-4.3 an interrupt racing the release that frees a waiter's permit loses no permit")
  void anInterruptRacingAReleaseLosesNoPermit() {
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.LONG));
    for (int round = 0; round < RACE_ROUNDS; round++) {
      Outcome<Boolean> held = awaitOutcome(callers.submit(() -> bulkhead.tryAcquirePermission()), "BULKHEAD-4.3",
          "a free permit at the start of round " + round);
      expect(Boolean.TRUE.equals(held.value()), "BULKHEAD-4.3", "the one permit free at the start of round " + round, held);
      Waiter<String> waiter = waiter(() -> bulkhead.call(() -> "ran"), "BULKHEAD-4.3");
      CyclicBarrier together = new CyclicBarrier(2);
      Future<Object> release = callers.submit(() -> {
        together.await();
        bulkhead.releasePermission();
        return null;
      });
      try {
        together.await(hangGuard().toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw violation("BULKHEAD-4.3", "the kit's racing threads to meet", e);
      }
      waiter.thread.interrupt();
      awaitOutcome(release, "BULKHEAD-4.3", "the release");
      awaitOutcome(waiter.result, "BULKHEAD-4.3", "the interrupted waiter to end");
      expectCapacity(bulkhead, 1, "BULKHEAD-4.3");
    }
  }

  @Test
  @DisplayName("BULKHEAD-4.4 an asynchronous call holds its permit until its stage completes, then gives it back")
  void anAsyncCallHoldsItsPermitUntilItsStageCompletes() throws Exception {
    requireFeature(BulkheadFeature.ASYNC);
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.NONE));
    for (boolean fails : new boolean[] {false, true}) {
      CompletableFuture<String> work = new CompletableFuture<>();
      CompletionStage<String> result = bulkhead.callAsync(() -> work);
      Outcome<Object> meanwhile = awaitOutcome(callers.submit(() -> bulkhead.call(() -> "ran")), "BULKHEAD-4.4",
          "a call while the asynchronous one is pending");
      expect(meanwhile.failure() instanceof BulkheadFullException, "BULKHEAD-4.4",
          "BulkheadFullException while the stage is pending (its permit still held)", meanwhile);
      if (fails) {
        work.completeExceptionally(new IOException("async failure"));
      } else {
        work.complete("done");
      }
      awaitOutcome(result.toCompletableFuture(), "BULKHEAD-4.4", "the result to complete");
      expectCapacity(bulkhead, 1, "BULKHEAD-4.4");
    }
  }

  // ---- 5. Values and exceptions ----

  @Test
  @DisplayName("BULKHEAD-5.1 a task's value reaches the caller unchanged (the same instance), null included")
  void valuesPassThrough() {
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.NONE));
    Object token = new Object();
    List<Outcome<Object>> outcomes = new ArrayList<>();
    outcomes.add(awaitOutcome(callers.submit(() -> bulkhead.call(() -> token)), "BULKHEAD-5.1", "call"));
    outcomes.add(awaitOutcome(callers.submit(() -> bulkhead.get(() -> token)), "BULKHEAD-5.1", "get"));
    if (declares(BulkheadFeature.ASYNC)) {
      outcomes.add(awaitOutcome(bulkhead.callAsync(() -> CompletableFuture.completedFuture(token)).toCompletableFuture(),
          "BULKHEAD-5.1", "callAsync"));
    }
    for (Outcome<Object> outcome : outcomes) {
      expect(!outcome.failed() && outcome.value() == token, "BULKHEAD-5.1", "the task's own value " + token, outcomes);
    }
    Outcome<Object> nothing = awaitOutcome(callers.submit(() -> bulkhead.call(() -> null)), "BULKHEAD-5.1", "null");
    expect(!nothing.failed() && nothing.value() == null, "BULKHEAD-5.1", "null", nothing);
  }

  @Test
  @DisplayName("BULKHEAD-5.2 a task's exception reaches the caller unchanged: the same instance, not wrapped")
  void exceptionsPassThrough() {
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.NONE));
    IOException checked = new IOException("the task's own failure");
    Outcome<Object> viaCall = awaitOutcome(callers.submit(() -> bulkhead.call(() -> { throw checked; })), "BULKHEAD-5.2", "call");
    expect(viaCall.failure() == checked, "BULKHEAD-5.2", "the same " + checked + " from call", viaCall);
    IllegalStateException unchecked = new IllegalStateException("the task's own failure");
    Outcome<Object> viaGet = awaitOutcome(callers.submit(() -> bulkhead.get(() -> { throw unchecked; })), "BULKHEAD-5.2", "get");
    expect(viaGet.failure() == unchecked, "BULKHEAD-5.2", "the same " + unchecked + " from get", viaGet);
    AssertionError error = new AssertionError("the task's own error");
    Outcome<Object> viaRun = awaitOutcome(callers.submit(() -> {
      bulkhead.run(() -> { throw error; });
      return null;
    }), "BULKHEAD-5.2", "run");
    expect(viaRun.failure() == error, "BULKHEAD-5.2", "the same " + error + " from run", viaRun);
    if (declares(BulkheadFeature.ASYNC)) {
      Outcome<Object> viaAsync = awaitOutcome(
          bulkhead.callAsync(() -> CompletableFuture.failedFuture(checked)).toCompletableFuture(), "BULKHEAD-5.2", "callAsync");
      expect(viaAsync.failure() == checked, "BULKHEAD-5.2", "the same " + checked + " from callAsync", viaAsync);
    }
  }

  // ---- 6. Misuse ----

  @Test
  @DisplayName("BULKHEAD-6.1 a null task is rejected with NullPointerException and takes no permit")
  void rejectsNullTasks() {
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.NONE));
    List<Outcome<Object>> outcomes = new ArrayList<>();
    outcomes.add(awaitOutcome(callers.submit(() -> bulkhead.call(null)), "BULKHEAD-6.1", "call(null)"));
    outcomes.add(awaitOutcome(callers.submit(() -> bulkhead.get(null)), "BULKHEAD-6.1", "get(null)"));
    outcomes.add(awaitOutcome(callers.submit(() -> {
      bulkhead.run(null);
      return null;
    }), "BULKHEAD-6.1", "run(null)"));
    if (declares(BulkheadFeature.ASYNC)) {
      outcomes.add(awaitOutcome(callers.submit(() -> bulkhead.callAsync(null).toCompletableFuture().get()), "BULKHEAD-6.1",
          "callAsync(null)"));
    }
    for (Outcome<Object> outcome : outcomes) {
      Throwable failure = outcome.failure();
      if (failure instanceof java.util.concurrent.ExecutionException) {
        failure = failure.getCause(); // callAsync may fail its stage instead of throwing
      }
      expect(failure instanceof NullPointerException, "BULKHEAD-6.1", "NullPointerException for each null task", outcomes);
    }
    expectCapacity(bulkhead, 1, "BULKHEAD-6.1");
  }

  @Test
  @DisplayName("BULKHEAD-6.2 a release without a permit never raises the limit")
  void aStrayReleaseNeverRaisesTheLimit() {
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.NONE));
    Outcome<Object> stray = awaitOutcome(callers.submit(() -> {
      bulkhead.releasePermission();
      return null;
    }), "BULKHEAD-6.2", "the stray release to return or throw");
    expect(!stray.failed() || stray.failure() instanceof IllegalStateException, "BULKHEAD-6.2",
        "IllegalStateException or nothing from a release without a permit", stray);
    int taken = 0;
    for (int i = 0; i < 3; i++) {
      Outcome<Boolean> attempt = awaitOutcome(callers.submit(() -> bulkhead.tryAcquirePermission()), "BULKHEAD-6.2", "an acquire");
      if (Boolean.TRUE.equals(attempt.value())) {
        taken++;
      }
    }
    expectEqual("BULKHEAD-6.2", "permits granted after a stray release (the limit)", 1, taken);
  }

  // ---- 7. Metrics ----

  @Test
  @DisplayName("BULKHEAD-7.1 metrics report the limit, the free permits and the calls in flight")
  void metricsCountPermits() {
    Bulkhead bulkhead = newBulkhead(spec(3, Wait.NONE));
    Gate gate = hold(bulkhead, 2, "BULKHEAD-7.1");
    BulkheadMetrics busy = bulkhead.metrics();
    expect(busy.maxConcurrentCalls() == 3 && busy.availablePermits() == 1 && busy.callsInFlight() == 2, "BULKHEAD-7.1",
        "max 3, available 1, in flight 2 with two calls held", busy);
    gate.finish("BULKHEAD-7.1");
    BulkheadMetrics idle = bulkhead.metrics();
    expect(idle.availablePermits() == 3 && idle.callsInFlight() == 0, "BULKHEAD-7.1",
        "available 3, in flight 0 once the calls finished", idle);
  }

  @Test
  @DisplayName("BULKHEAD-7.2 rejectedCalls counts each refusal exactly once, through every operation, and nothing else")
  void rejectedCallsAreCountedExactly() throws Exception {
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.NONE));
    long before = bulkhead.metrics().rejectedCalls();
    awaitOutcome(callers.submit(() -> bulkhead.call(() -> { throw new IOException("task failed"); })), "BULKHEAD-7.2", "a throwing call");
    awaitOutcome(callers.submit(() -> bulkhead.get(() -> { throw new AssertionError("task failed"); })), "BULKHEAD-7.2", "an erring get");
    awaitOutcome(callers.submit(() -> bulkhead.call(() -> "ran")), "BULKHEAD-7.2", "a call that runs");
    expectEqual("BULKHEAD-7.2", "rejectedCalls after calls that ran (two of them threw)", before, bulkhead.metrics().rejectedCalls());
    Gate gate = hold(bulkhead, 1, "BULKHEAD-7.2");
    List<Callable<Object>> refused = new ArrayList<>(List.of(
        () -> bulkhead.call(() -> "ran"),
        () -> bulkhead.get(() -> "ran"),
        () -> {
          bulkhead.run(() -> { });
          return null;
        },
        () -> bulkhead.tryAcquirePermission(),
        () -> bulkhead.tryAcquirePermission(Duration.ZERO),
        () -> {
          bulkhead.acquirePermission();
          return null;
        }));
    if (declares(BulkheadFeature.ASYNC)) {
      refused.add(() -> bulkhead.callAsync(() -> CompletableFuture.completedFuture("ran")).toCompletableFuture().join());
    }
    for (Callable<Object> call : refused) {
      Outcome<Object> outcome = awaitOutcome(callers.submit(call), "BULKHEAD-7.2", "a refusal");
      expect(outcome.failed() || Boolean.FALSE.equals(outcome.value()), "BULKHEAD-7.2", "a refusal with the limit in flight", outcome);
    }
    expectEqual("BULKHEAD-7.2", "rejectedCalls after " + refused.size() + " refusals, one through each operation",
        before + refused.size(), bulkhead.metrics().rejectedCalls());
    gate.finish("BULKHEAD-7.2");
    Bulkhead waiting = newBulkhead(spec(1, Wait.LONG));
    Gate held = hold(waiting, 1, "BULKHEAD-7.2");
    long waitingBefore = waiting.metrics().rejectedCalls();
    Waiter<String> interrupted = waiter(() -> waiting.call(() -> "ran"), "BULKHEAD-7.2");
    interrupted.thread.interrupt();
    awaitOutcome(interrupted.result, "BULKHEAD-7.2", "the interrupted waiter to end");
    expectEqual("BULKHEAD-7.2", "rejectedCalls after an interrupted waiter (not counted)", waitingBefore, waiting.metrics().rejectedCalls());
    held.finish("BULKHEAD-7.2");
  }

  // ---- 8. Exact waits, every variant ----

  @Test
  @DisplayName("BULKHEAD-8.1 a sub-millisecond maxWait is exact: a waiter served 1 ns before 1.500250 ms runs, one not served by then is rejected")
  void subMillisecondMaxWaitIsExact() {
    requireFeature(BulkheadFeature.MANUAL_TICKER);
    Bulkhead bulkhead = newBulkhead(new BulkheadSpec(NAME, 1, PRECISE_WAIT, declares(BulkheadFeature.FAIR), ticker));
    Gate gate = hold(bulkhead, 1, "BULKHEAD-8.1");
    Waiter<String> served = waiter(() -> bulkhead.call(() -> "served"), "BULKHEAD-8.1");
    awaitTimerArmed("BULKHEAD-8.1");
    ticker.advance(PRECISE_WAIT.minusNanos(1));
    expectWaitStillTimed("BULKHEAD-8.1");
    gate.finish("BULKHEAD-8.1");
    Outcome<String> outcome = awaitOutcome(served.result, "BULKHEAD-8.1", "the waiter to be served");
    expect("served".equals(outcome.value()), "BULKHEAD-8.1", "the call served 1 ns before its " + PRECISE_WAIT.toNanos() + " ns wait ends", outcome);
    Gate again = hold(bulkhead, 1, "BULKHEAD-8.1");
    Waiter<String> late = waiter(() -> bulkhead.call(() -> "served"), "BULKHEAD-8.1");
    awaitTimerArmed("BULKHEAD-8.1");
    ticker.advance(PRECISE_WAIT);
    Outcome<String> rejected = awaitOutcome(late.result, "BULKHEAD-8.1", "BulkheadFullException at exactly " + PRECISE_WAIT.toNanos() + " ns");
    expect(rejected.failure() instanceof BulkheadFullException, "BULKHEAD-8.1", "BulkheadFullException once maxWait has passed", rejected);
    again.finish("BULKHEAD-8.1");
  }

  @Test
  @DisplayName("BULKHEAD-8.2 tryAcquirePermission(wait) waits exactly the wait it is given: true if freed 1 ns before 1.500250 ms, false at it")
  void perCallWaitIsExact() {
    requireFeature(BulkheadFeature.MANUAL_TICKER);
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.NONE));
    Gate gate = hold(bulkhead, 1, "BULKHEAD-8.2");
    Waiter<Boolean> served = waiter(() -> bulkhead.tryAcquirePermission(PRECISE_WAIT), "BULKHEAD-8.2");
    awaitTimerArmed("BULKHEAD-8.2");
    ticker.advance(PRECISE_WAIT.minusNanos(1));
    expectWaitStillTimed("BULKHEAD-8.2");
    gate.finish("BULKHEAD-8.2");
    Outcome<Boolean> outcome = awaitOutcome(served.result, "BULKHEAD-8.2", "the waiter to be granted");
    expect(Boolean.TRUE.equals(outcome.value()), "BULKHEAD-8.2", "true: the permit was freed 1 ns before the wait ends", outcome);
    bulkhead.releasePermission();
    Gate again = hold(bulkhead, 1, "BULKHEAD-8.2");
    Waiter<Boolean> late = waiter(() -> bulkhead.tryAcquirePermission(PRECISE_WAIT), "BULKHEAD-8.2");
    awaitTimerArmed("BULKHEAD-8.2");
    ticker.advance(PRECISE_WAIT);
    Outcome<Boolean> refused = awaitOutcome(late.result, "BULKHEAD-8.2", "false at exactly " + PRECISE_WAIT.toNanos() + " ns");
    expect(Boolean.FALSE.equals(refused.value()), "BULKHEAD-8.2", "false once the wait has passed", refused);
    again.finish("BULKHEAD-8.2");
    expectCapacity(bulkhead, 1, "BULKHEAD-8.2");
  }

  @Test
  @DisplayName("BULKHEAD-8.3 an interrupted waiter sees what its operation promises: InterruptedException from call and tryAcquirePermission(wait), BulkheadFullException caused by it with the interrupt status kept from get and run")
  void interruptionPerOperation() {
    BulkheadSpec spec = spec(1, Wait.LONG);
    Bulkhead bulkhead = newBulkhead(spec);
    Gate gate = hold(bulkhead, 1, "BULKHEAD-8.3");
    AtomicBoolean ran = new AtomicBoolean();
    Map<String, Callable<Object>> operations = new LinkedHashMap<>();
    operations.put("call", () -> bulkhead.call(() -> ran.getAndSet(true)));
    operations.put("tryAcquirePermission(wait)", () -> bulkhead.tryAcquirePermission(spec.maxWait()));
    operations.put("get", () -> bulkhead.get(() -> ran.getAndSet(true)));
    operations.put("run", () -> {
      bulkhead.run(() -> ran.set(true));
      return null;
    });
    for (Map.Entry<String, Callable<Object>> operation : operations.entrySet()) {
      AtomicBoolean statusAfter = new AtomicBoolean();
      Waiter<Object> waiter = waiter(() -> {
        try {
          return operation.getValue().call();
        } finally {
          statusAfter.set(Thread.currentThread().isInterrupted());
        }
      }, "BULKHEAD-8.3");
      waiter.thread.interrupt();
      Outcome<Object> outcome = awaitOutcome(waiter.result, "BULKHEAD-8.3", operation.getKey() + " to end when interrupted");
      Throwable failure = outcome.failure();
      boolean wrapping = operation.getKey().equals("get") || operation.getKey().equals("run");
      boolean right = wrapping
          ? failure instanceof BulkheadFullException && failure.getCause() instanceof InterruptedException && statusAfter.get()
          : failure instanceof InterruptedException;
      expect(right && !ran.get(), "BULKHEAD-8.3", wrapping
              ? operation.getKey() + " failing with BulkheadFullException caused by InterruptedException, the interrupt status set"
              : operation.getKey() + " failing with InterruptedException",
          outcome + (failure == null ? "" : " (cause " + failure.getCause() + ")") + ", interrupt status " + statusAfter.get()
              + (ran.get() ? ", the task ran" : ""));
    }
    gate.finish("BULKHEAD-8.3");
    expectCapacity(bulkhead, 1, "BULKHEAD-8.3");
  }

  @Test
  @DisplayName("BULKHEAD-8.4 an asynchronous task that throws instead of returning a stage gives its permit back, and its exception reaches the caller")
  void anAsyncSupplierThatThrowsReturnsItsPermit() {
    requireFeature(BulkheadFeature.ASYNC);
    Bulkhead bulkhead = newBulkhead(spec(1, Wait.NONE));
    for (Throwable own : new Throwable[] {new IllegalStateException("supplier failed"), new AssertionError("supplier erred")}) {
      Outcome<Object> outcome = awaitOutcome(callers.submit(() -> {
        CompletionStage<Object> stage = bulkhead.callAsync(() -> {
          if (own instanceof Error) {
            throw (Error) own;
          }
          throw (RuntimeException) own;
        });
        return stage.toCompletableFuture().join();
      }), "BULKHEAD-8.4", "the call to fail");
      Throwable failure = outcome.failure();
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      expect(cause == own, "BULKHEAD-8.4", "the supplier's own " + own + " (thrown by callAsync or failing its stage)", outcome);
      expectCapacity(bulkhead, 1, "BULKHEAD-8.4");
    }
  }

  // ---- the kit's machinery ----

  /**
   * With MANUAL_TICKER a bounded wait in progress has a timer on the kit's ticker (nothing else
   * could end it): none left 1 ns before the wait's end means it fired early. Checked before the
   * permit is freed, because a waiter whose wait ends as a permit is handed to it may keep it.
   */
  private void expectWaitStillTimed(String ruleId) {
    expect(ticker.pendingTasks() > 0, ruleId, "the wait still timed on the kit's ticker 1 ns before it ends",
        "no timer left: the wait ended early");
  }

  /** With MANUAL_TICKER a wait is ended by a task on the kit's ticker: waits until the waiter has armed it. */
  private void awaitTimerArmed(String ruleId) {
    long end = System.nanoTime() + hangGuard().toNanos();
    while (ticker.pendingTasks() == 0) {
      if (System.nanoTime() - end > 0) {
        throw violation(ruleId, "the waiting call's timer on the kit's ticker", "none armed after " + hangGuard().toSeconds() + "s");
      }
      Thread.yield();
    }
  }

  @Override
  protected Object sampleImplementation() {
    return newBulkhead(spec(4, Wait.NONE));
  }

  private BulkheadSpec spec(int limit, Wait wait) {
    boolean manual = declares(BulkheadFeature.MANUAL_TICKER);
    Duration maxWait = wait == Wait.NONE ? Duration.ZERO
        : manual ? MANUAL_WAIT // advanced only by tests that want the wait to end
        : wait == Wait.EXPIRING ? REAL_SHORT : REAL_LONG;
    return new BulkheadSpec(NAME, limit, maxWait, declares(BulkheadFeature.FAIR), ticker);
  }

  /** Fails {@code ruleId} unless exactly {@code limit} permits can be taken at once now. */
  private void expectCapacity(Bulkhead bulkhead, int limit, String ruleId) {
    Outcome<Integer> taken = awaitOutcome(callers.submit(() -> {
      int count = 0;
      while (count < limit && bulkhead.tryAcquirePermission()) {
        count++;
      }
      for (int i = 0; i < count; i++) {
        bulkhead.releasePermission();
      }
      return count;
    }), ruleId, limit + " free permits");
    expect(!taken.failed() && taken.value() == limit, ruleId, limit + " permits free once every call has ended",
        taken.failed() ? taken : taken.value() + " (a permit was lost)");
  }

  /** Calls that hold their permits until released. */
  private final class Gate {
    final CountDownLatch release = new CountDownLatch(1);
    final List<Future<String>> calls = new ArrayList<>();

    void finish(String ruleId) {
      release.countDown();
      for (Future<String> call : calls) {
        Outcome<String> outcome = awaitOutcome(call, ruleId, "a holding call to finish");
        expect("held".equals(outcome.value()), ruleId, "each of the " + calls.size() + " holding calls admitted", outcome);
      }
    }
  }

  /** Starts {@code count} calls that hold their permits, and returns once all are running. */
  private Gate hold(Bulkhead bulkhead, int count, String ruleId) {
    Gate gate = new Gate();
    toRelease.add(gate.release);
    CountDownLatch running = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      gate.calls.add(callers.submit(() -> bulkhead.call(() -> {
        running.countDown();
        gate.release.await();
        return "held";
      })));
    }
    try {
      if (!running.await(hangGuard().toMillis(), TimeUnit.MILLISECONDS)) {
        List<Object> ended = new ArrayList<>();
        for (Future<String> call : gate.calls) {
          if (call.isDone()) {
            ended.add(awaitOutcome(call, ruleId, "a holding call"));
          }
        }
        throw violation(ruleId, count + " calls admitted at once (the limit is " + count + " or more)",
            running.getCount() + " not admitted; ended: " + ended);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the kit was interrupted", e);
    }
    return gate;
  }

  /** A call on its own thread, started once it waits for a permit. */
  private static final class Waiter<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread;
  }

  /** Starts {@code call} on a new thread and returns once that thread is waiting (parked). */
  private <T> Waiter<T> waiter(Callable<T> call, String ruleId) {
    Waiter<T> waiter = new Waiter<>();
    waiter.thread = new Thread(() -> {
      try {
        waiter.result.complete(call.call());
      } catch (Throwable failure) {
        waiter.result.completeExceptionally(failure);
      }
    }, "tck-waiter");
    waiter.thread.setDaemon(true);
    started.add(waiter.thread);
    waiter.thread.start();
    long end = System.nanoTime() + hangGuard().toNanos();
    while (true) {
      Thread.State state = waiter.thread.getState();
      if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || waiter.result.isDone()) {
        return waiter;
      }
      if (System.nanoTime() - end > 0) {
        throw violation(ruleId, "the call to wait for a permit", "its thread is " + state + " after " + hangGuard().toSeconds() + "s");
      }
      Thread.yield();
    }
  }
}
