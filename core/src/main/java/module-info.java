/**
 * Trestle core: the time source every Trestle component reads ({@code Ticker}, {@code Scheduler},
 * {@code Deadline}), timeouts, retries, hedged requests, circuit breaking, bulkheads and consistent
 * hashing.
 *
 * <p>Exports only API packages; implementation classes are package-private. The helpers that
 * Trestle's own modules share (duration checks, the scheduler rule, the waiter queue and its
 * clock-aware park) are in {@code dev.trestle.core.internal}, exported to those modules alone.
 */
module dev.trestle.core {
  requires static micrometer.core;
  requires jdk.jfr;

  exports dev.trestle.core;
  exports dev.trestle.core.timeout;
  exports dev.trestle.core.retry;
  exports dev.trestle.core.hedge;
  exports dev.trestle.core.hash;
  exports dev.trestle.core.breaker;
  exports dev.trestle.core.bulkhead;
  exports dev.trestle.core.balance;
  exports dev.trestle.core.micrometer;
  exports dev.trestle.core.compose;
  exports dev.trestle.core.internal to dev.trestle.cache, dev.trestle.ratelimit, dev.trestle.pool;
}
