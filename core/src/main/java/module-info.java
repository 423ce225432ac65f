/**
 * Trestle core: the time source every Trestle component reads, deadlines and timeouts.
 *
 * <p>Exports only API packages; implementation classes are package-private.
 */
module dev.trestle.core {
  exports dev.trestle.core;
  exports dev.trestle.core.timeout;
}
