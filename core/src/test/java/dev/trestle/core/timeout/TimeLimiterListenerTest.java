package dev.trestle.core.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A {@link TimeLimiterListener} hears each call's end once, with the elapsed time on the limiter's ticker. */
class TimeLimiterListenerTest {

  private static final long WAIT_SECONDS = 30; // only bounds a hang; no assertion depends on it

  private final ManualTicker ticker = new ManualTicker();
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final List<String> heard = new CopyOnWriteArrayList<>();

  private final TimeLimiterListener recorder = new TimeLimiterListener() {
    @Override
    public void onSuccess(Duration elapsed) {
      heard.add("success " + elapsed.toMillis());
    }

    @Override
    public void onError(Duration elapsed, Throwable failure) {
      heard.add("error " + elapsed.toMillis() + " " + failure.getClass().getSimpleName());
    }

    @Override
    public void onTimeout(Duration elapsed) {
      heard.add("timeout " + elapsed.toMillis());
    }
  };

  @AfterEach
  void stop() {
    workers.shutdownNow();
    callers.shutdownNow();
  }

  private TimeLimiter limiter(TimeLimiterListener... listeners) {
    TimeLimiterConfig.Builder builder = TimeLimiterConfig.builder().timeout(Duration.ofMillis(100)).ticker(ticker).executor(workers);
    for (TimeLimiterListener listener : listeners) {
      builder.listener(listener);
    }
    return TimeLimiter.of(builder.build());
  }

  @Test
  void aSynchronousCallIsHeardAsSuccessErrorOrTimeout() throws Exception {
    TimeLimiter limiter = limiter(recorder);
    assertEquals("v", limiter.call(() -> "v"));
    IOException thrown = new IOException("boom");
    assertSame(thrown, assertThrows(IOException.class, () -> limiter.call(() -> {
      throw thrown;
    })));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Future<Object> late = callers.submit(() -> limiter.call(() -> {
      started.countDown();
      never.await();
      return "late";
    }));
    assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
    ticker.advance(Duration.ofMillis(100));
    ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof DeadlineExceededException, String.valueOf(e.getCause()));
    assertEquals(List.of("success 0", "error 0 IOException", "timeout 100"), heard);
  }

  @Test
  void anAsynchronousCallIsHeardOnceAndACancelByTheCallerNotAtAll() throws Exception {
    TimeLimiter limiter = limiter(recorder);
    CompletableFuture<String> value = new CompletableFuture<>();
    CompletableFuture<String> ok = limiter.callAsync(() -> value);
    ticker.advance(Duration.ofMillis(40));
    value.complete("v");
    assertEquals("v", ok.get(WAIT_SECONDS, TimeUnit.SECONDS));

    CompletableFuture<String> failing = limiter.callAsync(() -> CompletableFuture.failedFuture(new IllegalStateException("x")));
    ExecutionException failed = assertThrows(ExecutionException.class, () -> failing.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(failed.getCause() instanceof IllegalStateException);

    CompletableFuture<String> slow = limiter.callAsync(CompletableFuture::new);
    ticker.advance(Duration.ofMillis(100));
    ExecutionException timedOut = assertThrows(ExecutionException.class, () -> slow.get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(timedOut.getCause() instanceof DeadlineExceededException);

    CompletableFuture<String> cancelled = limiter.callAsync(CompletableFuture::new);
    assertTrue(cancelled.cancel(true));
    assertTrue(cancelled.isCancelled());
    ticker.advance(Duration.ofMillis(100)); // the limiter's timer was disarmed: nothing more is heard

    assertEquals(List.of("success 40", "error 0 IllegalStateException", "timeout 100"), heard);
  }

  @Test
  void aListenerThatThrowsChangesNothingAndTheOthersStillHear() throws Exception {
    TimeLimiterListener throwing = new TimeLimiterListener() {
      @Override
      public void onSuccess(Duration elapsed) {
        throw new IllegalStateException("listener bug");
      }
    };
    TimeLimiter limiter = limiter(throwing, recorder);
    assertEquals("v", limiter.call(() -> "v"));
    assertEquals("w", limiter.callAsync(() -> CompletableFuture.completedFuture("w")).get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(List.of("success 0", "success 0"), heard);
  }

  @Test
  void theListenersAreKeptInOrderAndANullOneIsRefused() {
    TimeLimiterListener other = new TimeLimiterListener() {};
    TimeLimiterConfig config = TimeLimiterConfig.builder().timeout(Duration.ofSeconds(1)).listener(recorder).listener(other).build();
    assertEquals(List.of(recorder, other), config.listeners());
    assertThrows(UnsupportedOperationException.class, () -> config.listeners().add(other));
    NullPointerException e = assertThrows(NullPointerException.class, () -> TimeLimiterConfig.builder().listener(null));
    assertTrue(e.getMessage().contains("listener"), e.getMessage());
  }
}
