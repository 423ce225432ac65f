/**
 * Trestle cache: concurrent adaptive (window TinyLFU), LRU and LFU caches behind one {@link dev.trestle.cache.Cache} interface,
 * and a Caffeine adapter. The hit-ratio simulator that compares them is a tool of the benchmarks
 * module.
 *
 * <p>Exports only API packages; implementation classes are package-private. Caffeine is an optional
 * dependency, needed only by {@link dev.trestle.cache.CaffeineCache}; Jedis (and the SLF4J API it
 * brings) only by the two-level cache over Redis in {@code dev.trestle.cache.twolevel}.
 */
module dev.trestle.cache {
  requires transitive dev.trestle.core;
  requires static com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static redis.clients.jedis;
  requires static micrometer.core;

  exports dev.trestle.cache;
  exports dev.trestle.cache.twolevel;
  exports dev.trestle.cache.micrometer;
}
