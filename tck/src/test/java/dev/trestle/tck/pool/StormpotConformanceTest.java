package dev.trestle.tck.pool;

import dev.trestle.pool.Allocator;
import dev.trestle.pool.ObjectPool;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Stormpot 3.2 against the POOL rules, through {@link StormpotObjectPool}. */
class StormpotConformanceTest extends ObjectPoolTck {

  @Override
  protected ObjectPool<Probe> newPool(Allocator<Probe> allocator, PoolSpec spec) {
    return new StormpotObjectPool(allocator, spec);
  }

  @Override
  protected Set<PoolFeature> features() {
    return EnumSet.of(PoolFeature.VALIDATION, PoolFeature.GRACEFUL_SHUTDOWN);
  }

  static final String STALLS = "Stormpot 3.2 fails it intermittently (about one run in two here): with 8 threads on 3 objects, "
      + "some objects invalidated, claimers stay parked on its live queue while objects are neither lent nor destroyed, "
      + "so the threads do not finish within 15 s and objects outlive shutdown; not deterministic, so no test requires the failure";

  @Override
  protected Map<String, String> knownDeviations() {
    return Map.of("POOL-1.2", STALLS, "POOL-8.1", STALLS);
  }

  /** The same adapter without excuses, to reproduce the finding by hand. */
  static class AllRules extends StormpotConformanceTest {
    @Override
    protected Map<String, String> knownDeviations() {
      return Map.of();
    }

    @Override
    protected String implementationName() {
      return "Stormpot";
    }
  }
}
