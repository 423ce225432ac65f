package dev.trestle.core.retry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import dev.trestle.core.Scheduler;
import dev.trestle.core.retry.RetryListener.GiveUp;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Behaviour of Trestle's retry; the general contract is checked by the RetryTck. */
class RetryTest {

  private static final long WAIT_SECONDS = 30; // only bounds a hang; no assertion depends on it

  private final ManualTicker ticker = new ManualTicker();
  /** The delays the retry asked the scheduler for, in order: the test advances by each. */
  private final BlockingQueue<Long> scheduled = new LinkedBlockingQueue<>();
  private final Scheduler recording = (task, delayNanos) -> {
    Scheduler.Cancellable cancellable = ticker.schedule(task, delayNanos);
    scheduled.add(delayNanos);
    return cancellable;
  };
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  private RetryConfig.Builder config() {
    return RetryConfig.builder().ticker(ticker).scheduler(recording).backoff(Backoff.fixed(Duration.ofMillis(100)));
  }

  /** A task that fails with {@code failures[i]} on attempt i + 1 and then returns "ok"; records when attempts start. */
  private final class Script implements Callable<String> {
    final Exception[] failures;
    final List<Long> starts = new CopyOnWriteArrayList<>();

    Script(Exception... failures) {
      this.failures = failures;
    }

    @Override
    public String call() throws Exception {
      starts.add(ticker.read());
      int attempt = starts.size();
      if (attempt <= failures.length) {
        throw failures[attempt - 1];
      }
      return "ok";
    }
  }

  /** Runs the call on another thread, advancing the ticker by each wait the retry schedules, until it ends. */
  private <T> T drive(Callable<T> call) throws Exception {
    Future<T> future = callers.submit(call);
    while (!future.isDone()) {
      Long delay = scheduled.poll(10, TimeUnit.MILLISECONDS);
      if (delay != null) {
        ticker.advance(delay, TimeUnit.NANOSECONDS);
      }
    }
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private Long nextScheduled() throws InterruptedException {
    Long delay = scheduled.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(delay != null, "no wait was scheduled");
    return delay;
  }

  @Test
  void aFirstAttemptThatSucceedsIsTheOnlyOneAndNothingIsScheduled() throws Exception {
    Script task = new Script();
    assertEquals("ok", Retry.of(config().build()).call(task));
    assertEquals(1, task.starts.size());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void aRetryableFailureIsRetriedAfterTheBackoffDelay() throws Exception {
    Script task = new Script(new IOException("1"));
    assertEquals("ok", drive(() -> Retry.of(config().build()).call(task)));
    assertEquals(List.of(0L, 100_000_000L), task.starts);
  }

  @Test
  void exhaustionThrowsTheLastFailureUnchangedWithNothingAttached() {
    IOException last = new IOException("3");
    Script task = new Script(new IOException("1"), new IOException("2"), last, new IOException("4"));
    IOException thrown = assertThrows(IOException.class, () -> drive(() -> Retry.of(config().maxAttempts(3).build()).call(task)));
    assertSame(last, thrown);
    assertEquals(0, thrown.getSuppressed().length);
    assertNull(thrown.getCause());
    assertEquals(3, task.starts.size());
  }

  @Test
  void anIgnoredExceptionIsThrownAtOnceEvenWhenAlsoInTheRetryList() {
    IllegalStateException ignored = new IllegalStateException();
    Script task = new Script(ignored);
    Retry retry = Retry.of(config().retryExceptions(RuntimeException.class).ignoreExceptions(IllegalStateException.class).build());
    assertSame(ignored, assertThrows(IllegalStateException.class, () -> retry.call(task)));
    assertEquals(1, task.starts.size());
  }

  @Test
  void withARetryListOnlyItsClassesAndTheirSubclassesAreRetried() throws Exception {
    Retry retry = Retry.of(config().retryExceptions(IOException.class).build());
    Script subclass = new Script(new java.io.FileNotFoundException());
    assertEquals("ok", drive(() -> retry.call(subclass)));
    Script other = new Script(new IllegalArgumentException());
    assertThrows(IllegalArgumentException.class, () -> retry.call(other));
    assertEquals(1, other.starts.size());
  }

  @Test
  void anErrorIsNotRetriedUnlessListed() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Callable<String> failing = () -> {
      if (attempts.incrementAndGet() == 1) {
        throw new AssertionError("boom");
      }
      return "ok";
    };
    assertThrows(AssertionError.class, () -> Retry.of(config().build()).call(failing));
    assertEquals(1, attempts.get());
    attempts.set(0);
    assertEquals("ok", drive(() -> Retry.of(config().retryExceptions(AssertionError.class).build()).call(failing)));
  }

  @Test
  void anInterruptedExceptionFromTheTaskIsNotRetried() {
    InterruptedException own = new InterruptedException("task");
    Script task = new Script(own);
    assertSame(own, assertThrows(InterruptedException.class, () -> Retry.of(config().build()).call(task)));
    assertEquals(1, task.starts.size());
  }

  @Test
  void aRetriedResultIsReturnedWhenAttemptsRunOut() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Retry retry = Retry.of(config().maxAttempts(3).retryOnResult(r -> ((Integer) r) < 10).build());
    assertEquals(3, drive(() -> retry.call(attempts::incrementAndGet)));
    assertEquals(3, attempts.get());
  }

