package dev.trestle.tck.retry;

import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.retry.RetryMetrics;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A broken asynchronous retry for the self-test (FaultyRetry is synchronous only): Trestle's retry
 * behind a {@code callAsync} that makes the first attempt itself, outside the retry, and hands the
 * retry a supplier that returns that stage first. A failed first stage is retried as it should be;
 * a supplier that throws on the first attempt throws out of {@code callAsync} instead.
 */
final class EagerAsyncRetry implements Retry {

  private final Retry delegate;

  EagerAsyncRetry(Retry delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T call(Callable<T> task) throws Exception {
    return delegate.call(task);
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    if (task == null) {
      throw new NullPointerException("task");
    }
    CompletionStage<T> first = task.get();
    AtomicBoolean used = new AtomicBoolean();
    return delegate.callAsync(() -> used.getAndSet(true) ? task.get() : first);
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
    return "FaultyRetry(EAGER_FIRST_ASYNC_ATTEMPT)";
  }
}
