/**
 * Trestle's conformance kits: abstract JUnit 5 classes that check any implementation of a Trestle
 * interface against the rules written in {@code tck/RULES.md}.
 *
 * <p>The block modules the kits check are static dependencies: a kit's user brings the module of the
 * block they implement, and no other.
 */
module dev.trestle.tck {
  requires transitive dev.trestle.core;
  requires transitive org.junit.jupiter.api;
  // each block module is optional (optional in the POM too): a user of the cache kit has
  // dev.trestle.cache and need not have the codec module and its Jackson and Protobuf
  requires static transitive dev.trestle.cache;
  requires static transitive dev.trestle.pool;
  requires static transitive dev.trestle.ratelimit;
  requires static transitive dev.trestle.codec; // codec kit
  requires jdk.management; // codec kit: per-thread allocation, for the bounded-memory rules
  // the run summary: a launcher listener, loaded only by a launcher, which brings this module
  requires static org.junit.platform.launcher;

  provides org.junit.platform.launcher.TestExecutionListener with dev.trestle.tck.internal.KitRunSummary;

  exports dev.trestle.tck;
  exports dev.trestle.tck.timeout;
  exports dev.trestle.tck.hash;
  exports dev.trestle.tck.breaker;
  exports dev.trestle.tck.bulkhead;
  exports dev.trestle.tck.retry;
  exports dev.trestle.tck.hedge;
  exports dev.trestle.tck.cache;
  exports dev.trestle.tck.pool;
  exports dev.trestle.tck.ratelimit;
  exports dev.trestle.tck.codec;
  exports dev.trestle.tck.balance;

  opens dev.trestle.tck.timeout to org.junit.platform.commons;
  opens dev.trestle.tck.hash to org.junit.platform.commons;
  opens dev.trestle.tck.breaker to org.junit.platform.commons;
  opens dev.trestle.tck.bulkhead to org.junit.platform.commons;
  opens dev.trestle.tck.retry to org.junit.platform.commons;
  opens dev.trestle.tck.hedge to org.junit.platform.commons;
  opens dev.trestle.tck.cache to org.junit.platform.commons;
  opens dev.trestle.tck.pool to org.junit.platform.commons;
  opens dev.trestle.tck.ratelimit to org.junit.platform.commons;
  opens dev.trestle.tck.codec to org.junit.platform.commons;
  opens dev.trestle.tck.balance to org.junit.platform.commons;
}
