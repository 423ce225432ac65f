package dev.trestle.tck.bulkhead;

import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.bulkhead.BulkheadConfig;
import dev.trestle.core.bulkhead.BulkheadFullException;
import dev.trestle.core.bulkhead.BulkheadMetrics;
import io.github.resilience4j.core.exception.AcquirePermissionCancelledException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Resilience4j's {@code SemaphoreBulkhead} behind Trestle's interface. The adapter only translates:
 * its rejection becomes Trestle's {@link BulkheadFullException}, everything else goes straight
 * through to Resilience4j, including {@code releasePermission()}. Where the two protocols differ
 * the adapter keeps Resilience4j's behaviour and says so:
 *
 * <ul>
 *   <li>{@code tryAcquirePermission()} waits up to maxWait, as Resilience4j's does (Trestle's never
 *       waits); {@code tryAcquirePermission(Duration)} supports only the configured wait.
 *   <li>An interrupt while waiting makes Resilience4j throw its
 *       {@code AcquirePermissionCancelledException}; the adapter reports it as Trestle does: an
 *       {@link InterruptedException} from {@code call}, a {@link BulkheadFullException} caused by
 *       one from {@code get}, {@code run} and {@code acquirePermission}.
 *   <li>{@code callAsync} blocks its caller while it waits for a permit.
 *   <li>Resilience4j counts no waiters; the adapter counts rejections it sees.
 * </ul>
 */
final class Resilience4jBulkhead implements Bulkhead {

  private final io.github.resilience4j.bulkhead.Bulkhead delegate;
  private final BulkheadConfig config;
  private final java.util.concurrent.atomic.AtomicLong rejected = new java.util.concurrent.atomic.AtomicLong();

  Resilience4jBulkhead(BulkheadSpec spec) {
    this.delegate = io.github.resilience4j.bulkhead.Bulkhead.of(spec.name(),
        io.github.resilience4j.bulkhead.BulkheadConfig.custom()
            .maxConcurrentCalls(spec.maxConcurrentCalls())
            .maxWaitDuration(spec.maxWait())
            .fairCallHandlingStrategyEnabled(spec.fair())
            .build());
    this.config = BulkheadConfig.builder().name(spec.name()).maxConcurrentCalls(spec.maxConcurrentCalls())
        .maxWait(spec.maxWait()).fair(spec.fair()).build();
  }

  private BulkheadFullException translate(io.github.resilience4j.bulkhead.BulkheadFullException full) {
    rejected.incrementAndGet();
    return new BulkheadFullException(config.name(), config.maxConcurrentCalls(), config.maxWait());
  }

  @Override
  public String name() {
    return delegate.getName();
  }

  @Override
  public BulkheadConfig config() {
    return config;
  }

  @Override
  public boolean tryAcquirePermission() {
    boolean permitted = delegate.tryAcquirePermission();
    if (!permitted) {
      rejected.incrementAndGet();
    }
    return permitted;
  }

  @Override
  public boolean tryAcquirePermission(Duration wait) {
    if (!wait.equals(config.maxWait())) {
      throw new UnsupportedOperationException("Resilience4j waits only its configured maxWait " + config.maxWait());
    }
    return tryAcquirePermission();
  }

  @Override
  public void acquirePermission() {
    try {
      delegate.acquirePermission();
    } catch (io.github.resilience4j.bulkhead.BulkheadFullException full) {
      throw translate(full);
    } catch (AcquirePermissionCancelledException cancelled) {
      throw interruptedFull(cancelled);
    }
  }

  @Override
  public void releasePermission() {
    delegate.releasePermission();
  }

  @Override
  public BulkheadMetrics metrics() {
    io.github.resilience4j.bulkhead.Bulkhead.Metrics metrics = delegate.getMetrics();
    return new BulkheadMetrics(metrics.getMaxAllowedConcurrentCalls(), metrics.getAvailableConcurrentCalls(), 0, rejected.get());
  }

  private static InterruptedException interrupted(AcquirePermissionCancelledException cancelled) {
    InterruptedException interrupted = new InterruptedException(cancelled.getMessage());
    interrupted.initCause(cancelled);
    return interrupted;
  }

  private BulkheadFullException interruptedFull(AcquirePermissionCancelledException cancelled) {
    return new BulkheadFullException(config.name(), config.maxConcurrentCalls(), config.maxWait(), interrupted(cancelled));
  }

  @Override
  public <T> T call(Callable<T> callable) throws Exception {
    try {
      return io.github.resilience4j.bulkhead.Bulkhead.decorateCallable(delegate, callable).call();
    } catch (io.github.resilience4j.bulkhead.BulkheadFullException full) {
      throw translate(full);
    } catch (AcquirePermissionCancelledException cancelled) {
      throw interrupted(cancelled);
    }
  }

  @Override
  public <T> T get(Supplier<T> supplier) {
    try {
      return io.github.resilience4j.bulkhead.Bulkhead.decorateSupplier(delegate, supplier).get();
    } catch (io.github.resilience4j.bulkhead.BulkheadFullException full) {
      throw translate(full);
    } catch (AcquirePermissionCancelledException cancelled) {
      throw interruptedFull(cancelled);
    }
  }

  @Override
  public void run(Runnable runnable) {
    try {
      io.github.resilience4j.bulkhead.Bulkhead.decorateRunnable(delegate, runnable).run();
    } catch (io.github.resilience4j.bulkhead.BulkheadFullException full) {
      throw translate(full);
    } catch (AcquirePermissionCancelledException cancelled) {
      throw interruptedFull(cancelled);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
    CompletionStage<T> stage = io.github.resilience4j.bulkhead.Bulkhead
        .decorateCompletionStage(delegate, (Supplier<CompletionStage<T>>) supplier).get();
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete((value, failure) -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof io.github.resilience4j.bulkhead.BulkheadFullException) {
        result.completeExceptionally(translate((io.github.resilience4j.bulkhead.BulkheadFullException) cause));
      } else if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    });
    return result;
  }

  @Override
  public String toString() {
    return "Resilience4jBulkhead[" + delegate + "]";
  }
}