  @Test
  void aResultThatIsNotRetriedEndsTheCall() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Retry retry = Retry.of(config().maxAttempts(5).retryOnResult(r -> ((Integer) r) < 2).build());
    assertEquals(2, drive(() -> retry.call(attempts::incrementAndGet)));
  }

  @Test
  void noWaitStartsThatWouldEndAtTheDeadline() throws Exception {
    IOException second = new IOException("2");
    Script task = new Script(new IOException("1"), second, new IOException("3"));
    Retry retry = Retry.of(config().maxAttempts(5).build());
    Deadline deadline = Deadline.after(Duration.ofMillis(200), ticker);
    DeadlineExceededException thrown = assertThrows(DeadlineExceededException.class,
        () -> drive(() -> deadline.call(() -> retry.call(task))));
    assertEquals(List.of(0L, 100_000_000L), task.starts); // a wait from 100 ms would end at 200 ms: not started
    assertSame(second, thrown.getCause());
    assertEquals(Duration.ofMillis(100), thrown.elapsed());
  }

  @Test
  void underAnExpiredDeadlineNoAttemptIsMade() {
    Script task = new Script();
    Deadline deadline = Deadline.after(Duration.ofMillis(1), ticker);
    ticker.advance(Duration.ofMillis(1));
    assertThrows(DeadlineExceededException.class, () -> deadline.call(() -> Retry.of(config().build()).call(task)));
    assertTrue(task.starts.isEmpty());
  }

  @Test
  void maxDurationLimitsTheCallLikeACallersDeadline() throws Exception {
    Script task = new Script(new IOException("1"), new IOException("2"), new IOException("3"));
    Retry retry = Retry.of(config().maxAttempts(5).maxDuration(Duration.ofMillis(250)).build());
    assertThrows(DeadlineExceededException.class, () -> drive(() -> retry.call(task)));
    assertEquals(List.of(0L, 100_000_000L, 200_000_000L), task.starts);
  }

  @Test
  void theCallersDeadlineWinsWhenEarlierThanMaxDuration() throws Exception {
    Script task = new Script(new IOException("1"), new IOException("2"));
    Retry retry = Retry.of(config().maxAttempts(5).maxDuration(Duration.ofSeconds(10)).build());
    Deadline deadline = Deadline.after(Duration.ofMillis(150), ticker);
    assertThrows(DeadlineExceededException.class, () -> drive(() -> deadline.call(() -> retry.call(task))));
    assertEquals(2, task.starts.size());
  }

  @Test
  void attemptsRunUnderTheCallsDeadline() throws Exception {
    Retry retry = Retry.of(config().maxDuration(Duration.ofSeconds(2)).build());
    Optional<Deadline> seen = retry.call(Deadline::current);
    assertEquals(Duration.ofSeconds(2), seen.orElseThrow().remaining());
  }

  @Test
  void aRetryDeniedByTheBudgetEndsTheCallWithTheLastFailure() {
    RetryBudget budget = RetryBudget.of(0, 0, Duration.ofSeconds(10), ticker);
    IOException first = new IOException("1");
    Script task = new Script(first, new IOException("2"));
    Retry retry = Retry.of(config().budget(budget).build());
    assertSame(first, assertThrows(IOException.class, () -> retry.call(task)));
    assertEquals(1, task.starts.size());
    assertEquals(1, retry.metrics().retriesDeniedByBudget());
  }

  @Test
  void aSharedBudgetCapsTheRetriesOfEveryRetryThatUsesIt() throws Exception {
    RetryBudget budget = RetryBudget.of(0, 1, Duration.ofSeconds(3), ticker); // 3 retries per window
    Retry a = Retry.of(config().maxAttempts(10).backoff(Backoff.fixed(Duration.ZERO)).budget(budget).build());
    Retry b = Retry.of(config().maxAttempts(10).backoff(Backoff.fixed(Duration.ZERO)).budget(budget).build());
    AtomicInteger attempts = new AtomicInteger();
    Callable<String> failing = () -> {
      attempts.incrementAndGet();
      throw new IOException();
    };
    assertThrows(IOException.class, () -> a.call(failing));
    assertThrows(IOException.class, () -> b.call(failing));
    assertEquals(2 + 3, attempts.get()); // two first attempts, three retries in all
  }

  @Test
  void interruptionDuringAWaitRestoresTheFlagCancelsTheWakeUpAndStartsNoAttempt() throws Exception {
    Script task = new Script(new IOException("1"));
    Retry retry = Retry.of(config().build());
    AtomicBoolean flagAfter = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        retry.call(task);
      } catch (Exception e) {
        thrown.set(e);
      }
      flagAfter.set(Thread.currentThread().isInterrupted());
    });
    caller.start();
    nextScheduled();
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertInstanceOf(InterruptedException.class, thrown.get());
    assertTrue(flagAfter.get());
    assertEquals(0, ticker.pendingTasks());
    ticker.advance(Duration.ofSeconds(1));
    assertEquals(1, task.starts.size());
  }

  @Test
  void interruptionDuringAWaitThrowsInterruptedExceptionWithTheLastFailureSuppressed() throws Exception {
    IOException first = new IOException("1");
    Script task = new Script(first);
    Retry retry = Retry.of(config().build());
    Thread.currentThread().interrupt();
    InterruptedException thrown = assertThrows(InterruptedException.class, () -> retry.call(task));
    assertTrue(Thread.interrupted()); // restored, and cleared here for the next test
    assertArrayEquals(new Throwable[] {first}, thrown.getSuppressed());
    assertEquals(0, first.getSuppressed().length);
  }

  @Test
  void theListenerIsToldOfEachRetryTheSuccessAndTheGiveUp() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    RetryListener listener = new RetryListener() {
      @Override
      public void onRetry(String name, int attempt, Duration delay, Throwable failure, Object result) {
        events.add("retry " + name + " " + attempt + " " + delay.toMillis() + " " + failure.getMessage());
      }

      @Override
      public void onSuccess(String name, int attempts) {
        events.add("success " + attempts);
      }

      @Override
      public void onGiveUp(String name, int attempts, GiveUp reason, Throwable lastFailure) {
        events.add("give up " + attempts + " " + reason + " " + lastFailure.getMessage());
      }
    };
    Retry retry = Retry.of(config().name("inventory").maxAttempts(2).listener(listener).build());
    drive(() -> retry.call(new Script(new IOException("a"))));
    assertThrows(IOException.class, () -> drive(() -> retry.call(new Script(new IOException("b"), new IOException("c")))));
    assertEquals(List.of("retry inventory 1 100 a", "success 2", "retry inventory 1 100 b", "give up 2 EXHAUSTED c"), events);
  }

  @Test
  void aListenerThatThrowsDoesNotChangeTheCall() throws Exception {
    RetryListener throwing = new RetryListener() {
      @Override
      public void onRetry(String name, int attempt, Duration delay, Throwable failure, Object result) {
        throw new IllegalStateException("listener");
      }
    };
    assertEquals("ok", drive(() -> Retry.of(config().listener(throwing).build()).call(new Script(new IOException()))));
  }

  @Test
  void metricsCountCallsByOutcome() throws Exception {
    Retry retry = Retry.of(config().maxAttempts(2).ignoreExceptions(IllegalStateException.class).build());
    retry.call(new Script());
    drive(() -> retry.call(new Script(new IOException())));
    assertThrows(IllegalStateException.class, () -> retry.call(new Script(new IllegalStateException())));
    assertThrows(IOException.class, () -> drive(() -> retry.call(new Script(new IOException(), new IOException()))));
    RetryMetrics metrics = retry.metrics();
    assertEquals(1, metrics.succeededWithoutRetry());
    assertEquals(1, metrics.succeededAfterRetry());
    assertEquals(1, metrics.failedWithoutRetry());
    assertEquals(1, metrics.failedAfterRetry());
    assertEquals(0, metrics.retriesDeniedByBudget());
  }

  @Test
  void aSeededRandomMakesJitteredDelaysReproducible() throws Exception {
    List<Long> first = jitteredDelays(7);
    List<Long> second = jitteredDelays(7);
    assertEquals(first, second);
  }

  private List<Long> jitteredDelays(long seed) throws Exception {
    scheduled.clear();
    Retry retry = Retry.of(config().maxAttempts(6).random(new SplittableRandom(seed))
        .backoff(Backoff.fullJitter(Duration.ofMillis(10), Duration.ofSeconds(1))).build());
    Script task = new Script(new IOException(), new IOException(), new IOException(), new IOException(), new IOException());
    drive(() -> retry.call(task));
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < task.starts.size(); i++) {
      gaps.add(task.starts.get(i) - task.starts.get(i - 1));
    }
    return gaps;
  }

  @Test
  void asyncWaitsWithoutAThreadAndCompletesWithTheValue() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Retry retry = Retry.of(config().build());
    CompletableFuture<String> result = retry.callAsync(() -> attempts.incrementAndGet() < 3
        ? CompletableFuture.failedFuture(new IOException()) : CompletableFuture.completedFuture("ok"));
    assertFalse(result.isDone());
    assertEquals(1, attempts.get());
    ticker.advance(Duration.ofMillis(100));
    assertEquals(2, attempts.get());
    ticker.advance(Duration.ofMillis(100));
    assertEquals("ok", result.getNow(null));
  }

  @Test
  void asyncExhaustionCompletesWithTheLastFailureUnchanged() {
    IOException last = new IOException("last");
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> result = Retry.of(config().maxAttempts(2).build())
        .callAsync(() -> CompletableFuture.failedFuture(attempts.incrementAndGet() == 2 ? last : new IOException()));
    ticker.advance(Duration.ofMillis(100));
    ExecutionException thrown = assertThrows(ExecutionException.class, result::get);
    assertSame(last, thrown.getCause());
  }

  @Test
  void anExceptionThrownByTheAsyncTaskItselfIsAFailedAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> result = Retry.of(config().build()).callAsync(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("thrown, not returned");
      }
      return CompletableFuture.completedFuture("ok");
    });
    ticker.advance(Duration.ofMillis(100));
    assertEquals("ok", result.getNow(null));
  }

  @Test
  void cancellingAnAsyncCallCancelsTheWaitAndStartsNoFurtherAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> result = Retry.of(config().build())
        .callAsync(() -> {
          attempts.incrementAndGet();
          return CompletableFuture.failedFuture(new IOException());
        });
    assertTrue(result.cancel(false));
    assertEquals(0, ticker.pendingTasks());
    ticker.advance(Duration.ofSeconds(1));
    assertEquals(1, attempts.get());
  }

  @Test
  void asyncUnderAnExpiredDeadlineFailsAtOnce() throws Exception {
    Deadline deadline = Deadline.after(Duration.ofMillis(1), ticker);
    ticker.advance(Duration.ofMillis(1));
    CompletableFuture<Object> result = deadline.call(() -> Retry.of(config().build()).callAsync(() -> {
      throw new AssertionError("must not start");
    }));
    assertInstanceOf(DeadlineExceededException.class, assertThrows(ExecutionException.class, result::get).getCause());
  }

  @Test
  void aNullTaskIsRejected() {
    Retry retry = Retry.of(config().build());
    assertEquals("task must not be null", assertThrows(NullPointerException.class, () -> retry.call(null)).getMessage());
    assertThrows(NullPointerException.class, () -> retry.callAsync(null));
  }
}
