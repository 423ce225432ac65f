package dev.trestle.core.compose;

import dev.trestle.core.breaker.CallNotPermittedException;
import dev.trestle.core.breaker.CircuitBreaker;
import dev.trestle.core.bulkhead.Bulkhead;
import dev.trestle.core.hedge.Hedge;
import dev.trestle.core.internal.Arguments;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.timeout.TimeLimiter;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Stacks any of a {@link Retry}, a {@link CircuitBreaker}, a {@link Bulkhead}, a {@link Hedge} and
 * a {@link TimeLimiter} around a call, always in this order, outermost first:
 *
 * <pre>
 * retry( circuitBreaker( bulkhead( hedge( timeLimiter( call ) ) ) ) )
 * </pre>
 *
 * <p>Why this order, from the outside in:
 *
 * <ol>
 *   <li><b>Retry</b> is outermost, so each retry is a fresh trip through everything inside: the
 *       breaker sees every attempt, a bulkhead permit is held only while an attempt runs (never
 *       during the backoff), and every attempt gets a time limit of its own. The retry must not
 *       retry {@link CallNotPermittedException}: {@link Builder#build()} refuses a retry whose config
 *       would, because retrying a breaker that is open only spins until the attempts run out.
 *   <li><b>Circuit breaker</b> next, so it counts each attempt's outcome (timeouts included, as
 *       {@link dev.trestle.core.DeadlineExceededException}) and, once open, ends the call at once
 *       with {@link CallNotPermittedException}, before the bulkhead is asked for a permit and
 *       before the retry waits again.
 *   <li><b>Bulkhead</b> inside the breaker, so a call the breaker rejects never takes a permit,
 *       and a call refused by the bulkhead ({@link dev.trestle.core.bulkhead.BulkheadFullException})
 *       counts as a failure of the breaker only if the breaker's config says so.
 *   <li><b>Hedge</b> inside the bulkhead: a hedged call holds one permit for all its attempts, so
 *       hedging cannot multiply the concurrency the bulkhead allows.
 *   <li><b>Time limiter</b> innermost, so it bounds each attempt (each hedged attempt too): a slow
 *       attempt ends at the limit, gives its permit back, and is a failure the breaker counts and
 *       the retry may retry. To bound the whole call, retries included, run it under a
 *       {@link dev.trestle.core.Deadline}: every block honours {@code Deadline.current()}.
 * </ol>
 *
 * <p>This is the order Resilience4j's {@code Decorators} and Failsafe's policy lists recommend for
 * the same blocks. Each block is optional; the ones left out are skipped.
 *
 * <p><b>Exceptions</b> reach the caller unwrapped: the call's own exception (the same instance) when
 * it is not retried or the retries run out, {@link CallNotPermittedException},
 * {@link dev.trestle.core.bulkhead.BulkheadFullException} or
 * {@link dev.trestle.core.DeadlineExceededException} when a block ends the call. {@link #callAsync}
 * completes its future with the same exceptions.
 *
 * <p>Immutable and thread-safe when its blocks are (Trestle's are): one policy serves any number of
 * concurrent calls.
 */
public final class CallPolicy {

  private final Retry retry;
  private final CircuitBreaker breaker;
  private final Bulkhead bulkhead;
  private final Hedge hedge;
  private final TimeLimiter timeLimiter;

  private CallPolicy(Builder b) {
    this.retry = b.retry;
    this.breaker = b.breaker;
    this.bulkhead = b.bulkhead;
    this.hedge = b.hedge;
    this.timeLimiter = b.timeLimiter;
  }

  /** Returns a builder with no block set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Calls {@code task} on this thread through the policy's blocks (a hedge and a time limiter run
   * it on their executors) and returns its value.
   *
   * @throws NullPointerException if {@code task} is null
   * @throws Exception the task's exception, unchanged, or the exception of the block that ended the
   *     call, as the class description says
   */
  public <T> T call(Callable<T> task) throws Exception {
    Arguments.requireNonNull(task, "task");
    Callable<T> call = task;
    if (timeLimiter != null) {
      Callable<T> limited = call;
      call = () -> timeLimiter.call(limited);
    }
    if (hedge != null) {
      Callable<T> hedged = call;
      call = () -> hedge.call(hedged);
    }
    if (bulkhead != null) {
      Callable<T> bounded = call;
      call = () -> bulkhead.call(bounded);
    }
    if (breaker != null) {
      Callable<T> guarded = call;
      call = () -> breaker.call(guarded);
    }
    return retry != null ? retry.call(call) : call.call();
  }

  /**
   * Starts asynchronous work through the policy's blocks: {@code task} is called once per attempt
   * (per hedged attempt too) and must start the work and return its stage without blocking. Never
   * blocks the caller.
   *
   * @return a future of the work's result, completed as {@link #call} would return or throw;
   *     cancelling it cancels the attempt in progress and starts no further one
   * @throws NullPointerException if {@code task} is null
   */
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> task) {
    Arguments.requireNonNull(task, "task");
    Supplier<? extends CompletionStage<T>> call = task;
    if (timeLimiter != null) {
      Supplier<? extends CompletionStage<T>> limited = call;
      call = () -> timeLimiter.callAsync(limited);
    }
    if (hedge != null) {
      Supplier<? extends CompletionStage<T>> hedged = call;
      call = () -> hedge.callAsync(hedged);
    }
    if (bulkhead != null) {
      Supplier<? extends CompletionStage<T>> bounded = call;
      call = () -> bulkhead.callAsync(bounded);
    }
    if (breaker != null) {
      Supplier<? extends CompletionStage<T>> guarded = call;
      call = () -> breaker.callAsync(guarded);
    }
    if (retry != null) {
      return retry.callAsync(call);
    }
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException | Error failed) {
      return CompletableFuture.failedFuture(failed);
    }
    if (stage == null) {
      return CompletableFuture.failedFuture(new NullPointerException("task returned a null CompletionStage"));
    }
    return stage.toCompletableFuture();
  }

  @Override
  public String toString() {
    StringJoiner blocks = new StringJoiner(" > ", "CallPolicy[", "]");
    if (retry != null) {
      blocks.add("retry " + retry.config().name());
    }
    if (breaker != null) {
      blocks.add("circuitBreaker " + breaker.name());
    }
    if (bulkhead != null) {
      blocks.add("bulkhead " + bulkhead.name());
    }
    if (hedge != null) {
      blocks.add("hedge " + hedge.config().name());
    }
    if (timeLimiter != null) {
      blocks.add("timeLimiter " + timeLimiter.config().timeout());
    }
    return blocks.toString();
  }

  /**
   * Builds a {@link CallPolicy}. The order of the setter calls does not matter: the policy always
   * stacks its blocks in the order of the class description. Each setter checks its argument at
   * once. Not thread-safe.
   */
  public static final class Builder {
    private Retry retry;
    private CircuitBreaker breaker;
    private Bulkhead bulkhead;
    private Hedge hedge;
    private TimeLimiter timeLimiter;

    private Builder() {}

    /**
     * Sets the retry, the outermost block.
     *
     * @throws NullPointerException if {@code retry} is null
     */
    public Builder retry(Retry retry) {
      this.retry = Arguments.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Sets the circuit breaker, inside the retry.
     *
     * @throws NullPointerException if {@code breaker} is null
     */
    public Builder circuitBreaker(CircuitBreaker breaker) {
      this.breaker = Arguments.requireNonNull(breaker, "breaker");
      return this;
    }

    /**
     * Sets the bulkhead, inside the circuit breaker.
     *
     * @throws NullPointerException if {@code bulkhead} is null
     */
    public Builder bulkhead(Bulkhead bulkhead) {
      this.bulkhead = Arguments.requireNonNull(bulkhead, "bulkhead");
      return this;
    }

    /**
     * Sets the hedge, inside the bulkhead.
     *
     * @throws NullPointerException if {@code hedge} is null
     */
    public Builder hedge(Hedge hedge) {
      this.hedge = Arguments.requireNonNull(hedge, "hedge");
      return this;
    }

    /**
     * Sets the time limiter, the innermost block: it bounds each attempt.
     *
     * @throws NullPointerException if {@code timeLimiter} is null
     */
    public Builder timeLimiter(TimeLimiter timeLimiter) {
      this.timeLimiter = Arguments.requireNonNull(timeLimiter, "timeLimiter");
      return this;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalStateException if no block is set
     * @throws IllegalArgumentException if both a retry and a circuit breaker are set and the retry's
     *     config would retry {@link CallNotPermittedException} (add it to the retry's
     *     {@code ignoreExceptions})
     */
    public CallPolicy build() {
      if (retry == null && breaker == null && bulkhead == null && hedge == null && timeLimiter == null) {
        throw new IllegalStateException("a CallPolicy needs at least one block: set a retry, circuitBreaker, bulkhead, "
            + "hedge or timeLimiter");
      }
      if (retry != null && breaker != null
          && retry.config().isRetryable(new CallNotPermittedException(breaker.name(), breaker.state(), Duration.ZERO))) {
        throw new IllegalArgumentException("retry '" + retry.config().name() + "' would retry CallNotPermittedException, "
            + "so an open circuit breaker '" + breaker.name() + "' would be asked again until the attempts run out; "
            + "build the retry with ignoreExceptions(CallNotPermittedException.class)");
      }
      return new CallPolicy(this);
    }
  }
}
