package dev.trestle.cache;

import java.util.concurrent.atomic.LongAdder;

/** Striped counters behind {@link Cache#stats()}; a disabled counter records nothing. Thread-safe. */
final class StatsCounter {

  private final boolean enabled;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder loadSuccesses = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder loadNanos = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder evictionWeight = new LongAdder();

  StatsCounter(boolean enabled) {
    this.enabled = enabled;
  }

  boolean enabled() {
    return enabled;
  }

  void hit() {
    if (enabled) {
      hits.increment();
    }
  }

  void miss() {
    if (enabled) {
      misses.increment();
    }
  }

  void loadSuccess(long nanos) {
    if (enabled) {
      loadSuccesses.increment();
      loadNanos.add(Math.max(0, nanos));
    }
  }

  void loadFailure(long nanos) {
    if (enabled) {
      loadFailures.increment();
      loadNanos.add(Math.max(0, nanos));
    }
  }

  void eviction(int weight) {
    if (enabled) {
      evictions.increment();
      evictionWeight.add(weight);
    }
  }

  CacheStats snapshot() {
    if (!enabled) {
      return CacheStats.empty();
    }
    return CacheStats.of(hits.sum(), misses.sum(), loadSuccesses.sum(), loadFailures.sum(), loadNanos.sum(),
        evictions.sum(), evictionWeight.sum());
  }
}
