package dev.trestle.tck.retry;

import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryConfig;
import dev.trestle.core.retry.RetryMetrics;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A broken asynchronous retry for the self-test: Trestle's retry behind a {@code callAsync} that
 * digs each failed stage's exception down to its root cause before the retry judges it, a common way
 * to "unwrap" CompletionException that also strips an exception the task threw with a cause of its
 * own.
 */
final class RootCauseAsyncRetry implements Retry {

  private final Retry delegate;

  RootCauseAsyncRetry(Retry delegate) {
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
    return delegate.callAsync(() -> {
      CompletableFuture<T> original = task.get().toCompletableFuture();
      CompletableFuture<T> judged = new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
          original.cancel(mayInterruptIfRunning); // cancelling still reaches the task's own stage
          return super.cancel(mayInterruptIfRunning);
        }
      };
      original.whenComplete((value, failure) -> {
        if (failure == null) {
          judged.complete(value);
          return;
        }
        Throwable root = failure;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        judged.completeExceptionally(root);
      });
      return judged;
    });
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
    return "FaultyRetry(ROOT_CAUSE_OF_ASYNC_FAILURES)";
  }
}
