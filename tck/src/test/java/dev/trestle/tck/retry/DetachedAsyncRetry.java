package dev.trestle.tck.retry;

import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.retry.RetryMetrics;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A broken asynchronous retry for the self-test (FaultyRetry is synchronous only): Trestle's retry
 * behind a {@code callAsync} that returns a stage derived from the retry's future instead of that
 * future. Every outcome reaches the caller as before, but cancelling what the caller holds no longer
 * reaches the retry: its wait stays scheduled and its attempt's stage runs on.
 */
final class DetachedAsyncRetry implements Retry {

  private final Retry delegate;

  DetachedAsyncRetry(Retry delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    return delegate.call(task);
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    return delegate.callAsync(task).thenApply(Function.identity());
  }

  @Override
  public RetryConfig config() {
    return delegate.config();
  }

  @Override
  public RetryMetrics metrics() {
    return delegate.metrics();
  }

  @Override
  public String toString() {
    return "FaultyRetry(DETACHED_ASYNC_FUTURE)";
  }
}
