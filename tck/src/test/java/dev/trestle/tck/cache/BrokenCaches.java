package dev.trestle.tck.cache;

import dev.trestle.cache.Cache;
import dev.trestle.tck.cache.FaultyCache.Fault;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kit run against each deliberately broken cache. These classes are not run by the build
 * directly (Surefire skips nested classes); {@link BrokenCacheSelfTest} runs each one's broken rule
 * and requires it to fail.
 */
final class BrokenCaches {

  private BrokenCaches() {}

  /** Everything FaultyCache supports: all but WEIGHTS and LFU_ORDER. */
  static Set<CacheFeature> features() {
    return EnumSet.complementOf(EnumSet.of(CacheFeature.WEIGHTS, CacheFeature.LFU_ORDER));
  }

  abstract static class Broken extends CacheTck {
    private final Fault fault;

    Broken(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec) {
      return new FaultyCache<>(fault, spec);
    }

    @Override
    protected Set<CacheFeature> features() {
      return BrokenCaches.features();
    }

    @Override
    protected String implementationName() {
      return "FaultyCache(" + fault + ")";
    }
  }

  static final class EvictsMostRecent extends Broken { EvictsMostRecent() { super(Fault.EVICTS_MOST_RECENT); } }
  static final class ExceedsBound extends Broken { ExceedsBound() { super(Fault.EXCEEDS_BOUND); } }
  static final class ServesExpired extends Broken { ServesExpired() { super(Fault.SERVES_EXPIRED); } }
  static final class LoadsTwice extends Broken { LoadsTwice() { super(Fault.LOADS_TWICE); } }
  static final class CachesException extends Broken { CachesException() { super(Fault.CACHES_EXCEPTION); } }
  static final class MissesRemovalNotice extends Broken { MissesRemovalNotice() { super(Fault.MISSES_REMOVAL_NOTICE); } }
  static final class ServesInvalidated extends Broken { ServesInvalidated() { super(Fault.SERVES_INVALIDATED); } }
  static final class LosesUpdate extends Broken { LosesUpdate() { super(Fault.LOSES_UPDATE); } }
  static final class IgnoresScheduler extends Broken { IgnoresScheduler() { super(Fault.IGNORES_SCHEDULER); } }
  static final class SchedulesOnce extends Broken { SchedulesOnce() { super(Fault.SCHEDULES_ONCE); } }
  static final class ComputesUnlocked extends Broken { ComputesUnlocked() { super(Fault.COMPUTES_UNLOCKED); } }
  static final class KeepsOnNull extends Broken { KeepsOnNull() { super(Fault.KEEPS_ON_NULL); } }
  static final class LoadsThenPuts extends Broken { LoadsThenPuts() { super(Fault.LOADS_THEN_PUTS); } }
  static final class StrandsOnError extends Broken { StrandsOnError() { super(Fault.STRANDS_ON_ERROR); } }
  static final class DetachedViews extends Broken { DetachedViews() { super(Fault.DETACHED_VIEWS); } }
  static final class LoadTimeInMillis extends Broken { LoadTimeInMillis() { super(Fault.LOAD_TIME_IN_MILLIS); } }

  /** The faultless cache, to show the faults are the only difference. */
  static final class Faultless extends CacheTck {
    @Override
    protected <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec) {
      return new FaultyCache<>(null, spec);
    }

    @Override
    protected Set<CacheFeature> features() {
      return BrokenCaches.features();
    }
  }
}
