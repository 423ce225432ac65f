package dev.trestle.core.bulkhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Behaviour specific to Trestle's bulkhead; the general contract is checked by the BulkheadTck. */
class BulkheadTest {

  private static final long GUARD_SECONDS = 30; // only bounds a hang; no assertion depends on it

  private final ManualTicker ticker = new ManualTicker();
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  private Bulkhead bulkhead(int max, Duration maxWait, boolean fair) {
    return Bulkhead.of(BulkheadConfig.builder().name("inventory").maxConcurrentCalls(max).maxWait(maxWait)
        .fair(fair).ticker(ticker).build());
  }

  private static void await(BooleanSupplier condition, String what) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("hang: " + what);
      }
      Thread.yield();
    }
  }

  @Test
  void theLowLevelProtocolCountsPermits() {
    Bulkhead bulkhead = bulkhead(2, Duration.ZERO, true);
    assertTrue(bulkhead.tryAcquirePermission());
    assertTrue(bulkhead.tryAcquirePermission());
    assertFalse(bulkhead.tryAcquirePermission());
    BulkheadMetrics metrics = bulkhead.metrics();
    assertEquals(0, metrics.availablePermits());
    assertEquals(2, metrics.callsInFlight());
    assertEquals(2, metrics.maxConcurrentCalls());
    assertEquals(1, metrics.rejectedCalls());
    bulkhead.releasePermission();
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void aReleaseWithoutAPermitThrowsAndNeverRaisesTheLimit() {
    Bulkhead bulkhead = bulkhead(1, Duration.ZERO, true);
    IllegalStateException e = assertThrows(IllegalStateException.class, bulkhead::releasePermission);
    assertTrue(e.getMessage().contains("'inventory'"), e.getMessage());
    assertTrue(bulkhead.tryAcquirePermission());
    assertFalse(bulkhead.tryAcquirePermission());
    bulkhead.releasePermission();
    assertThrows(IllegalStateException.class, bulkhead::releasePermission);
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void theRejectionNamesTheBulkheadTheLimitAndTheWait() throws Exception {
    Bulkhead bulkhead = bulkhead(3, Duration.ofMillis(50), true);
    for (int i = 0; i < 3; i++) {
      assertTrue(bulkhead.tryAcquirePermission());
    }
    Future<Object> call = callers.submit(() -> bulkhead.call(() -> "ran"));
    await(() -> bulkhead.metrics().waitingCalls() == 1, "the call to wait");
    ticker.advance(Duration.ofMillis(50));
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(GUARD_SECONDS, TimeUnit.SECONDS));
    BulkheadFullException full = assertInstanceOf(BulkheadFullException.class, e.getCause());
    assertEquals("bulkhead 'inventory' is full: all 3 permits in use and none freed within 50ms", full.getMessage());
    assertEquals("inventory", full.bulkheadName());
    assertEquals(3, full.maxConcurrentCalls());
    assertEquals(Duration.ofMillis(50), full.maxWait());
    assertEquals(0, bulkhead.metrics().waitingCalls());
    assertEquals(1, bulkhead.metrics().rejectedCalls());
  }

  @Test
  void withoutWaitTheRejectionSaysSo() {
    Bulkhead bulkhead = bulkhead(1, Duration.ZERO, true);
    assertTrue(bulkhead.tryAcquirePermission());
    BulkheadFullException full = assertThrows(BulkheadFullException.class, () -> bulkhead.run(() -> {}));
    assertEquals("bulkhead 'inventory' is full: all 1 permits in use and maxWait is 0, so the call did not wait",
        full.getMessage());
  }

  @Test
  void aWaiterIsNotRejectedOneNanosecondBeforeItsWaitEnds() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofSeconds(1), true);
    assertTrue(bulkhead.tryAcquirePermission());
    Future<String> call = callers.submit(() -> bulkhead.call(() -> "ran"));
    await(() -> bulkhead.metrics().waitingCalls() == 1, "the call to wait");
    ticker.advance(Duration.ofSeconds(1).minusNanos(1));
    bulkhead.releasePermission();
    assertEquals("ran", call.get(GUARD_SECONDS, TimeUnit.SECONDS));
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void aCallersDeadlineNearerThanMaxWaitEndsTheWaitWithDeadlineExceeded() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofSeconds(1), true);
    assertTrue(bulkhead.tryAcquirePermission());
    Future<String> call = callers.submit(
        () -> Deadline.after(Duration.ofMillis(20), ticker).call(() -> bulkhead.call(() -> "ran")));
    await(() -> bulkhead.metrics().waitingCalls() == 1, "the call to wait");
    ticker.advance(Duration.ofMillis(20));
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(GUARD_SECONDS, TimeUnit.SECONDS));
    DeadlineExceededException exceeded = assertInstanceOf(DeadlineExceededException.class, e.getCause());
    assertTrue(exceeded.getMessage().contains("bulkhead 'inventory': all 1 permits in use and none freed before "
        + "the caller's deadline, which came before maxWait PT1S"), exceeded.getMessage());
    assertEquals(0, bulkhead.metrics().waitingCalls());
    assertEquals(1, bulkhead.metrics().rejectedCalls());
    assertEquals(0, bulkhead.metrics().availablePermits());
  }

  @Test
  void aDeadlineFartherThanMaxWaitLeavesMaxWaitInCharge() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofMillis(50), true);
    assertTrue(bulkhead.tryAcquirePermission());
    Future<String> call = callers.submit(
        () -> Deadline.after(Duration.ofSeconds(10), ticker).call(() -> bulkhead.call(() -> "ran")));
    await(() -> bulkhead.metrics().waitingCalls() == 1, "the call to wait");
    ticker.advance(Duration.ofMillis(50));
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(GUARD_SECONDS, TimeUnit.SECONDS));
    assertInstanceOf(BulkheadFullException.class, e.getCause());
  }

  @Test
  void underAnExpiredDeadlineAFreePermitIsTakenButNoneIsAwaited() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofSeconds(1), true);
    Deadline expired = Deadline.after(Duration.ofNanos(1), ticker);
    ticker.advance(Duration.ofNanos(1));
    assertEquals("ran", expired.call(() -> bulkhead.call(() -> "ran")));
    assertTrue(bulkhead.tryAcquirePermission());
    assertThrows(DeadlineExceededException.class, () -> expired.call(() -> bulkhead.call(() -> "ran")));
    assertEquals(0, bulkhead.metrics().waitingCalls());
    assertEquals(1, bulkhead.metrics().rejectedCalls());
  }

  @Test
  void aWaitingAsyncCallEndsAtItsCallersDeadline() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofSeconds(1), true);
    assertTrue(bulkhead.tryAcquirePermission());
    CompletionStage<String> call = Deadline.after(Duration.ofMillis(20), ticker)
        .call(() -> bulkhead.callAsync(() -> CompletableFuture.completedFuture("ran")));
    assertEquals(1, bulkhead.metrics().waitingCalls());
    ticker.advance(Duration.ofMillis(20).minusNanos(1));
    assertFalse(call.toCompletableFuture().isDone());
    ticker.advance(Duration.ofNanos(1));
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.toCompletableFuture().get(0, TimeUnit.SECONDS));
    assertInstanceOf(DeadlineExceededException.class, e.getCause());
    assertEquals(0, bulkhead.metrics().waitingCalls());
  }

  @Test
  void tryAcquireWithAWaitReturnsFalseWhenTheWaitEnds() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ZERO, true);
    assertTrue(bulkhead.tryAcquirePermission());
    Future<Boolean> attempt = callers.submit(() -> bulkhead.tryAcquirePermission(Duration.ofMillis(10)));
    await(() -> bulkhead.metrics().waitingCalls() == 1, "the attempt to wait");
    ticker.advance(Duration.ofMillis(10));
    assertFalse(attempt.get(GUARD_SECONDS, TimeUnit.SECONDS));
    assertThrows(IllegalArgumentException.class, () -> bulkhead.tryAcquirePermission(Duration.ofNanos(-1)));
    assertThrows(NullPointerException.class, () -> bulkhead.tryAcquirePermission(null));
  }

  @Test
  void onTheSystemTickerAShortRealWaitEndsInARejection() {
    Bulkhead bulkhead = Bulkhead.of(BulkheadConfig.builder().maxConcurrentCalls(1).maxWait(Duration.ofMillis(5)).build());
    assertTrue(bulkhead.tryAcquirePermission());
    AtomicBoolean ran = new AtomicBoolean();
    assertThrows(BulkheadFullException.class, () -> bulkhead.run(() -> ran.set(true)));
    assertFalse(ran.get());
    assertEquals(0, bulkhead.metrics().waitingCalls());
  }

  @Test
  void fairWaitersAreServedInArrivalOrderAndUnfairOnesNewestFirst() throws Exception {
    assertEquals(List.of(0, 1, 2, 3), serviceOrder(true));
    assertEquals(List.of(3, 2, 1, 0), serviceOrder(false));
  }

  private List<Integer> serviceOrder(boolean fair) throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofHours(1), fair);
    assertTrue(bulkhead.tryAcquirePermission());
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int id = i;
      calls.add(callers.submit(() -> bulkhead.run(() -> order.add(id))));
      await(() -> bulkhead.metrics().waitingCalls() == id + 1, "waiter " + id + " to queue");
    }
    bulkhead.releasePermission();
    for (Future<?> call : calls) {
      call.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }
    return order;
  }

  @Test
  void aNewCallNeverOvertakesAWaiter() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofHours(1), true);
    assertTrue(bulkhead.tryAcquirePermission());
    CountDownLatch waiterRan = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Future<?> waiter = callers.submit(() -> bulkhead.call(() -> {
      waiterRan.countDown();
      finish.await();
      return null;
    }));
    await(() -> bulkhead.metrics().waitingCalls() == 1, "the waiter to queue");
    bulkhead.releasePermission(); // handed to the waiter, even before it wakes up
    assertFalse(bulkhead.tryAcquirePermission());
    assertTrue(waiterRan.await(GUARD_SECONDS, TimeUnit.SECONDS));
    finish.countDown();
    waiter.get(GUARD_SECONDS, TimeUnit.SECONDS);
    assertTrue(bulkhead.tryAcquirePermission());
  }

  @Test
  void anInterruptedWaiterThrowsAndTakesNoPermit() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofHours(1), true);
    assertTrue(bulkhead.tryAcquirePermission());
    AtomicBoolean ran = new AtomicBoolean();
    Future<?> call = callers.submit(() -> bulkhead.call(() -> ran.getAndSet(true)));
    await(() -> bulkhead.metrics().waitingCalls() == 1, "the call to wait");
    call.cancel(true);
    await(() -> bulkhead.metrics().waitingCalls() == 0, "the interrupted call to leave");
    bulkhead.releasePermission();
    assertEquals(1, bulkhead.metrics().availablePermits());
    assertFalse(ran.get());
    assertEquals(0, bulkhead.metrics().rejectedCalls());
  }

  @Test
  void getAndRunTurnAnInterruptIntoARejectionAndKeepTheInterruptStatus() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofHours(1), true);
    assertTrue(bulkhead.tryAcquirePermission());
    Future<Boolean> call = callers.submit(() -> {
      Thread.currentThread().interrupt();
      BulkheadFullException e = assertThrows(BulkheadFullException.class, () -> bulkhead.get(() -> "ran"));
      assertInstanceOf(InterruptedException.class, e.getCause());
      return Thread.currentThread().isInterrupted();
    });
    assertTrue(call.get(GUARD_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void aFreePermitIsTakenEvenByAnInterruptedThread() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofHours(1), true);
    Future<String> call = callers.submit(() -> {
      Thread.currentThread().interrupt();
      return bulkhead.call(() -> "ran");
    });
    assertEquals("ran", call.get(GUARD_SECONDS, TimeUnit.SECONDS));
  }

  /** A grant and an interrupt at the same moment: the permit is kept or passed on, never lost. */
  @Test
  void anInterruptRacingAGrantLosesNoPermit() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofHours(1), true);
    for (int round = 0; round < 300; round++) {
      assertTrue(bulkhead.tryAcquirePermission());
      Future<String> waiter = callers.submit(() -> bulkhead.call(() -> "ran"));
      await(() -> bulkhead.metrics().waitingCalls() == 1, "the waiter to queue");
      CyclicBarrier together = new CyclicBarrier(2);
      Future<?> releaser = callers.submit(() -> {
        together.await();
        bulkhead.releasePermission();
        return null;
      });
      together.await();
      waiter.cancel(true);
      releaser.get(GUARD_SECONDS, TimeUnit.SECONDS);
      await(() -> bulkhead.metrics().availablePermits() == 1, "the permit to come back in round " + round);
      assertEquals(0, bulkhead.metrics().waitingCalls());
    }
  }

  /** A grant and the end of the wait at the same moment: the waiter runs or is rejected, and the permit comes back. */
  @Test
  void aTimeoutRacingAGrantLosesNoPermit() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofMillis(1), true);
    int ran = 0;
    for (int round = 0; round < 300; round++) {
      assertTrue(bulkhead.tryAcquirePermission());
      Future<String> waiter = callers.submit(() -> bulkhead.call(() -> "ran"));
      await(() -> bulkhead.metrics().waitingCalls() == 1, "the waiter to queue");
      CyclicBarrier together = new CyclicBarrier(2);
      Future<?> releaser = callers.submit(() -> {
        together.await();
        bulkhead.releasePermission();
        return null;
      });
      together.await();
      ticker.advance(Duration.ofMillis(1));
      releaser.get(GUARD_SECONDS, TimeUnit.SECONDS);
      try {
        waiter.get(GUARD_SECONDS, TimeUnit.SECONDS);
        ran++;
      } catch (ExecutionException e) {
        assertInstanceOf(BulkheadFullException.class, e.getCause());
      }
      assertEquals(1, bulkhead.metrics().availablePermits(), "round " + round);
    }
    assertEquals(300, ran + bulkhead.metrics().rejectedCalls());
  }

  @Test
  void valuesAndExceptionsPassThroughUnchanged() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ZERO, true);
    Object token = new Object();
    assertSame(token, bulkhead.call(() -> token));
    assertSame(token, bulkhead.get(() -> token));
    IOException checked = new IOException("own");
    assertSame(checked, assertThrows(IOException.class, () -> bulkhead.call(() -> { throw checked; })));
    IllegalStateException unchecked = new IllegalStateException("own");
    assertSame(unchecked, assertThrows(IllegalStateException.class, () -> bulkhead.run(() -> { throw unchecked; })));
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void nullTasksAreRejectedWithoutTakingAPermit() {
    Bulkhead bulkhead = bulkhead(1, Duration.ZERO, true);
    assertEquals("callable must not be null", assertThrows(NullPointerException.class, () -> bulkhead.call(null)).getMessage());
    assertThrows(NullPointerException.class, () -> bulkhead.get(null));
    assertThrows(NullPointerException.class, () -> bulkhead.run(null));
    assertThrows(NullPointerException.class, () -> bulkhead.callAsync(null));
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void anAsyncCallHoldsItsPermitUntilItsStageCompletes() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ZERO, true);
    CompletableFuture<String> work = new CompletableFuture<>();
    CompletionStage<String> result = bulkhead.callAsync(() -> work);
    assertEquals(0, bulkhead.metrics().availablePermits());
    CompletionStage<String> rejected = bulkhead.callAsync(() -> CompletableFuture.completedFuture("no"));
    ExecutionException e = assertThrows(ExecutionException.class, () -> rejected.toCompletableFuture().get());
    assertInstanceOf(BulkheadFullException.class, e.getCause());
    work.complete("done");
    assertEquals("done", result.toCompletableFuture().get());
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void aWaitingAsyncCallStartsWhenAPermitIsFreedWithoutBlockingItsCaller() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofSeconds(1), true);
    assertTrue(bulkhead.tryAcquirePermission());
    CompletionStage<String> result = bulkhead.callAsync(() -> CompletableFuture.completedFuture("late"));
    assertEquals(1, bulkhead.metrics().waitingCalls());
    assertFalse(result.toCompletableFuture().isDone());
    bulkhead.releasePermission();
    assertEquals("late", result.toCompletableFuture().get());
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void aWaitingAsyncCallIsRejectedWhenItsWaitEnds() {
    Bulkhead bulkhead = bulkhead(1, Duration.ofSeconds(1), true);
    assertTrue(bulkhead.tryAcquirePermission());
    AtomicBoolean ran = new AtomicBoolean();
    CompletionStage<String> result = bulkhead.callAsync(() -> {
      ran.set(true);
      return CompletableFuture.completedFuture("no");
    });
    ticker.advance(Duration.ofSeconds(1));
    ExecutionException e = assertThrows(ExecutionException.class, () -> result.toCompletableFuture().get());
    assertInstanceOf(BulkheadFullException.class, e.getCause());
    assertFalse(ran.get());
    assertEquals(0, bulkhead.metrics().waitingCalls());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void cancellingAWaitingAsyncCallWithdrawsIt() {
    Bulkhead bulkhead = bulkhead(1, Duration.ofSeconds(1), true);
    assertTrue(bulkhead.tryAcquirePermission());
    CompletionStage<String> result = bulkhead.callAsync(() -> CompletableFuture.completedFuture("no"));
    result.toCompletableFuture().cancel(true);
    assertEquals(0, bulkhead.metrics().waitingCalls());
    bulkhead.releasePermission();
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void cancellingARunningAsyncCallCancelsItsWorkAndFreesThePermit() {
    Bulkhead bulkhead = bulkhead(1, Duration.ZERO, true);
    CompletableFuture<String> work = new CompletableFuture<>();
    CompletionStage<String> result = bulkhead.callAsync(() -> work);
    result.toCompletableFuture().cancel(true);
    assertTrue(work.isCancelled());
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void anAsyncSupplierThatThrowsOrReturnsNullGivesThePermitBack() {
    Bulkhead bulkhead = bulkhead(1, Duration.ZERO, true);
    IllegalStateException own = new IllegalStateException("own");
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> bulkhead.<String>callAsync(() -> { throw own; }).toCompletableFuture().get());
    assertSame(own, e.getCause());
    e = assertThrows(ExecutionException.class, () -> bulkhead.<String>callAsync(() -> null).toCompletableFuture().get());
    assertInstanceOf(NullPointerException.class, e.getCause());
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  /** Each completed call starts the next waiter on the same thread: that chain must not recurse. */
  @Test
  void aLongChainOfWaitingAsyncCallsDoesNotOverflowTheStack() throws Exception {
    Bulkhead bulkhead = bulkhead(1, Duration.ofHours(1), true);
    CompletableFuture<String> first = new CompletableFuture<>();
    bulkhead.callAsync(() -> first);
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String value = "call " + i;
      results.add(bulkhead.callAsync(() -> CompletableFuture.completedFuture(value)).toCompletableFuture());
    }
    first.complete("first");
    assertEquals("call 19999", results.get(19_999).get());
    assertEquals(1, bulkhead.metrics().availablePermits());
  }

  @Test
  void listenersHearEveryPermitRejectionAndReleaseAndCannotBreakACall() throws Exception {
    AtomicInteger permitted = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Bulkhead bulkhead = Bulkhead.of(BulkheadConfig.builder().maxConcurrentCalls(1)
        .listener(new BulkheadListener() {
          @Override
          public void onCallPermitted(String name) {
            permitted.incrementAndGet();
            throw new IllegalStateException("a broken listener");
          }

          @Override
          public void onCallRejected(String name) {
            rejected.incrementAndGet();
          }

          @Override
          public void onCallFinished(String name) {
            finished.incrementAndGet();
            throw new IllegalStateException("a broken listener");
          }
        }).build());
    assertEquals("ok", bulkhead.call(() -> "ok"));
    assertTrue(bulkhead.tryAcquirePermission());
    assertFalse(bulkhead.tryAcquirePermission());
    bulkhead.releasePermission();
    assertEquals(2, permitted.get());
    assertEquals(1, rejected.get());
    assertEquals(2, finished.get());
  }

  @Test
  void moreWaitersThanPermitsAreAllServedWithinTheLimit() throws Exception {
    Bulkhead bulkhead = bulkhead(2, Duration.ofHours(1), true);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      calls.add(callers.submit(() -> bulkhead.run(() -> {
        maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Thread.yield();
        inFlight.decrementAndGet();
      })));
    }
    for (Future<?> call : calls) {
      call.get(GUARD_SECONDS, TimeUnit.SECONDS);
    }
    assertTrue(maxSeen.get() <= 2, "at most 2 in flight, saw " + maxSeen.get());
    assertEquals(2, bulkhead.metrics().availablePermits());
  }
}
