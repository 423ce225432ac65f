package dev.trestle.tck.bulkhead;

import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.bulkhead.BulkheadConfig;
import dev.trestle.core.bulkhead.BulkheadMetrics;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Trestle's bulkhead behind a wrapper that converts one of its durations with {@code toMillis}, as
 * code at an API boundary often does: a broken bulkhead for the self-test that, unlike
 * {@link FaultyBulkhead}, runs on the kit's manual ticker, where a lost 0.500250 ms shows.
 */
final class TruncatingBulkhead implements Bulkhead {

  enum Where {
    /** The configured maxWait. */
    MAX_WAIT,
    /** The wait given to tryAcquirePermission(Duration). */
    PER_CALL_WAIT
  }

  private final Bulkhead delegate;
  private final Where where;

  private TruncatingBulkhead(Bulkhead delegate, Where where) {
    this.delegate = delegate;
    this.where = where;
  }

  static Bulkhead of(BulkheadSpec spec, Where where) {
    Duration maxWait = where == Where.MAX_WAIT ? Duration.ofMillis(spec.maxWait().toMillis()) : spec.maxWait();
    return new TruncatingBulkhead(Bulkhead.of(BulkheadConfig.builder().name(spec.name())
        .maxConcurrentCalls(spec.maxConcurrentCalls()).maxWait(maxWait).fair(spec.fair()).ticker(spec.ticker()).build()), where);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public BulkheadConfig config() {
    return delegate.config();
  }

  @Override
  public boolean tryAcquirePermission() {
    return delegate.tryAcquirePermission();
  }

  @Override
  public boolean tryAcquirePermission(Duration wait) throws InterruptedException {
    return delegate.tryAcquirePermission(where == Where.PER_CALL_WAIT ? Duration.ofMillis(wait.toMillis()) : wait);
  }

  @Override
  public void acquirePermission() throws InterruptedException {
    delegate.acquirePermission();
  }

  @Override
  public void releasePermission() {
    delegate.releasePermission();
  }

  @Override
  public BulkheadMetrics metrics() {
    return delegate.metrics();
  }

  @Override
  public <T> T call(Callable<T> callable) throws Exception {
    return delegate.call(callable);
  }

  @Override
  public <T> T get(Supplier<T> supplier) {
    return delegate.get(supplier);
  }

  @Override
  public void run(Runnable runnable) {
    delegate.run(runnable);
  }

  @Override
  public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
    return delegate.callAsync(supplier);
  }
}
