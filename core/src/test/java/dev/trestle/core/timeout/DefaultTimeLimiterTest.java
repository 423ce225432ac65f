package dev.trestle.core.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Behaviour specific to Trestle's limiter; the general contract is checked by the TimeLimiterTck. */
class DefaultTimeLimiterTest {

  private static final long WAIT_SECONDS = 30; // only bounds a hang; no assertion depends on it

  private final ManualTicker ticker = new ManualTicker();
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    workers.shutdownNow();
    callers.shutdownNow();
  }

  private TimeLimiter limiter(Duration timeout) {
    return TimeLimiter.of(TimeLimiterConfig.builder().timeout(timeout).ticker(ticker).executor(workers).build());
  }

  @Test
  void theTimeoutMessageGivesTheLimitAndTheElapsedTime() throws Exception {
    TimeLimiter limiter = limiter(Duration.ofMillis(250));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Future<Object> call = callers.submit(() -> limiter.call(() -> {
      started.countDown();
      never.await();
      return "late";
    }));
    assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
    ticker.advance(Duration.ofMillis(250));
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(WAIT_SECONDS, TimeUnit.SECONDS));
    DeadlineExceededException timeout = assertInstanceOf(DeadlineExceededException.class, e.getCause());
    assertEquals("deadline exceeded: limit 250ms, elapsed 250ms", timeout.getMessage());
    assertEquals(Duration.ofMillis(250), timeout.limit());
    assertEquals(Duration.ofMillis(250), timeout.elapsed());
  }

  @Test
  void aCallThatFinishesLeavesNoTimerBehind() throws Exception {
    TimeLimiter limiter = limiter(Duration.ofSeconds(1));
    for (int i = 0; i < 100; i++) {
      assertEquals(i, limiter.call(() -> 0) + i);
    }
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void theTaskRunsUnderTheLimitAsItsDeadline() throws Exception {
    TimeLimiter limiter = limiter(Duration.ofSeconds(2));
    Optional<Deadline> seen = limiter.call(Deadline::current);
    assertTrue(seen.isPresent());
    assertEquals(Duration.ofSeconds(2), seen.get().remaining());
  }

  @Test
  void aShorterCallerDeadlineLimitsTheCallAndIsPassedOnUnchanged() throws Exception {
    TimeLimiter limiter = limiter(Duration.ofSeconds(10));
    Deadline caller = Deadline.after(Duration.ofSeconds(3), ticker);
    assertSame(caller, caller.call(() -> limiter.call(() -> Deadline.current().orElseThrow())));
  }

  @Test
  void aCallUnderAnExpiredDeadlineFailsAtOnceWithoutStartingTheTask() throws Exception {
    TimeLimiter limiter = limiter(Duration.ofSeconds(10));
    Deadline caller = Deadline.after(Duration.ofSeconds(1), ticker);
    ticker.advance(Duration.ofSeconds(2));
    AtomicBoolean started = new AtomicBoolean();
    DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
        () -> caller.call(() -> limiter.call(() -> started.getAndSet(true))));
    assertFalse(started.get());
    assertTrue(e.getMessage().contains("the task was not started"), e.getMessage());
    CompletableFuture<Object> async = caller.call(() -> limiter.callAsync(() -> {
      started.set(true);
      return CompletableFuture.completedFuture("x");
    }));
    assertInstanceOf(DeadlineExceededException.class,
        assertThrows(ExecutionException.class, async::get).getCause());
    assertFalse(started.get());
  }

  @Test
  void aRejectingExecutorSurfacesTheRejectionAndDisarmsTheTimer() {
    ExecutorService closing = Executors.newSingleThreadExecutor();
    TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.builder().timeout(Duration.ofSeconds(1))
        .ticker(ticker).executor(closing).build());
    closing.shutdown();
    assertThrows(RejectedExecutionException.class, () -> limiter.call(() -> "x"));
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void anInterruptedCallerCancelsTheTaskAndSeesInterruptedException() throws Exception {
    TimeLimiter limiter = limiter(Duration.ofSeconds(10));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch taskInterrupted = new CountDownLatch(1);
    AtomicReference<Throwable> callerSaw = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        limiter.call(() -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            taskInterrupted.countDown();
          }
          return null;
        });
      } catch (Throwable t) {
        callerSaw.set(t);
      }
    });
    caller.start();
    assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertInstanceOf(InterruptedException.class, callerSaw.get());
    assertTrue(taskInterrupted.await(WAIT_SECONDS, TimeUnit.SECONDS), "the task must be interrupted");
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void cancellingTheAsyncResultCancelsTheWorkAndTheTimer() {
    TimeLimiter limiter = limiter(Duration.ofSeconds(10));
    CompletableFuture<String> work = new CompletableFuture<>();
    CompletableFuture<String> result = limiter.callAsync(() -> work);
    assertTrue(result.cancel(true));
    assertTrue(work.isCancelled());
    assertEquals(0, ticker.pendingTasks());
  }

  @Test
  void anAsyncTaskThatThrowsOrReturnsNullFailsTheFuture() {
    TimeLimiter limiter = limiter(Duration.ofSeconds(10));
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> thrown = limiter.callAsync(() -> { throw boom; });
    assertSame(boom, assertThrows(ExecutionException.class, thrown::get).getCause());
    CompletableFuture<String> nothing = limiter.callAsync(() -> null);
    assertInstanceOf(NullPointerException.class, assertThrows(ExecutionException.class, nothing::get).getCause());
  }

  @Test
  void onTheSystemTickerABlockedTaskTimesOut() throws Exception {
    TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.builder().timeout(Duration.ofMillis(20)).executor(workers).build());
    CountDownLatch never = new CountDownLatch(1);
    assertThrows(DeadlineExceededException.class, () -> limiter.call(() -> {
      never.await();
      return "late";
    }));
    assertEquals("fast", limiter.call(() -> "fast"));
  }

  @Test
  void rejectsNullTasks() {
    TimeLimiter limiter = limiter(Duration.ofSeconds(1));
    assertEquals("task must not be null", assertThrows(NullPointerException.class, () -> limiter.call(null)).getMessage());
    assertEquals("task must not be null", assertThrows(NullPointerException.class, () -> limiter.callAsync(null)).getMessage());
  }
}
