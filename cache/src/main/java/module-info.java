/**
 * Trestle cache: concurrent LRU and LFU caches behind one {@link dev.trestle.cache.Cache} interface,
 * a Caffeine adapter, and a hit-ratio simulator.
 *
 * <p>Exports only API packages; implementation classes are package-private. Caffeine is an optional
 * dependency, needed only by {@link dev.trestle.cache.CaffeineCache}.
 */
module dev.trestle.cache {
  requires transitive dev.trestle.core;
  requires static com.github.benmanes.caffeine;

  exports dev.trestle.cache;
  exports dev.trestle.cache.simulator;
}
