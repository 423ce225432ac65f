/**
 * Trestle core: the time source every Trestle component reads, deadlines and timeouts, circuit breaking, bulkheads,
 * consistent hashing.
 *
 * <p>Exports only API packages; implementation classes are package-private.
 */
module dev.trestle.core {
  exports dev.trestle.core;
  exports dev.trestle.core.timeout;
  exports dev.trestle.core.hash;
  exports dev.trestle.core.breaker;
  exports dev.trestle.core.bulkhead;
}
