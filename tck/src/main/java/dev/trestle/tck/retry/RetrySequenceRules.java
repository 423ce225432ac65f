package dev.trestle.tck.retry;

import dev.trestle.core.retry.Backoff;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryMetrics;
import dev.trestle.tck.ConformanceKit.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The RETRY rules about how a call ends and what it leaves behind (1.4, 7.2, 9.4, 11.1), kept out of
 * {@link RetryTck} so that the kit stays readable; each is run from the kit's test method of the
 * same rule, through the kit's package-private bridges.
 */
final class RetrySequenceRules {

  private static final Duration MANUAL_DELAY = Duration.ofSeconds(1);
  private static final Duration REAL_LONG_DELAY = Duration.ofMinutes(1);

  private final RetryTck kit;

  RetrySequenceRules(RetryTck kit) {
    this.kit = kit;
  }

  /** RETRY-1.4: exactly maxAttempts - 1 waits, on failures and on retried results, through every operation. */
  void noWaitAfterTheLastAttempt() {
    String rule = "RETRY-1.4";
    Retry retry = kit.build(kit.baseSpec().maxAttempts(3).retryOnResult("again"::equals));
    RetryProbe failing = new RetryProbe(kit.kitTicker(), attempt -> new IOException("attempt " + attempt));
    int before = kit.waitsSeen();
    Outcome<Object> failed = kit.sync(retry, failing, rule);
    kit.check(failed.failure() == failing.thrown(3) && kit.waitsSeen() - before == 2, rule,
        "the third attempt's exception after 2 waits, none after the last attempt",
        failed + " after " + failing.attempts() + " attempts and " + (kit.waitsSeen() - before) + " waits");
    RetryProbe again = new RetryProbe(kit.kitTicker(), attempt -> "again");
    before = kit.waitsSeen();
    Outcome<Object> retried = kit.sync(retry, again, rule);
    kit.check("again".equals(retried.value()) && kit.waitsSeen() - before == 2, rule,
        "the last retried result after 2 waits, none after the last attempt",
        retried + " after " + again.attempts() + " attempts and " + (kit.waitsSeen() - before) + " waits");
    if (kit.has(RetryFeature.ASYNC)) {
      RetryProbe async = new RetryProbe(kit.kitTicker(), attempt -> new IOException("attempt " + attempt));
      before = kit.waitsSeen();
      Outcome<Object> asyncFailed = kit.async(retry, async.async(), rule);
      kit.check(asyncFailed.failure() == async.thrown(3) && kit.waitsSeen() - before == 2, rule,
          "callAsync failing with the third attempt's exception after 2 waits, none after the last attempt",
          asyncFailed + " after " + async.attempts() + " attempts and " + (kit.waitsSeen() - before) + " waits");
    }
  }

  /** RETRY-7.2: InterruptedException itself, the interrupt status restored, the last failure suppressed by it. */
  void interruptionIsReportedExactly() {
    String rule = "RETRY-7.2";
    boolean manual = kit.has(RetryFeature.MANUAL_TICKER);
    Retry retry = kit.build(kit.baseSpec().maxAttempts(3).backoff(Backoff.fixed(manual ? MANUAL_DELAY : REAL_LONG_DELAY)));
    RetryProbe probe = new RetryProbe(kit.kitTicker(), attempt -> new IOException("attempt " + attempt));
    AtomicReference<Thread> caller = new AtomicReference<>();
    AtomicBoolean interruptedAfter = new AtomicBoolean();
    Future<Object> call = kit.submit(() -> {
      caller.set(Thread.currentThread());
      try {
        return retry.call(probe);
      } finally {
        interruptedAfter.set(Thread.interrupted());
      }
    });
    if (manual) {
      kit.check(kit.nextWait() != null, rule, "a wait after the first attempt", "none was scheduled");
    } else {
      kit.check(probe.awaitAttempts(1, kit.guard()), rule, "a first attempt", "none started");
    }
    caller.get().interrupt();
    Outcome<Object> outcome = kit.outcome(call, rule, "the call to end when interrupted");
    Throwable failure = outcome.failure();
    boolean suppressed = failure != null && Arrays.asList(failure.getSuppressed()).contains(probe.thrown(1));
    kit.check(failure instanceof InterruptedException && interruptedAfter.get() && suppressed && probe.attempts() == 1, rule,
        "InterruptedException suppressing the first attempt's exception, the interrupt status set, after 1 attempt",
        outcome + (failure == null ? "" : " suppressing " + Arrays.toString(failure.getSuppressed())) + ", interrupt status "
            + interruptedAfter.get() + ", " + probe.attempts() + " attempts");
  }

