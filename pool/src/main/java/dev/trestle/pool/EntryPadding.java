package dev.trestle.pool;

/**
 * 128 bytes laid out before every {@link Entry}'s own fields (a superclass's fields come first), so
 * that entries allocated one after another never share a cache line, nor the pair of lines the CPU
 * fetches together: each borrower's thread writes its own entry's state and return time, and without
 * the gap it would evict its neighbour's entry from the other core's cache on every cycle.
 */
abstract class EntryPadding {
  long p00, p01, p02, p03, p04, p05, p06, p07;
  long p08, p09, p10, p11, p12, p13, p14, p15;
}
