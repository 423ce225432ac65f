package dev.trestle.core.hedge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HedgeTest {

  private static final long GUARD_SECONDS = 30; // only bounds a hang; no assertion depends on it
  private static final Duration DELAY = Duration.ofMillis(100);

  private final ManualTicker ticker = new ManualTicker();
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    workers.shutdownNow();
    callers.shutdownNow();
  }

  private HedgeConfig.Builder config() {
    return HedgeConfig.builder().fixedDelay(DELAY).budget(1, 1000).ticker(ticker).executor(workers); // a budget that never binds
  }

  /** Attempts whose stages the test completes by hand. */
  private static final class Attempts {
    final List<CompletableFuture<String>> sent = new ArrayList<>();
    final List<Optional<Deadline>> deadlines = new ArrayList<>();

    synchronized CompletableFuture<String> next() {
      CompletableFuture<String> stage = new CompletableFuture<>();
      sent.add(stage);
      deadlines.add(Deadline.current());
      return stage;
    }

    synchronized CompletableFuture<String> get(int i) {
      return sent.get(i);
    }

    synchronized int count() {
      return sent.size();
    }
  }

  @Test
  void aFastAnswerSendsNoHedge() throws Exception {
    Hedge hedge = Hedge.of(config().build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = hedge.callAsync(attempts::next);
    ticker.advance(DELAY.minusNanos(1));
    attempts.get(0).complete("first");
    assertEquals("first", result.get());
    ticker.advance(DELAY);
    assertEquals(1, attempts.count());
    assertEquals(0, ticker.pendingTasks());
    HedgeMetrics metrics = hedge.metrics();
    assertEquals(1, metrics.calls());
    assertEquals(0, metrics.hedgesSent());
  }

  @Test
  void aSlowAttemptIsHedgedAfterTheDelayAndTheWinnerCancelsTheRest() throws Exception {
    Hedge hedge = Hedge.of(config().build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = hedge.callAsync(attempts::next);
    ticker.advance(DELAY);
    assertEquals(2, attempts.count());
    attempts.get(1).complete("hedge");
    assertEquals("hedge", result.get());
    assertTrue(attempts.get(0).isCancelled());
    HedgeMetrics metrics = hedge.metrics();
    assertEquals(1, metrics.hedgesSent());
    assertEquals(1, metrics.hedgesWon());
  }

  @Test
  void theFirstAttemptCanStillWinAfterAHedgeWasSent() throws Exception {
    Hedge hedge = Hedge.of(config().build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = hedge.callAsync(attempts::next);
    ticker.advance(DELAY);
    attempts.get(0).complete("first");
    assertEquals("first", result.get());
    assertTrue(attempts.get(1).isCancelled());
    assertEquals(0, hedge.metrics().hedgesWon());
  }

  @Test
  void noMoreThanMaxAttemptsAreSent() {
    Hedge hedge = Hedge.of(config().maxAttempts(3).build());
    Attempts attempts = new Attempts();
    hedge.callAsync(attempts::next);
    ticker.advance(DELAY);
    ticker.advance(DELAY);
    ticker.advance(DELAY.multipliedBy(10));
    assertEquals(3, attempts.count());
    assertEquals(2, hedge.metrics().hedgesSent());
  }

  @Test
  void whenEveryAttemptFailsTheCallFailsWithTheLastFailure() {
    Hedge hedge = Hedge.of(config().build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = hedge.callAsync(attempts::next);
    ticker.advance(DELAY);
    attempts.get(0).completeExceptionally(new IOException("first"));
    assertFalse(result.isDone());
    IOException last = new IOException("last");
    attempts.get(1).completeExceptionally(last);
    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    assertSame(last, e.getCause());
  }

  @Test
  void theLastFailureCarriesTheOtherAttemptsFailuresAsSuppressed() {
    Hedge hedge = Hedge.of(config().maxAttempts(3).build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = hedge.callAsync(attempts::next);
    ticker.advance(DELAY);
    ticker.advance(DELAY);
    IOException third = new IOException("third");
    IOException first = new IOException("first");
    IllegalStateException last = new IllegalStateException("second, last");
    attempts.get(2).completeExceptionally(third);
    attempts.get(0).completeExceptionally(first);
    attempts.get(1).completeExceptionally(last);
    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    assertSame(last, e.getCause());
    assertArrayEquals(new Throwable[] {third, first}, last.getSuppressed());
  }

  @Test
  void anExceptionSharedByTwoAttemptsIsNotSuppressedByItself() {
    Hedge hedge = Hedge.of(config().build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = hedge.callAsync(attempts::next);
    ticker.advance(DELAY);
    IOException shared = new IOException("the same instance from both replicas");
    attempts.get(0).completeExceptionally(shared);
    attempts.get(1).completeExceptionally(shared);
    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    assertSame(shared, e.getCause());
    assertEquals(0, shared.getSuppressed().length);
  }

  @Test
  void noHedgeIsSentOnceTheLastAttemptHasFailed() {
    Hedge hedge = Hedge.of(config().maxAttempts(3).build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = hedge.callAsync(attempts::next);
    ticker.advance(DELAY);
    attempts.get(0).completeExceptionally(new IOException("first"));
    attempts.get(1).completeExceptionally(new IOException("second"));
    assertTrue(result.isCompletedExceptionally());
    ticker.advance(DELAY.multipliedBy(5));
    assertEquals(2, attempts.count());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void theDeadlineCarriesTheFailuresSeenBeforeIt() throws Exception {
    Hedge hedge = Hedge.of(config().build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = Deadline.after(DELAY.multipliedBy(2), ticker).call(() -> hedge.callAsync(attempts::next));
    ticker.advance(DELAY);
    IOException first = new IOException("first");
    attempts.get(0).completeExceptionally(first);
    ticker.advance(DELAY);
    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    DeadlineExceededException exceeded = assertInstanceOf(DeadlineExceededException.class, e.getCause());
    assertArrayEquals(new Throwable[] {first}, exceeded.getSuppressed());
  }

  @Test
  void aFailureIsNotHedged() {
    Hedge hedge = Hedge.of(config().build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = hedge.callAsync(attempts::next);
    IllegalStateException own = new IllegalStateException("down");
    attempts.get(0).completeExceptionally(own);
    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    assertSame(own, e.getCause());
    ticker.advance(DELAY);
    assertEquals(1, attempts.count());
  }

  @Test
  void theBudgetBoundsHedgesToARatioOfCalls() {
    Hedge hedge = Hedge.of(config().budget(0.5, 0).build());
    Attempts first = new Attempts();
    hedge.callAsync(first::next); // earns half a hedge: not enough
    ticker.advance(DELAY);
    assertEquals(1, first.count());
    assertEquals(1, hedge.metrics().budgetDenials());
    Attempts second = new Attempts();
    hedge.callAsync(second::next); // a whole hedge now
    ticker.advance(DELAY);
    assertEquals(2, second.count());
    assertEquals(1, hedge.metrics().hedgesSent());
  }

  @Test
  void theBudgetFloorAllowsHedgesPerSecondWithoutTraffic() {
    Hedge hedge = Hedge.of(config().budget(0, 1).build());
    Attempts first = new Attempts();
    hedge.callAsync(first::next);
    ticker.advance(DELAY);
    assertEquals(2, first.count(), "a new hedge starts with one second of the floor");
    Attempts early = new Attempts();
    hedge.callAsync(early::next);
    ticker.advance(DELAY);
    assertEquals(1, early.count(), "the floor's hedge for this second is spent");
    ticker.advance(Duration.ofSeconds(1));
    Attempts later = new Attempts();
    hedge.callAsync(later::next);
    ticker.advance(DELAY);
    assertEquals(2, later.count(), "a second earns one hedge");
  }

  @Test
  void aQuietSpellCannotSaveUpMoreThanTheBudgetsCapacity() {
    Hedge hedge = Hedge.of(config().budget(0, 1).build()); // holds at most 1 + 1 hedges
    ticker.advance(Duration.ofDays(365));
    int hedged = 0;
    for (int i = 0; i < 5; i++) {
      Attempts attempts = new Attempts();
      hedge.callAsync(attempts::next);
      ticker.advance(Duration.ofMillis(100));
      hedged += attempts.count() - 1;
    }
    assertEquals(2, hedged);
  }

  @Test
  void aDeadlineBeforeTheDelayFailsTheCallAndSendsNoHedge() throws Exception {
    Hedge hedge = Hedge.of(config().build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = Deadline.after(Duration.ofMillis(50), ticker).call(() -> hedge.callAsync(attempts::next));
    ticker.advance(Duration.ofMillis(50));
    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    assertInstanceOf(DeadlineExceededException.class, e.getCause());
    assertTrue(attempts.get(0).isCancelled());
    ticker.advance(DELAY.multipliedBy(5));
    assertEquals(1, attempts.count());
  }

  @Test
  void attemptsRunUnderTheDeadlineAndAreCancelledAtIt() throws Exception {
    Hedge hedge = Hedge.of(config().maxAttempts(4).build());
    Attempts attempts = new Attempts();
    Deadline deadline = Deadline.after(Duration.ofMillis(250), ticker);
    CompletableFuture<String> result = deadline.call(() -> hedge.callAsync(attempts::next));
    ticker.advance(Duration.ofMillis(250));
    assertEquals(3, attempts.count(), "attempts at 0, 100 and 200 ms; none at the deadline");
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.of(deadline), attempts.deadlines.get(i));
      assertTrue(attempts.get(i).isCancelled());
    }
    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    assertInstanceOf(DeadlineExceededException.class, e.getCause());
  }

  @Test
  void anExpiredDeadlineFailsAtOnceWithoutAnAttempt() throws Exception {
    Hedge hedge = Hedge.of(config().build());
    Deadline deadline = Deadline.after(Duration.ofMillis(1), ticker);
    ticker.advance(Duration.ofMillis(2));
    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<String> result = deadline.call(() -> hedge.callAsync(() -> {
      sent.incrementAndGet();
      return new CompletableFuture<>();
    }));
    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    assertInstanceOf(DeadlineExceededException.class, e.getCause());
    assertEquals(0, sent.get());
    assertEquals(0, hedge.metrics().calls());
  }

  @Test
  void cancellingTheCallCancelsEveryAttemptAndSendsNoMore() {
    Hedge hedge = Hedge.of(config().maxAttempts(3).build());
    Attempts attempts = new Attempts();
    CompletableFuture<String> result = hedge.callAsync(attempts::next);
    ticker.advance(DELAY);
    result.cancel(true);
    assertTrue(attempts.get(0).isCancelled());
    assertTrue(attempts.get(1).isCancelled());
    ticker.advance(DELAY.multipliedBy(3));
    assertEquals(2, attempts.count());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void anAttemptSupplierThatThrowsIsAFailedAttempt() {
    Hedge hedge = Hedge.of(config().build());
    IllegalStateException own = new IllegalStateException("cannot send");
    CompletableFuture<String> result = hedge.callAsync(() -> { throw own; });
    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    assertSame(own, e.getCause());
    assertThrows(NullPointerException.class, () -> hedge.callAsync(null));
  }

  @Test
  void aPercentileDelayUsesTheFloorUntilEnoughLatenciesAreIn() throws Exception {
    Hedge hedge = Hedge.of(config().percentileDelay(50, Duration.ofMillis(1)).build());
    assertEquals(Duration.ofMillis(1), hedge.metrics().currentDelay());
    for (int ms = 1; ms <= HedgeConfig.MIN_SAMPLES; ms++) {
      Attempts attempts = new Attempts();
      CompletableFuture<String> result = hedge.callAsync(attempts::next);
      ticker.advance(Duration.ofMillis(ms)); // a hedge is sent after the 1 ms floor; it never answers
      attempts.get(0).complete("after " + ms + " ms");
      result.get();
    }
    assertEquals(Duration.ofMillis(8), hedge.metrics().currentDelay(), "the median of 1..16 ms");
  }

  @Test
  void thePercentileNeverGoesBelowTheFloor() {
    Hedge hedge = Hedge.of(config().percentileDelay(99, Duration.ofMillis(50)).build());
    for (int i = 0; i < HedgeConfig.MIN_SAMPLES * 2; i++) {
      hedge.callAsync(() -> CompletableFuture.completedFuture("instant"));
    }
    assertEquals(Duration.ofMillis(50), hedge.metrics().currentDelay());
  }

  @Test
  void aSynchronousCallHedgesOnTheExecutorAndInterruptsTheLoser() throws Exception {
    Hedge hedge = Hedge.of(config().build());
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch firstInterrupted = new CountDownLatch(1);
    AtomicInteger attempt = new AtomicInteger();
    Future<String> call = callers.submit(() -> hedge.call(() -> {
      if (attempt.getAndIncrement() == 0) {
        firstStarted.countDown();
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          firstInterrupted.countDown();
        }
        return "first";
      }
      return "hedge";
    }));
    assertTrue(firstStarted.await(GUARD_SECONDS, TimeUnit.SECONDS));
    ticker.advance(DELAY);
    assertEquals("hedge", call.get(GUARD_SECONDS, TimeUnit.SECONDS));
    assertTrue(firstInterrupted.await(GUARD_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void aSynchronousCallThrowsTheAttemptsExceptionUnchanged() {
    Hedge hedge = Hedge.of(config().maxAttempts(1).build());
    IOException own = new IOException("own");
    assertSame(own, assertThrows(IOException.class, () -> hedge.call(() -> { throw own; })));
    assertThrows(NullPointerException.class, () -> hedge.call(null));
  }

  @Test
  void aSynchronousCallFailsAtTheDeadlineAndItsAttemptSeesIt() throws Exception {
    Hedge hedge = Hedge.of(config().build());
    Deadline deadline = Deadline.after(Duration.ofMillis(50), ticker);
    CountDownLatch started = new CountDownLatch(1);
    List<Optional<Deadline>> seen = new ArrayList<>();
    Future<String> call = callers.submit(() -> deadline.call(() -> hedge.call(() -> {
      seen.add(Deadline.current());
      started.countDown();
      new CountDownLatch(1).await();
      return "late";
    })));
    assertTrue(started.await(GUARD_SECONDS, TimeUnit.SECONDS));
    ticker.advance(Duration.ofMillis(50));
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(GUARD_SECONDS, TimeUnit.SECONDS));
    assertInstanceOf(DeadlineExceededException.class, e.getCause());
    assertEquals(List.of(Optional.of(deadline)), seen);
  }
}