  /** RETRY-9.4: a supplier that throws is a failed attempt like a failed stage. */
  void asyncSupplierThatThrowsIsAFailedAttempt() {
    String rule = "RETRY-9.4";
    Retry retry = kit.build(kit.baseSpec().maxAttempts(3));
    Object token = new Object();
    AtomicInteger calls = new AtomicInteger();
    Supplier<CompletionStage<Object>> throwsFirst = () -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("thrown by the supplier on attempt 1");
      }
      return CompletableFuture.completedFuture(token);
    };
    Outcome<Object> recovered = kit.async(retry, throwsFirst, rule);
    kit.check(recovered.value() == token && calls.get() == 2, rule, "the second attempt's value after 2 attempts",
        recovered + " after " + calls.get() + " attempts");
    List<RuntimeException> thrown = new CopyOnWriteArrayList<>();
    Supplier<CompletionStage<Object>> alwaysThrows = () -> {
      RuntimeException failure = new IllegalStateException("thrown by the supplier on attempt " + (thrown.size() + 1));
      thrown.add(failure);
      throw failure;
    };
    Outcome<Object> exhausted = kit.async(retry, alwaysThrows, rule);
    kit.check(thrown.size() == 3 && exhausted.failure() == thrown.get(2), rule,
        "the third attempt's own exception after 3 attempts", exhausted + " after " + thrown.size() + " attempts");
  }

  /** RETRY-11.1: each call counted once, in the right counter, whichever way it ended. */
  void metricsAreExact() {
    String rule = "RETRY-11.1";
    RetrySpec.Builder spec = kit.baseSpec().maxAttempts(3).ignoreExceptions(IllegalArgumentException.class)
        .retryOnResult("again"::equals);
    Retry retry = kit.build(spec);
    AssertionError error = new AssertionError("an attempt's error");
    List<RetryProbe> probes = List.of(
        new RetryProbe(kit.kitTicker(), attempt -> "ok"),
        new RetryProbe(kit.kitTicker(), attempt -> attempt == 1 ? new IOException("attempt 1") : "ok"),
        new RetryProbe(kit.kitTicker(), attempt -> new IllegalArgumentException("ignored")),
        new RetryProbe(kit.kitTicker(), attempt -> error),
        new RetryProbe(kit.kitTicker(), attempt -> new IOException("attempt " + attempt)),
        new RetryProbe(kit.kitTicker(), attempt -> "again"));
    for (RetryProbe probe : probes) {
      kit.sync(retry, probe, rule);
    }
    Outcome<Object> plain = kit.sync(retry, new RetryProbe(kit.kitTicker(), attempt -> "after an Error"), rule);
    kit.check("after an Error".equals(plain.value()), rule, "a call after the Error to succeed as usual", plain);
    kit.check(probes.get(3).attempts() == 1, rule, "an Error not retried (it is not listed)", probes.get(3).attempts() + " attempts");
    expectCounts(retry.metrics(), new long[] {2, 1, 2, 2}, rule, "call: 2 values at once, 1 after a retry, "
        + "an ignored exception and an Error without retry, 3 failures and 3 retried results after retries");
    if (kit.has(RetryFeature.ASYNC)) {
      Retry async = kit.build(spec);
      kit.async(async, new RetryProbe(kit.kitTicker(), attempt -> "ok").async(), rule);
      kit.async(async, new RetryProbe(kit.kitTicker(), attempt -> attempt == 1 ? new IOException("attempt 1") : "ok").async(), rule);
      kit.async(async, () -> {
        throw new IllegalArgumentException("ignored, thrown by the supplier");
      }, rule);
      kit.async(async, new RetryProbe(kit.kitTicker(), attempt -> new IOException("attempt " + attempt)).async(), rule);
      kit.async(async, () -> {
        throw new IllegalStateException("thrown by the supplier on every attempt");
      }, rule);
      kit.async(async, new RetryProbe(kit.kitTicker(), attempt -> "again").async(), rule);
      expectCounts(async.metrics(), new long[] {1, 1, 1, 3}, rule, "callAsync: 1 value at once, 1 after a retry, "
          + "an ignored exception thrown by the supplier, failed stages, a throwing supplier and retried results exhausted");
    }
  }

  private void expectCounts(RetryMetrics metrics, long[] expected, String rule, String what) {
    long[] seen = {metrics.succeededWithoutRetry(), metrics.succeededAfterRetry(), metrics.failedWithoutRetry(),
        metrics.failedAfterRetry()};
    kit.check(Arrays.equals(expected, seen), rule, "counts (succeeded without/after retry, failed without/after retry) "
        + Arrays.toString(expected) + " after " + what, Arrays.toString(seen) + " in " + metrics);
  }
}
