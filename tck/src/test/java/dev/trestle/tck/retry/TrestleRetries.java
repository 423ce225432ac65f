package dev.trestle.tck.retry;

import dev.trestle.core.Ticker;
import dev.trestle.core.retry.Retry;
import dev.trestle.core.retry.RetryBudget;
import dev.trestle.core.retry.RetryConfig;

/** Builds Trestle's retry to a kit spec, on the kit's clock or on the system one. */
final class TrestleRetries {

  private TrestleRetries() {}

  static Retry build(RetrySpec spec, boolean manualTicker) {
    RetryConfig.Builder config = RetryConfig.builder()
        .maxAttempts(spec.maxAttempts())
        .backoff(spec.backoff())
        .random(spec.random());
    Ticker ticker = Ticker.system();
    if (manualTicker) {
      ticker = spec.ticker();
      config.ticker(ticker).scheduler(spec.scheduler());
    }
    for (Class<? extends Throwable> type : spec.retryExceptions()) {
      config.retryExceptions(type);
    }
    for (Class<? extends Throwable> type : spec.ignoreExceptions()) {
      config.ignoreExceptions(type);
    }
    if (spec.retryOnResult() != null) {
      config.retryOnResult(spec.retryOnResult());
    }
    if (spec.maxDuration() != null) {
      config.maxDuration(spec.maxDuration());
    }
    if (spec.budget() != null) {
      RetrySpec.Budget budget = spec.budget();
      config.budget(RetryBudget.of(budget.ratio(), budget.minRetriesPerSecond(), budget.ttl(), ticker));
    }
    if (spec.listener() != null) {
      config.listener(spec.listener());
    }
    return Retry.of(config.build());
  }
}
